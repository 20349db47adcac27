package org.imscore.cscf.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.Target;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An INVITE a CSCF proxied and that was answered 2xx, once its proxying completed: the 2xx responses that still come
 * until Timer M (retransmissions, other forks downstream) go upstream through the layer's record of the accepted server
 * transaction, one for each, and nothing else does; and neither the node nor the proxy machinery holds the request as
 * received, the leg's copy or the role's divert test any more. A {@link SipNode} on loopback sockets with the default
 * timers, its role proxying every request to one leg as a CSCF does; the caller and the callee are plain UDP sockets
 * that write wire text. Also: the node's 100 Trying to an INVITE waits up to 200 ms for the callee's first response.
 */
class ProxiedRequestTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

    private final Peer caller = new Peer();
    private final Peer callee = new Peer();
    /** What the role was given and made for each request, watched for the collector. */
    private final List<WeakReference<Object>> watched = new ArrayList<>();
    private final SipNode node = SipNode.bind("S-CSCF", TransportConfig.ephemeral("127.0.0.1"), uri -> Optional.empty())
            .serve(this::proxyToCallee);

    @AfterEach
    void stop() {
        node.close();
        caller.close();
        callee.close();
    }

    /**
     * The role: its own copy of the request for the leg, Record-Route, and a divert test that holds the transaction
     * and the request, as the S-CSCF's test of an AS that did not answer does.
     */
    private void proxyToCallee(SipNode n, ServerTransaction transaction) {
        SipRequest received = transaction.request();
        SipRequest leg = n.withoutOurRoutes(received, transaction.local()).toBuilder()
                .add("P-Charging-Vector", "icid-value=" + received.callId()).build();
        synchronized (watched) {
            watched.add(new WeakReference<>(received));
            watched.add(new WeakReference<>(transaction));
            watched.add(new WeakReference<>(leg));
        }
        n.proxy(transaction, List.of(new SipNode.Leg(leg, Target.via(leg.requestUri(), callee.endpoint()))), true,
                response -> response.statusCode() == 408 && transaction.isInvite() && received.hasHeader("Route"));
    }

    private String invite(String branch) {
        return "INVITE sip:bob@ims.example.org SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK" + branch + ";rport\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@ims.example.org>;tag=a-" + branch + "\n"
                + "To: <sip:bob@ims.example.org>\n"
                + "Call-ID: proxied-" + branch + "\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:alice@127.0.0.1:" + caller.port() + ">\n"
                + "Content-Length: 0\n\n";
    }

    private static SipResponse answer(SipRequest forwarded, int status, String toTag) {
        return SipResponse.forRequest(forwarded, status).toTag(toTag).add("Contact", "<sip:bob@127.0.0.1>").build();
    }

    private SipRequest atCallee(String method) {
        return (SipRequest) callee.receive(m -> m instanceof SipRequest r && r.isMethod(method));
    }

    private SipResponse atCaller(String method, int status) {
        return (SipResponse) caller.receive(m -> m instanceof SipResponse r && r.statusCode() == status
                && r.cseq().method().equals(method));
    }

    /** Every response the caller gets until nothing has come for a while, as "status To-tag". */
    private List<String> restAtCaller() {
        List<String> rest = new ArrayList<>();
        Optional<SipMessage> m;
        while ((m = caller.receive(QUIET)).isPresent()) {
            SipResponse r = (SipResponse) m.get();
            rest.add(r.statusCode() + " " + r.to().tag().orElse(""));
        }
        return rest;
    }

    @Test
    void aCompletedInviteKeepsNothingOfTheRequestAndItsLate2xxStillGoUpstream() throws InterruptedException {
        caller.send(invite("done1"));
        SipRequest forwarded = atCallee("INVITE");
        assertThat(forwarded.headerValue("P-Charging-Vector")).contains("icid-value=proxied-done1");
        SipResponse ok = answer(forwarded, 200, "b1");
        callee.send(ok);
        assertThat(atCaller("INVITE", 200).to().tag()).contains("b1");

        awaitCollected();

        callee.send(ok); // retransmitted
        callee.send(ok);
        callee.send(answer(forwarded, 200, "b2")); // a second phone behind a forking proxy
        callee.send(answer(forwarded, 486, "b3")); // not for this transaction any more
        assertThat(restAtCaller()).containsExactly("200 b1", "200 b1", "200 b2");
        assertThat(node.transactionLayer().serverTransactionCount()).isEqualTo(1);
        assertThat(node.transactionLayer().clientTransactionCount()).isEqualTo(1);
    }

    @Test
    void aCancelThatCrossesThe2xxLeavesThe2xxAsTheAnswerAndItsRetransmissionGoesUpstream() {
        String invite = invite("crossed1");
        caller.send(invite);
        SipRequest forwarded = atCallee("INVITE");
        callee.send(answer(forwarded, 180, "b4"));
        atCaller("INVITE", 180);

        caller.send(invite.replace("INVITE sip:", "CANCEL sip:").replace("1 INVITE", "1 CANCEL")
                .replaceAll("Contact: .*\n", ""));
        assertThat(atCaller("CANCEL", 200).statusCode()).isEqualTo(200);
        SipRequest cancel = atCallee("CANCEL");
        SipResponse ok = answer(forwarded, 200, "b4"); // answered just before the CANCEL arrived
        callee.send(ok);
        callee.send(SipResponse.forRequest(cancel, 481).toTag("b4").build());
        assertThat(atCaller("INVITE", 200).to().tag()).contains("b4");
        callee.send(ok);

        assertThat(restAtCaller()).as("the 2xx is the answer; its retransmission follows it, no 487")
                .containsExactly("200 b4");
    }

    @Test
    void noTryingGoesUpstreamWhenTheCalleeRingsWithin200Ms() {
        long sent = System.nanoTime();
        caller.send(invite("ring1"));
        SipRequest forwarded = atCallee("INVITE");
        callee.send(answer(forwarded, 180, "b6"));
        long answeredMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(atCaller("INVITE", 180).to().tag()).contains("b6");
        callee.send(answer(forwarded, 486, "b6"));
        assertThat(atCaller("INVITE", 486).to().tag()).contains("b6");
        // Only meaningful when this machine let the 180 out well inside the wait.
        org.junit.jupiter.api.Assumptions.assumeTrue(answeredMs < 150, "the 180 left after " + answeredMs + " ms");
        assertThat(restAtCaller()).as("no 100 Trying, and the 486 is retransmitted until the ACK")
                .allMatch(r -> r.equals("486 b6"));
        assertThat(caller.seenStatuses).doesNotContain(100);
    }

    @Test
    void theTryingComesAfter200MsWhenTheCalleeIsSilent() {
        caller.send(invite("silent1"));
        atCallee("INVITE");
        assertThat(caller.receive(Duration.ofMillis(100))).as("nothing before the wait is over").isEmpty();
        SipResponse trying = atCaller("INVITE", 100);
        assertThat(trying.to().tag()).isEmpty();
        assertThat(trying.callId()).isEqualTo("proxied-silent1");
    }

    /** Collects until every watched object is gone; fails after a bounded number of attempts. */
    private void awaitCollected() throws InterruptedException {
        List<WeakReference<Object>> all;
        synchronized (watched) {
            all = List.copyOf(watched);
        }
        assertThat(all).hasSize(3);
        for (int attempt = 0; attempt < 100 && all.stream().anyMatch(w -> w.get() != null); attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(all).as("request, transaction and leg still reachable after 100 collections")
                .allSatisfy(w -> assertThat(w.get()).isNull());
    }

    /** A SIP peer on a plain loopback UDP socket: writes wire text to the node, reads and parses what comes back. */
    private final class Peer implements AutoCloseable {

        private final DatagramSocket socket;
        /** The status of every response this peer received. */
        final List<Integer> seenStatuses = new ArrayList<>();

        Peer() {
            try {
                socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        Endpoint endpoint() {
            return Endpoint.udp("127.0.0.1", port());
        }

        /** Wire text written with LF line ends. */
        void send(String text) {
            send(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        void send(SipMessage message) {
            send(SipSerializer.serialize(message));
        }

        private void send(byte[] octets) {
            try {
                socket.send(new DatagramPacket(octets, octets.length, node.address()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next message within {@code timeout}, or empty. */
        Optional<SipMessage> receive(Duration timeout) {
            byte[] buffer = new byte[65_535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.setSoTimeout((int) timeout.toMillis());
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SipParseResult r = SipParser.parse(buffer, 0, packet.getLength());
            assertThat(r.isSuccess()).as("%s", r).isTrue();
            if (r.message() instanceof SipResponse response) {
                seenStatuses.add(response.statusCode());
            }
            return Optional.of(r.message());
        }

        /** The next message that {@code wanted} accepts, skipping others (100 Trying, provisionals). */
        SipMessage receive(Predicate<SipMessage> wanted) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<SipMessage> m = receive(Duration.ofMillis(100));
                if (m.isPresent() && wanted.test(m.get())) {
                    return m.get();
                }
            }
            throw new AssertionError("nothing wanted arrived within " + WAIT);
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
