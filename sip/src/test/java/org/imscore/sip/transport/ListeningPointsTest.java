package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imscore.sip.transport.Peers.LOOPBACK;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Peers.TcpPeer;
import org.imscore.sip.transport.Peers.UdpPeer;
import org.junit.jupiter.api.Test;

/** Several listening points in one transport, binding failures, and the RFC 3261 §18.1.1 size rule. */
class ListeningPointsTest {

    @Test
    void answersGoOutFromTheSocketTheRequestCameInOn() throws Exception {
        Peers.Uas uas = new Peers.Uas();
        TransportConfig config = TransportConfig.builder().listen(LOOPBACK, 0).listen("127.0.0.2", 0, Transport.UDP)
                .build();
        try (NettySipTransport transport = Peers.start(config, uas); UdpPeer peer = new UdpPeer()) {
            assertThat(transport.listeningPoints()).extracting(ListeningPoint::transport)
                    .containsExactly(Transport.UDP, Transport.TCP, Transport.UDP);
            ListeningPoint primary = transport.listeningPoint(Transport.UDP);
            ListeningPoint second = transport.listeningPoints().get(2);
            assertThat(primary.host()).isEqualTo(LOOPBACK);
            assertThat(second.host()).isEqualTo("127.0.0.2");

            peer.send(Peers.options("UDP", LOOPBACK + ":" + peer.port(), ";rport", "second"), second);

            assertThat(uas.next().local()).isEqualTo(second);
            byte[] buf = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            peer.socket.receive(answer);
            assertThat(answer.getSocketAddress()).isEqualTo(second.address());
        }
    }

