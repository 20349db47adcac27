package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.sip.transport.Peers.LOOPBACK;
import static org.imscore.sip.transport.Peers.options;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Peers.TcpPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TCP over loopback: framing, keep-alive, size limit, connection reuse and response routing. */
class TcpTransportTest {

    private static final int MAX_SIZE = 4096;

    private final Peers.Uas uas = new Peers.Uas();
    private NettySipTransport transport;
    private ListeningPoint tcp;

    @BeforeEach
    void start() {
        transport = Peers.start(TransportConfig.builder().listen(LOOPBACK, 0).maxMessageSize(MAX_SIZE)
                .idleTimeout(Duration.ofSeconds(30)).build(), uas);
        tcp = transport.listeningPoint(Transport.TCP);
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    @Test
    void requestIsStampedAndAnsweredOnTheSameConnection() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            // sent-by port 5999 is not where the peer listens: the answer must come back on the connection
            peer.send(options("TCP", "ue.example.com:5999", ";rport", "tcp1"));

            InboundMessage in = uas.next();
            assertThat(in.message().topVia().received()).hasValue(LOOPBACK);
            assertThat(in.message().topVia().rport()).hasValue(peer.port());
            assertThat(in.source().transport()).isEqualTo(Transport.TCP);
            assertThat(in.local()).isEqualTo(tcp);

            SipResponse answer = (SipResponse) peer.receive();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.topVia().received()).hasValue(LOOPBACK);
            assertThat(answer.topVia().rport()).hasValue(peer.port());
        }
    }

    @Test
    void answerGoesBackOnTheConnectionAlthoughTheViaNamesAnotherPortAndNoRport() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            // RFC 3261 §18.2.2: only the connection leads back; 127.0.0.1:5999 has no listener
            peer.send(options("TCP", LOOPBACK + ":5999", "", "norport"));

            assertThat(uas.next().message().topVia().hasRport()).isFalse();
            SipResponse answer = (SipResponse) peer.receive();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.topVia().sentBy()).isEqualTo(LOOPBACK + ":5999");
        }
    }

    @Test
    void messageWrittenOneByteAtATimeIsFramed() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            byte[] bytes = withBody(options("TCP", LOOPBACK + ":5999", "", "bytewise"), "v=0\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                peer.send(new byte[] {b});
            }
            InboundMessage in = uas.next();
            assertThat(in.message().bodyAsString()).isEqualTo("v=0\r\n");
            assertThat(((SipResponse) peer.receive()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void severalMessagesInOneSegmentAreAllDelivered() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            String three = options("TCP", LOOPBACK + ":5999", "", "s1") + withBody(options("TCP", LOOPBACK + ":5999",
                    "", "s2"), "hello") + options("TCP", LOOPBACK + ":5999", "", "s3");
            peer.send(three);

            assertThat(uas.next().message().callId()).isEqualTo("s1@example.com");
            assertThat(uas.next().message().bodyAsString()).isEqualTo("hello");
            assertThat(uas.next().message().callId()).isEqualTo("s3@example.com");
            for (int i = 1; i <= 3; i++) {
                assertThat(peer.receive().callId()).isEqualTo("s" + i + "@example.com");
            }
        }
    }

    @Test
    void doubleCrlfPingIsAnsweredWithOneCrlfPong() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            peer.send("\r\n\r\n");
            assertThat(peer.receiveRaw(2)).containsExactly('\r', '\n');
            // and the connection still carries messages
            peer.send(options("TCP", LOOPBACK + ":5999", "", "afterping"));
            assertThat(peer.receive().callId()).isEqualTo("afterping@example.com");
            assertThat(transport.stats().keepAlivePongs()).isEqualTo(1);
        }
    }

    @Test
    void oversizeMessageIsAnsweredWith513AndTheConnectionClosed() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            peer.send(withBody(options("TCP", LOOPBACK + ":5999", "", "big"), "x".repeat(MAX_SIZE)));

            SipResponse answer = (SipResponse) peer.receive();
            assertThat(answer.statusCode()).isEqualTo(513);
            assertThat(answer.reasonPhrase()).isEqualTo("Message Too Large");
            assertThat(answer.callId()).isEqualTo("big@example.com");
            assertThat(peer.closedByPeer()).isTrue();
            assertThat(uas.received).isEmpty();
            assertThat(transport.stats().oversizeRejected()).isEqualTo(1);
        }
    }

    @Test
    void oversizeHeaderSectionIsClosedWithoutAnswer() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            peer.send("OPTIONS sip:a@b SIP/2.0\r\nX-Filler: " + "y".repeat(MAX_SIZE));
            assertThat(peer.closedByPeer()).isTrue();
            assertThat(transport.stats().oversizeRejected()).isEqualTo(1);
        }
    }

    @Test
    void unreadableContentLengthIsAnsweredWith400AndTheConnectionClosed() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            peer.send(options("TCP", LOOPBACK + ":5999", "", "cl").replace("Content-Length: 0", "Content-Length: x"));

            SipResponse answer = (SipResponse) peer.receive();
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.reasonPhrase()).isEqualTo("Bad Content-Length header");
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void malformedRequestIsAnsweredWith400AndTheConnectionStaysOpen() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            peer.send(options("TCP", LOOPBACK + ":5999", "", "bad").replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));
            SipResponse answer = (SipResponse) peer.receive();
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.reasonPhrase()).isEqualTo("CSeq method does not match Request-Line");

            peer.send(options("TCP", LOOPBACK + ":5999", "", "good"));
            assertThat(((SipResponse) peer.receive()).statusCode()).isEqualTo(200);
            assertThat(uas.next().message().callId()).isEqualTo("good@example.com");
        }
    }

    @Test
    void requestToAPeerThatConnectedToUsGoesOverItsConnection() throws Exception {
        try (TcpPeer peer = new TcpPeer(tcp)) {
            peer.send("\r\n\r\n"); // any traffic; the connection is registered when accepted
            peer.receiveRaw(2);
            SipRequest request = (SipRequest) Peers.parse(options("TCP", tcp.host() + ":" + tcp.port(), "", "reuse")
                    .getBytes(StandardCharsets.UTF_8));

            transport.sendRequest(request, Endpoint.tcp(LOOPBACK, peer.port())).toCompletableFuture().get();

            SipMessage got = peer.receive();
            assertThat(got.callId()).isEqualTo("reuse@example.com");
        }
    }

    @Test
    void requestsToOneDestinationShareOneConnectionAndItsAnswersComeBack() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, Peers.loopback())) {
            server.setSoTimeout(3000);
            SipRequest first = request("c1");
            SipRequest second = request("c2");
            Endpoint to = Endpoint.tcp(LOOPBACK, server.getLocalPort());

            var sent1 = transport.sendRequest(first, to).toCompletableFuture();
            var sent2 = transport.sendRequest(second, to).toCompletableFuture();
            try (TcpPeer remote = new TcpPeer(server.accept())) {
                sent1.get();
                sent2.get();
                assertThat(remote.receive().callId()).isEqualTo("c1@example.com");
                assertThat(remote.receive().callId()).isEqualTo("c2@example.com");
                // the remote answers on the connection we opened; the answer reaches the handler
                remote.send(("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP " + tcp.host() + ":" + tcp.port()
                        + ";branch=z9hG4bKc1\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:server@127.0.0.1>;tag=b\r\n"
                        + "Call-ID: c1@example.com\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"));
                assertThat(((SipResponse) uas.next().message()).statusCode()).isEqualTo(200);
                server.setSoTimeout(300);
                assertThat(acceptsAnother(server)).isFalse();
            }
        }
    }

    @Test
    void responseAfterTheConnectionClosedGoesOverANewConnectionToReceivedAndRport() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, Peers.loopback())) {
            server.setSoTimeout(3000);
            SipResponse response = (SipResponse) Peers.parse(("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP ue.example.com:5999"
                    + ";branch=z9hG4bKgone;received=127.0.0.1;rport=" + server.getLocalPort() + "\r\n"
                    + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: gone\r\nCSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));

            var sent = transport.sendResponse(response).toCompletableFuture();
            try (TcpPeer remote = new TcpPeer(server.accept())) {
                sent.get();
                assertThat(remote.receive().callId()).isEqualTo("gone");
            }
        }
    }

    @Test
    void sendToAClosedPortFailsWithTransportException() throws Exception {
        SipRequest request = request("refused");
        java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();

        transport.sendRequest(request, Endpoint.tcp(LOOPBACK, 1)).whenComplete((ok, e) -> failure.complete(e));

        // the exception itself, not a CompletionException around it: the transaction layer's "transport error"
        assertThat(failure.get(5, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(TransportException.class).hasMessageContaining("127.0.0.1:1");
        assertThat(transport.stats().sendFailures()).isEqualTo(1);
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        try (NettySipTransport quick = new NettySipTransport(TransportConfig.builder().listen(LOOPBACK, 0)
                .idleTimeout(Duration.ofMillis(200)).build())) {
            quick.start(inbound -> { });
            try (TcpPeer peer = new TcpPeer(quick.listeningPoint(Transport.TCP))) {
                assertThat(peer.closedByPeer()).isTrue();
            }
        }
    }

    private SipRequest request(String id) {
        return (SipRequest) Peers.parse(options("TCP", tcp.host() + ":" + tcp.port(), "", id)
                .replace("z9hG4bK" + id, "z9hG4bK" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean acceptsAnother(ServerSocket server) {
        try {
            server.accept().close();
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static String withBody(String message, String body) {
        return message.replace("Content-Length: 0\r\n\r\n", "Content-Type: application/sdp\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
    }
}
