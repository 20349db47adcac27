package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An INVITE the stateful proxy forwarded and that was answered 2xx, once the request is finished (final response
 * upstream, every branch ended): until Timer M every further 2xx still goes upstream, once per 2xx received (RFC 6026
 * §7.2, RFC 3261 §16.7 step 5), and nothing else does. On loopback sockets with the default timers (Timers L and M
 * 32 s), driven by plain UDP peers that write wire text.
 */
class AcceptedInviteProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

    private final UdpPeer caller = new UdpPeer();
    private final UdpPeer bob = new UdpPeer();
    private final UdpPeer carol = new UdpPeer();
    private StatefulProxy proxy;
    private InetSocketAddress proxyAddress;

    /** The proxy, with {@code hooks} on what passes through. */
    private void start(ProxyHooks hooks) {
        ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
                .withRoutes(StaticRoutes.none()
                        .with("bob@example.com", bob.endpoint())
                        .with("both@example.com", bob.endpoint(), carol.endpoint()));
        proxy = StatefulProxy.start(config, config.routes(), hooks);
        proxyAddress = new InetSocketAddress("127.0.0.1", proxy.listeningPoint(Transport.UDP).port());
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        caller.close();
        bob.close();
        carol.close();
    }

    private static String invite(String user, String branch) {
        return "INVITE sip:" + user + "@example.com SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:$port;branch=z9hG4bK" + branch + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.net>;tag=a-" + branch + "\n"
                + "To: <sip:" + user + "@example.com>\n"
                + "Call-ID: accepted-" + branch + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:alice@127.0.0.1:$port>\n"
                + "Content-Length: 0\n\n";
    }

    private static SipResponse answer(SipRequest forwarded, int status, String toTag) {
        return SipResponse.forRequest(forwarded, status).toTag(toTag).add("Contact", "<sip:callee@127.0.0.1>")
                .build();
    }

    private static SipRequest forwardedInvite(UdpPeer callee) {
        return (SipRequest) callee.receive(WAIT, m -> m instanceof SipRequest r && r.isMethod("INVITE"));
    }

    private SipResponse nextAtCaller(int status) {
        return (SipResponse) caller.receive(WAIT, m -> m instanceof SipResponse r && r.statusCode() == status
                && r.cseq().method().equals("INVITE"));
    }

    /** Every response the caller gets until nothing has come for a while. */
    private List<SipResponse> restAtCaller() {
        List<SipResponse> rest = new ArrayList<>();
        Optional<SipMessage> m;
        while ((m = caller.receive(QUIET)).isPresent()) {
            rest.add((SipResponse) m.get());
        }
        return rest;
    }

    private void awaitFinished() throws InterruptedException {
        for (int i = 0; i < 250 && proxy.activeTransactions() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(proxy.activeTransactions()).as("requests still being proxied").isZero();
    }

    @Test
    void aRetransmitted2xxGoesUpstreamOncePerRetransmissionAfterTheRequestIsFinished() throws Exception {
        start(ProxyHooks.NONE);
        caller.send(invite("bob", "late1"), proxyAddress);
        SipRequest atBob = forwardedInvite(bob);
        SipResponse ok = answer(atBob, 200, "b1");
        bob.send(ok, proxyAddress);
        assertThat(nextAtCaller(200).to().tag()).contains("b1");
        awaitFinished();

        bob.send(ok, proxyAddress);
        bob.send(ok, proxyAddress);

        List<SipResponse> rest = restAtCaller();
        assertThat(rest).extracting(SipResponse::statusCode).containsExactly(200, 200);
        assertThat(rest).allSatisfy(r -> {
            assertThat(r.to().tag()).contains("b1");
            assertThat(r.vias()).as("our Via taken off").hasSize(1);
            assertThat(r.topVia().branch()).contains("z9hG4bKlate1");
        });
    }

    @Test
    void theHooksSeeEveryLate2xxWithTheRequestItAnswers() throws Exception {
        List<String> seen = new ArrayList<>();
        start(new ProxyHooks() {
            @Override
            public SipResponse beforeResponse(SipRequest received, SipResponse response) {
                synchronized (seen) {
                    seen.add(response.statusCode() + " " + received.callId());
                }
                return response.toBuilder().add("P-Charging-Vector", "icid-value=" + received.callId()).build();
            }
        });
        caller.send(invite("bob", "late5"), proxyAddress);
        SipRequest atBob = forwardedInvite(bob);
        SipResponse ok = answer(atBob, 200, "b5");
        bob.send(ok, proxyAddress);
        nextAtCaller(200);
        awaitFinished();

        bob.send(ok, proxyAddress);

        assertThat(restAtCaller()).singleElement().satisfies(r -> assertThat(r.headerValue("P-Charging-Vector"))
                .contains("icid-value=accepted-late5"));
        synchronized (seen) {
            assertThat(seen).containsExactly("200 accepted-late5", "200 accepted-late5");
        }
    }

    @Test
    void a2xxOfAnotherForkDownstreamGoesUpstreamAfterTheRequestIsFinished() throws Exception {
        start(ProxyHooks.NONE);
        caller.send(invite("bob", "late2"), proxyAddress);
        SipRequest atBob = forwardedInvite(bob);
        bob.send(answer(atBob, 200, "fork1"), proxyAddress);
        assertThat(nextAtCaller(200).to().tag()).contains("fork1");
        awaitFinished();

        // A forking proxy behind bob's address passes on the 2xx of a second phone (two dialogs, RFC 3261 §16.7).
        bob.send(answer(atBob, 200, "fork2"), proxyAddress);

        assertThat(restAtCaller()).singleElement().satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.to().tag()).contains("fork2");
            assertThat(r.vias()).hasSize(1);
        });
    }

    @Test
    void aNon2xxAfterTheRequestIsFinishedIsDropped() throws Exception {
        start(ProxyHooks.NONE);
        caller.send(invite("bob", "late3"), proxyAddress);
        SipRequest atBob = forwardedInvite(bob);
        bob.send(answer(atBob, 200, "b3"), proxyAddress);
        nextAtCaller(200);
        awaitFinished();

        bob.send(answer(atBob, 183, "b3"), proxyAddress);
        bob.send(answer(atBob, 486, "b4"), proxyAddress);
        bob.send(answer(atBob, 603, "b5"), proxyAddress);

        assertThat(restAtCaller()).isEmpty();
        assertThat(bob.receive(QUIET)).as("no ACK for a response that does not belong to the transaction any more")
                .isEmpty();
    }

    @Test
    void aCancelThatCrossesThe2xxLeavesThe2xxAsTheAnswerAndItsRetransmissionsGoUpstreamToo() throws Exception {
        start(ProxyHooks.NONE);
        String invite = invite("both", "late4");
        caller.send(invite, proxyAddress);
        SipRequest atBob = forwardedInvite(bob);
        SipRequest atCarol = forwardedInvite(carol);
        bob.send(answer(atBob, 180, "b6"), proxyAddress);
        carol.send(answer(atCarol, 180, "c6"), proxyAddress);
        caller.receive(WAIT, m -> m instanceof SipResponse r && r.statusCode() == 180);

        caller.send(invite.replace("INVITE sip:", "CANCEL sip:").replace("1 INVITE", "1 CANCEL")
                .replaceAll("Contact: .*\n", ""), proxyAddress);
        SipResponse cancelled = (SipResponse) caller.receive(WAIT,
                m -> m instanceof SipResponse r && r.cseq().method().equals("CANCEL"));
        assertThat(cancelled.statusCode()).isEqualTo(200);
        SipRequest cancelAtBob = (SipRequest) bob.receive(WAIT, m -> m instanceof SipRequest r && r.isMethod("CANCEL"));
        SipRequest cancelAtCarol = (SipRequest) carol.receive(WAIT,
                m -> m instanceof SipRequest r && r.isMethod("CANCEL"));
        // Bob answered just before the CANCEL reached him; carol's phone stops ringing.
        SipResponse ok = answer(atBob, 200, "b6");
        bob.send(ok, proxyAddress);
        bob.send(SipResponse.forRequest(cancelAtBob, 481).toTag("b6").build(), proxyAddress);
        carol.send(SipResponse.forRequest(cancelAtCarol, 200).toTag("c6").build(), proxyAddress);
        carol.send(answer(atCarol, 487, "c6"), proxyAddress);

        assertThat(nextAtCaller(200).to().tag()).contains("b6");
        awaitFinished();
        bob.send(ok, proxyAddress);

        assertThat(restAtCaller()).extracting(r -> r.statusCode() + " " + r.to().tag().orElse(""))
                .as("no 487 upstream once a 2xx went; the retransmitted 2xx goes").containsExactly("200 b6");
    }
}