    @Test
    void worksOnNioAsOnEpoll() throws Exception {
        Peers.Uas uas = new Peers.Uas();
        try (NettySipTransport transport = Peers.start(TransportConfig.builder().listen(LOOPBACK, 0)
                .nativeTransport(false).eventLoopThreads(1).build(), uas);
             UdpPeer udpPeer = new UdpPeer()) {
            assertThat(transport.usesNativeTransport()).isFalse();
            udpPeer.send(Peers.options("UDP", LOOPBACK + ":" + udpPeer.port(), ";rport", "nio-udp"),
                    transport.listeningPoint(Transport.UDP));
            assertThat(((SipResponse) udpPeer.receive()).statusCode()).isEqualTo(200);
            try (TcpPeer tcpPeer = new TcpPeer(transport.listeningPoint(Transport.TCP))) {
                tcpPeer.send(Peers.options("TCP", LOOPBACK + ":5999", "", "nio-tcp"));
                assertThat(((SipResponse) tcpPeer.receive()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aTakenPortFailsStartWithTransportExceptionAndLeavesNothingBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, Peers.loopback())) {
            NettySipTransport transport = new NettySipTransport(TransportConfig.builder()
                    .listen(LOOPBACK, 0, Transport.UDP).listen(LOOPBACK, taken.getLocalPort(), Transport.TCP).build());
            assertThatThrownBy(() -> transport.start(inbound -> { }))
                    .isInstanceOf(TransportException.class).hasMessageContaining("TCP");
            assertThat(transport.listeningPoints()).isEmpty();
            transport.close();
        }
    }

    @Test
    void sendingBeforeStartFails() {
        NettySipTransport transport = new NettySipTransport(TransportConfig.ephemeral(LOOPBACK));
        SipResponse response = (SipResponse) Peers.parse(("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;"
                + "branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(transport.sendResponse(response).toCompletableFuture())
                .failsWithin(java.time.Duration.ofSeconds(1)).withThrowableOfType(Exception.class)
                .havingCause().isInstanceOf(TransportException.class).withMessageContaining("not started");
    }

    @Test
    void aRequestTooLargeForUdpGoesOverTcpWithItsViaRewritten() throws Exception {
        // The path MTU to a loopback address is known (see aRequestOver1300BytesStaysOnUdpToALoopbackAddress);
        // told it is not, the transport treats loopback as it would a path to another host.
        try (NettySipTransport transport = new NettySipTransport(TransportConfig.builder().listen(LOOPBACK, 0)
                .pathMtu(TransportConfig.PathMtu.UNKNOWN).build());
             ServerSocket remote = new ServerSocket(0, 5, Peers.loopback())) {
            transport.start(inbound -> { });
            remote.setSoTimeout(3000);
            ListeningPoint udp = transport.listeningPoint(Transport.UDP);
            SipRequest large = request(udp, "x".repeat(1400));

            var sent = transport.sendRequest(large, Endpoint.udp(LOOPBACK, remote.getLocalPort())).toCompletableFuture();

            try (TcpPeer peer = new TcpPeer(remote.accept())) {
                sent.get();
                SipRequest got = (SipRequest) peer.receive();
                assertThat(got.topVia().transport()).isEqualTo("TCP");
                assertThat(got.topVia().port()).isEqualTo(transport.listeningPoint(Transport.TCP).port());
                assertThat(got.topVia().branch()).hasValue("z9hG4bKlarge");
                assertThat(got.bodyLength()).isEqualTo(1400);
            }
        }
    }

    @Test
    void aRequestOver1300BytesStaysOnUdpToALoopbackAddress() throws Exception {
        // RFC 3261 §18.1.1 asks for TCP only within 200 bytes of the path MTU when it is known, and a datagram to a
        // loopback address never leaves the loopback interface (MTU 64 KiB on Linux).
        SipRequest got = sentToUdpPeer(TransportConfig.ephemeral(LOOPBACK), 8000);

        assertThat(got.topVia().transport()).isEqualTo("UDP");
        assertThat(got.bodyLength()).isEqualTo(8000);
    }

    @Test
    void aLargeRequestStaysOnUdpWhenConfiguredSo() throws Exception {
        SipRequest got = sentToUdpPeer(TransportConfig.builder().listen(LOOPBACK, 0)
                .pathMtu(TransportConfig.PathMtu.UNKNOWN)
                .largeUdpRequests(TransportConfig.LargeUdpRequests.SEND_OVER_UDP).build(), 1400);

        assertThat(got.topVia().transport()).isEqualTo("UDP");
        assertThat(got.bodyLength()).isEqualTo(1400);
    }

    /** A request with a body of {@code bodyLength} octets sent over UDP to a peer on loopback, as the peer got it. */
    private static SipRequest sentToUdpPeer(TransportConfig config, int bodyLength) throws Exception {
        try (NettySipTransport transport = new NettySipTransport(config); UdpPeer peer = new UdpPeer()) {
            transport.start(inbound -> { });
            SipRequest large = request(transport.listeningPoint(Transport.UDP), "x".repeat(bodyLength));

            transport.sendRequest(large, Endpoint.udp(LOOPBACK, peer.port())).toCompletableFuture().get();

            return (SipRequest) peer.receive();
        }
    }

    @Test
    void aRequestTooLargeForAnyDatagramFails() throws Exception {
        try (NettySipTransport transport = new NettySipTransport(TransportConfig.builder().listen(LOOPBACK, 0, Transport.UDP)
                .build())) {
            transport.start(inbound -> { });
            SipRequest huge = request(transport.listeningPoint(Transport.UDP), "x".repeat(70_000));
            assertThat(transport.sendRequest(huge, Endpoint.udp(LOOPBACK, 9)).toCompletableFuture())
                    .failsWithin(java.time.Duration.ofSeconds(1)).withThrowableOfType(Exception.class)
                    .havingCause().isInstanceOf(TransportException.class).withMessageContaining("datagram");
        }
    }

    @Test
    void ipv6LoopbackWorksWhenAvailable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ipv6Loopback(), "no ::1 on this host");
        Peers.Uas uas = new Peers.Uas();
        try (NettySipTransport transport = Peers.start(TransportConfig.ephemeral("::1"), uas);
             java.net.DatagramSocket peer = new java.net.DatagramSocket(new InetSocketAddress("::1", 0))) {
            peer.setSoTimeout(3000);
            ListeningPoint udp = transport.listeningPoint(Transport.UDP);
            assertThat(udp.host()).isEqualTo("[0:0:0:0:0:0:0:1]");
            byte[] request = Peers.options("UDP", "[::1]:" + peer.getLocalPort(), ";rport", "v6")
                    .getBytes(StandardCharsets.UTF_8);
            peer.send(new DatagramPacket(request, request.length, udp.address()));

            assertThat(uas.next().message().topVia().rport()).hasValue(peer.getLocalPort());
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            peer.receive(answer);
            SipResponse response = (SipResponse) Peers.parse(java.util.Arrays.copyOf(answer.getData(), answer.getLength()));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.topVia().received()).hasValue("0:0:0:0:0:0:0:1");
        }
    }

    private static boolean ipv6Loopback() {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress("::1", 0))) {
            return s.isBound();
        } catch (Exception e) {
            return false;
        }
    }

    private static SipRequest request(ListeningPoint from, String body) {
        return SipRequest.builder(SipRequest.MESSAGE, org.imscore.sip.uri.SipUri.parse("sip:bob@127.0.0.1"))
                .add("Via", "SIP/2.0/UDP " + from.host() + ":" + from.port() + ";branch=z9hG4bKlarge")
                .add("Max-Forwards", "70").add("From", "<sip:alice@127.0.0.1>;tag=l1").add("To", "<sip:bob@127.0.0.1>")
                .add("Call-ID", "large@127.0.0.1").add("CSeq", "1 MESSAGE")
                .body("text/plain", body).build();
    }
}
