package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.SipTimers;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stateful proxy on real loopback sockets (Netty transport, transaction layer), driven by plain UDP peers
 * that write wire text: what a caller gets back for each kind of request, and what a callee sees.
 */
class StatefulProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** T1 10 ms: Timer B and F are 640 ms, so a dead target is noticed quickly. */
    private static final SipTimers FAST = new SipTimers(Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofMillis(50), Duration.ofSeconds(3));
    private static final AtomicInteger CALLS = new AtomicInteger();

    private final UdpPeer caller = new UdpPeer();
    private final UdpPeer bob = new UdpPeer();
    private final UdpPeer mute = new UdpPeer();
    private StatefulProxy proxy;
    private InetSocketAddress proxyAddress;
    private int proxyPort;

    @BeforeEach
    void startProxy() {
        // The loop route points back at the proxy: known only once it is bound, so it is found by a resolver.
        StaticRoutes routes = StaticRoutes.none()
                .with("bob@example.com", bob.endpoint())
                .with("mute@example.com", mute.endpoint());
        ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
                .withRoutes(routes)
                .withSupportedExtensions(Set.of("path"))
                .withTimers(FAST);
        TargetResolver resolver = request -> request.requestUri().toString().startsWith("sip:loop@")
                ? TargetDecision.forward(List.of(Target.via(request.requestUri(),
                        Endpoint.udp("127.0.0.1", proxyPort))))
                : routes.resolve(request);
        proxy = StatefulProxy.start(config, resolver);
        ListeningPoint udp = proxy.listeningPoint(Transport.UDP);
        proxyPort = udp.port();
        proxyAddress = new InetSocketAddress("127.0.0.1", proxyPort);
    }

    @AfterEach
    void stop() {
        proxy.close();
        caller.close();
        bob.close();
        mute.close();
    }

    private String request(String method, String uri, String... extra) {
        int n = CALLS.incrementAndGet();
        return method + " " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:$port;branch=z9hG4bKcaller" + n + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.net>;tag=f" + n + "\n"
                + "To: <sip:bob@example.com>\n"
                + "Call-ID: proxytest-" + n + "\n"
                + "CSeq: 1 " + method + "\n"
                + "Contact: <sip:alice@127.0.0.1:$port>\n"
                + String.join("", Arrays.stream(extra).map(h -> h + "\n").toList())
                + "Content-Length: 0\n\n";
    }

    private static boolean isFinal(SipMessage m) {
        return m instanceof SipResponse r && r.isFinal();
    }

    private SipResponse finalResponse() {
        return (SipResponse) caller.receive(WAIT, StatefulProxyTest::isFinal);
    }

    @Test
    void optionsForTheProxyIsAnswered200WithAllowAndSupported() {
        caller.send(request("OPTIONS", "sip:127.0.0.1:" + proxyPort), proxyAddress);

        SipResponse r = finalResponse();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headerValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("INVITE", "REGISTER"));
        assertThat(r.headerValue("Supported")).contains("path");
    }

    @Test
    void maxForwardsZeroIs483() {
        caller.send(request("INVITE", "sip:bob@example.com").replace("Max-Forwards: 70", "Max-Forwards: 0"),
                proxyAddress);

        assertThat(finalResponse().statusCode()).isEqualTo(483);
        assertThat(bob.receive(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void unknownSchemeIs416() {
        caller.send(request("MESSAGE", "urn:service:sos"), proxyAddress);

        assertThat(finalResponse().statusCode()).isEqualTo(416);
    }

    @Test
    void unsupportedProxyRequireIs420WithUnsupported() {
        caller.send(request("MESSAGE", "sip:bob@example.com", "Proxy-Require: foo"), proxyAddress);

        SipResponse r = finalResponse();
        assertThat(r.statusCode()).isEqualTo(420);
        assertThat(r.headerValue("Unsupported")).contains("foo");
    }

    @Test
    void unknownUserInOurDomainIs404() {
        caller.send(request("MESSAGE", "sip:nobody@example.com"), proxyAddress);

        assertThat(finalResponse().statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestRoutedBackToTheProxyUnchangedIs482() {
        caller.send(request("MESSAGE", "sip:loop@example.com"), proxyAddress);

        SipResponse r = finalResponse();

        assertThat(r.statusCode()).isEqualTo(482);
        assertThat(r.vias()).hasSize(1);
    }

    @Test
    void aTargetThatNeverAnswersEndsIn408() {
        caller.send(request("INVITE", "sip:mute@example.com"), proxyAddress);

        assertThat(((SipResponse) caller.receive(WAIT).orElseThrow()).statusCode()).isEqualTo(100);
        SipRequest atMute = (SipRequest) mute.receive(WAIT).orElseThrow();
        assertThat(atMute.method()).isEqualTo("INVITE");
        SipResponse r = finalResponse();
        assertThat(r.statusCode()).isEqualTo(408);
        assertThat(r.to().tag()).isPresent();
    }

    @Test
    void aStrictRoutedRequestIsFixedAndReachesTheRemoteTarget() {
        String ourRecordRoute = "sip:127.0.0.1:" + proxyPort + ";transport=udp;lr";
        caller.send(request("MESSAGE", ourRecordRoute, "Route: <sip:bob@127.0.0.1:" + bob.port() + ">")
                .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b1"), proxyAddress);

        SipRequest atBob = (SipRequest) bob.receive(WAIT).orElseThrow();

        assertThat(atBob.requestUri().toString()).isEqualTo("sip:bob@127.0.0.1:" + bob.port());
        assertThat(atBob.hasHeader("Route")).isFalse();
        assertThat(atBob.vias()).hasSize(2);
        assertThat(atBob.topVia().sentBy()).isEqualTo("127.0.0.1:" + proxyPort);
        assertThat(atBob.maxForwards()).contains(69);

        bob.send(SipResponse.forRequest(atBob, 200).build(), new InetSocketAddress("127.0.0.1", proxyPort));
        SipResponse r = finalResponse();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.vias()).hasSize(1);
    }

    @Test
    void aCancelledInviteIsCancelledDownstreamAndEndsIn487() {
        caller.send(request("INVITE", "sip:bob@example.com"), proxyAddress);
        SipRequest invite = (SipRequest) bob.receive(WAIT, m -> m instanceof SipRequest r && r.isMethod("INVITE"));
        assertThat(invite.recordRoutes()).extracting(a -> a.uri().toString())
                .containsExactly("sip:127.0.0.1:" + proxyPort + ";transport=udp;lr");
        InetSocketAddress toProxy = new InetSocketAddress("127.0.0.1", proxyPort);
        bob.send(SipResponse.forRequest(invite, 180).toTag("bob1").build(), toProxy);
        SipResponse ringing = (SipResponse) caller.receive(WAIT, m -> m instanceof SipResponse r && r.statusCode() == 180);
        assertThat(ringing.vias()).hasSize(1);

        String cancel = request("CANCEL", "sip:bob@example.com").replaceAll("CSeq: 1 CANCEL", "CSeq: 1 CANCEL");
        int n = CALLS.get();
        // The CANCEL must match the INVITE: same branch, Call-ID, From tag, CSeq number (§9.1).
        cancel = cancel.replace("caller" + n, "caller" + (n - 1)).replace("tag=f" + n, "tag=f" + (n - 1))
                .replace("proxytest-" + n, "proxytest-" + (n - 1));
        caller.send(cancel, proxyAddress);

        SipResponse cancelOk = (SipResponse) caller.receive(WAIT,
                m -> m instanceof SipResponse r && r.cseq().method().equals("CANCEL"));
        assertThat(cancelOk.statusCode()).isEqualTo(200);
        SipRequest downstreamCancel = (SipRequest) bob.receive(WAIT,
                m -> m instanceof SipRequest r && r.isMethod("CANCEL"));
        assertThat(downstreamCancel.topVia().branch()).isEqualTo(invite.topVia().branch());
        bob.send(SipResponse.forRequest(downstreamCancel, 200).build(), toProxy);
        bob.send(SipResponse.forRequest(invite, 487).toTag("bob1").build(), toProxy);

        SipResponse terminated = (SipResponse) caller.receive(WAIT,
                m -> m instanceof SipResponse r && r.cseq().method().equals("INVITE") && r.isFinal());
        assertThat(terminated.statusCode()).isEqualTo(487);
        // The proxy's client transaction acknowledges the 487 hop by hop (§17.1.1.3).
        SipRequest ack = (SipRequest) bob.receive(WAIT, m -> m instanceof SipRequest r && r.isMethod("ACK"));
        assertThat(ack.topVia().branch()).isEqualTo(invite.topVia().branch());
    }

    @Test
    void sequentialForkingMovesOnFromASilentTargetAfterItsBranchTime() {
        ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
                .withRoutes(StaticRoutes.none().with("seq@example.com", mute.endpoint(), bob.endpoint()))
                .withForking(ForkingMode.SEQUENTIAL, Duration.ofMillis(300))
                .withTimers(FAST);
        try (StatefulProxy sequential = StatefulProxy.start(config)) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", sequential.listeningPoint(Transport.UDP).port());
            caller.send(request("MESSAGE", "sip:seq@example.com"), to);

            SipRequest first = (SipRequest) mute.receive(WAIT).orElseThrow();
            assertThat(first.method()).isEqualTo("MESSAGE");
            assertThat(bob.receive(Duration.ofMillis(150))).as("bob is not tried before the first branch's time").isEmpty();
            SipRequest second = (SipRequest) bob.receive(WAIT).orElseThrow();
            bob.send(SipResponse.forRequest(second, 200).toTag("b").build(), to);

            SipResponse r = finalResponse();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.vias()).hasSize(1);
        }
    }

    @Test
    void anAckForA2xxIsRoutedLikeAnInDialogRequestWithoutATransaction() {
        caller.send(request("ACK", "sip:bob@127.0.0.1:" + bob.port(),
                "Route: <sip:127.0.0.1:" + proxyPort + ";transport=udp;lr>")
                .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=b1"), proxyAddress);

        SipRequest atBob = (SipRequest) bob.receive(WAIT).orElseThrow();

        assertThat(atBob.method()).isEqualTo("ACK");
        assertThat(atBob.hasHeader("Route")).isFalse();
        assertThat(atBob.vias()).hasSize(2);
        assertThat(atBob.topVia().sentBy()).isEqualTo("127.0.0.1:" + proxyPort);
        assertThat(caller.receive(Duration.ofMillis(200))).as("an ACK is never answered").isEmpty();
    }

    @Test
    void aStray2xxToInviteIsPassedOnStatelessly() {
        // A 2xx whose client transaction is gone (or never was): our Via on top, the caller's under it.
        String ok = "SIP/2.0 200 OK\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + proxyPort + ";branch=z9hG4bKgone.1\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bKcallerstray\n"
                + "From: <sip:alice@example.net>;tag=s1\n"
                + "To: <sip:bob@example.com>;tag=b9\n"
                + "Call-ID: stray-1\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:bob@127.0.0.1:" + bob.port() + ">\n"
                + "Content-Length: 0\n\n";
        bob.send(ok, proxyAddress);

        SipResponse atCaller = (SipResponse) caller.receive(WAIT).orElseThrow();

        assertThat(atCaller.statusCode()).isEqualTo(200);
        assertThat(atCaller.vias()).hasSize(1);
        assertThat(atCaller.topVia().branch()).contains("z9hG4bKcallerstray");
    }

    @Test
    void aStrayNon2xxIsDropped() {
        String busy = "SIP/2.0 486 Busy Here\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + proxyPort + ";branch=z9hG4bKgone.2\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bKcallerstray2\n"
                + "From: <sip:alice@example.net>;tag=s2\n"
                + "To: <sip:bob@example.com>;tag=b9\n"
                + "Call-ID: stray-2\n"
                + "CSeq: 1 INVITE\n"
                + "Content-Length: 0\n\n";
        bob.send(busy, proxyAddress);

        assertThat(caller.receive(Duration.ofMillis(300))).isEmpty();
    }

    @Test
    void aRoutingDecisionThatComesLaterIsWaitedForAndACancelMeanwhileEndsIt() throws Exception {
        CompletableFuture<TargetDecision> slow = new CompletableFuture<>();
        CompletableFuture<TargetDecision> never = new CompletableFuture<>();
        ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
                .withTimers(FAST);
        TargetResolver hss = r -> TargetDecision.later(r.requestUri().toString().contains("bob") ? slow : never);
        try (StatefulProxy waiting = StatefulProxy.start(config, hss)) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", waiting.listeningPoint(Transport.UDP).port());

            caller.send(request("MESSAGE", "sip:bob@example.com"), to);
            assertThat(bob.receive(Duration.ofMillis(200))).isEmpty();
            slow.complete(TargetDecision.forward(List.of(Target.via(
                    SipUri.parse("sip:bob@example.com"), bob.endpoint()))));
            SipRequest atBob = (SipRequest) bob.receive(WAIT).orElseThrow();
            bob.send(SipResponse.forRequest(atBob, 200).toTag("b").build(), to);
            assertThat(finalResponse().statusCode()).isEqualTo(200);

            String invite = request("INVITE", "sip:carol@example.com");
            caller.send(invite, to);
            assertThat(((SipResponse) caller.receive(WAIT).orElseThrow()).statusCode()).isEqualTo(100);
            caller.send(invite.replace("INVITE sip:", "CANCEL sip:").replace("1 INVITE", "1 CANCEL")
                    .replaceAll("Contact: .*\n", ""), to);
            SipResponse first = finalResponse();
            SipResponse second = finalResponse();
            assertThat(List.of(first.cseq().method() + " " + first.statusCode(),
                    second.cseq().method() + " " + second.statusCode()))
                    .containsExactlyInAnyOrder("CANCEL 200", "INVITE 487");
        }
    }

    @Test
    void hooksChangeWhatIsForwardedAndWhatGoesBack() {
        ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
                .withRoutes(StaticRoutes.none().with("bob@example.com", bob.endpoint()))
                .withTimers(FAST);
        ProxyHooks asserting = new ProxyHooks() {
            @Override
            public SipRequest beforeForward(SipRequest received, SipRequest copy, Target target) {
                return copy.toBuilder().remove("P-Preferred-Identity")
                        .add("P-Asserted-Identity", "<sip:alice@example.net>").build();
            }

            @Override
            public SipResponse beforeResponse(SipRequest received, SipResponse response) {
                return response.toBuilder().add("P-Charging-Vector", "icid-value=" + received.callId()).build();
            }
        };
        try (StatefulProxy hooked = StatefulProxy.start(config, config.routes(), asserting)) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", hooked.listeningPoint(Transport.UDP).port());
            caller.send(request("MESSAGE", "sip:bob@example.com", "P-Preferred-Identity: <sip:mallory@example.net>"),
                    to);

            SipRequest atBob = (SipRequest) bob.receive(WAIT).orElseThrow();
            assertThat(atBob.hasHeader("P-Preferred-Identity")).isFalse();
            assertThat(atBob.headerValue("P-Asserted-Identity")).contains("<sip:alice@example.net>");
            bob.send(SipResponse.forRequest(atBob, 200).toTag("b").build(), to);

            SipResponse r = finalResponse();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headerValue("P-Charging-Vector")).contains("icid-value=" + atBob.callId());
        }
    }
}
