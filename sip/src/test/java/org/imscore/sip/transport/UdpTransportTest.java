package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.sip.transport.Peers.LOOPBACK;
import static org.imscore.sip.transport.Peers.options;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.imscore.sip.transport.Peers.UdpPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UDP over loopback: a java.net peer writes raw requests, the transport answers through the handler. */
class UdpTransportTest {

    private final Peers.Uas uas = new Peers.Uas();
    private NettySipTransport transport;
    private ListeningPoint udp;
    private UdpPeer peer;

    @BeforeEach
    void start() throws Exception {
        transport = Peers.start(TransportConfig.ephemeral(LOOPBACK), uas);
        udp = transport.listeningPoint(Transport.UDP);
        peer = new UdpPeer();
    }

    @AfterEach
    void stop() {
        peer.close();
        transport.close();
    }

    @Test
    void bindsUdpAndTcpOnOneEphemeralPort() {
        assertThat(udp.port()).isPositive();
        assertThat(transport.listeningPoint(Transport.TCP).port()).isEqualTo(udp.port());
        assertThat(transport.listeningPoints()).extracting(ListeningPoint::transport)
                .containsExactlyInAnyOrder(Transport.UDP, Transport.TCP);
    }

    @Test
    void requestWithRportIsStampedAndAnsweredToTheSourcePort() throws Exception {
        // sent-by names port 5999 where nobody listens: with rport the answer must go to the source port instead
        peer.send(options("UDP", LOOPBACK + ":5999", ";rport", "udp1"), udp);

        InboundMessage in = uas.next();
        Via stamped = in.message().topVia();
        assertThat(stamped.rport()).hasValue(peer.port());
        assertThat(stamped.received()).hasValue(LOOPBACK);
        assertThat(in.source()).isEqualTo(new Endpoint(Transport.UDP, new InetSocketAddress(LOOPBACK, peer.port())));
        assertThat(in.local()).isEqualTo(udp);

        SipMessage answer = peer.receive();
        assertThat(((SipResponse) answer).statusCode()).isEqualTo(200);
        assertThat(answer.topVia().rport()).hasValue(peer.port());
        assertThat(answer.topVia().received()).hasValue(LOOPBACK);
        assertThat(transport.stats().received()).isEqualTo(1);
        Peers.eventually(() -> assertThat(transport.stats().sent()).isEqualTo(1));
    }

    @Test
    void datagramsFromOneSourceShareOneEndpointAndOthersGetTheirOwn() throws Exception {
        // What a completed transaction keeps for 32 s: one Endpoint per peer instead of one per message.
        peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "s1"), udp);
        peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "s2"), udp);
        Endpoint first = uas.next().source();
        Endpoint second = uas.next().source();
        assertThat(second).isSameAs(first);

        try (UdpPeer other = new UdpPeer()) {
            other.send(options("UDP", LOOPBACK + ":" + other.port(), "", "s3"), udp);
            Endpoint third = uas.next().source();
            assertThat(third).isNotEqualTo(first);
            assertThat(third.address().getPort()).isEqualTo(other.port());
        }
        peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "s4"), udp);
        assertThat(uas.next().source()).isEqualTo(first);
    }

    @Test
    void requestFromAnotherHostGetsReceivedAndTheAnswerGoesToReceivedAndSentByPort() throws Exception {
        peer.send(options("UDP", "ue.example.com:" + peer.port(), "", "udp2"), udp);

        Via stamped = uas.next().message().topVia();
        assertThat(stamped.received()).hasValue(LOOPBACK);
        assertThat(stamped.hasRport()).isFalse();
        assertThat(peer.receive().topVia().received()).hasValue(LOOPBACK);
    }

    @Test
    void requestFromTheSentByAddressIsNotStamped() throws Exception {
        String sentBy = LOOPBACK + ":" + peer.port();
        peer.send(options("UDP", sentBy, "", "udp3"), udp);

        Via top = uas.next().message().topVia();
        assertThat(top.received()).isEmpty();
        assertThat(top.hasRport()).isFalse();
        assertThat(peer.receive().topVia().sentBy()).isEqualTo(sentBy);
    }

    @Test
    void malformedRequestIsAnsweredWith400NamingTheBadHeaderAndNeverReachesTheHandler() throws Exception {
        String bad = options("UDP", LOOPBACK + ":" + peer.port(), ";rport", "bad1")
                .replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS");
        peer.send(bad, udp);

        // the bad CSeq cannot be copied, so the answer is read as text
        String answer = peer.receiveText();
        assertThat(answer).startsWith("SIP/2.0 400 Bad CSeq header\r\n")
                .contains("Via: SIP/2.0/UDP 127.0.0.1:" + peer.port() + ";branch=z9hG4bKbad1;rport=" + peer.port()
                        + ";received=127.0.0.1\r\n")
                .contains("Call-ID: bad1@example.com\r\n")
                .containsPattern("To: <sip:server@127.0.0.1>;tag=\\w+\r\n")
                .doesNotContain("\r\nCSeq:");
        assertThat(uas.received).isEmpty();
        assertThat(transport.stats().badRequestsAnswered()).isEqualTo(1);
        assertThat(transport.stats().received()).isZero();
    }

    @Test
    void missingCallIdIsAnsweredWithItsName() throws Exception {
        String bad = options("UDP", LOOPBACK + ":" + peer.port(), "", "bad2").replace("Call-ID: bad2@example.com\r\n", "");
        peer.send(bad, udp);

        String answer = peer.receiveText();
        assertThat(answer).startsWith("SIP/2.0 400 Missing Call-ID header\r\n").contains("CSeq: 1 OPTIONS\r\n");
    }

    @Test
    void malformedRequestWithoutViaIsDroppedSilently() throws Exception {
        String noVia = options("UDP", LOOPBACK + ":" + peer.port(), "", "novia")
                .replaceAll("Via: [^\r]*\r\n", "").replace("CSeq: 1 OPTIONS", "CSeq: x");
        peer.send(noVia, udp);

        assertThat(peer.silentFor(300)).isTrue();
        assertThat(uas.received).isEmpty();
        assertThat(transport.stats().malformedDropped()).isEqualTo(1);
    }

    @Test
    void malformedResponseIsDroppedSilently() throws Exception {
        String badResponse = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP " + LOOPBACK + ":" + peer.port()
                + ";branch=z9hG4bKr1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: r1\r\nCSeq: x\r\n"
                + "Content-Length: 0\r\n\r\n";
        peer.send(badResponse, udp);

        assertThat(peer.silentFor(300)).isTrue();
        assertThat(uas.received).isEmpty();
        assertThat(transport.stats().malformedDropped()).isEqualTo(1);
    }

    @Test
    void ackThatDoesNotParseIsNotAnswered() throws Exception {
        String ack = options("UDP", LOOPBACK + ":" + peer.port(), "", "ack1").replace("OPTIONS", "ACK")
                .replace("CSeq: 1 ACK", "CSeq: one ACK");
        peer.send(ack, udp);

        assertThat(peer.silentFor(300)).isTrue();
        assertThat(transport.stats().malformedDropped()).isEqualTo(1);
    }

    @Test
    void wellFormedResponseGoesToTheHandlerUnchanged() throws Exception {
        String response = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP " + udp.host() + ":" + udp.port()
                + ";branch=z9hG4bKr2\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: r2\r\n"
                + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        peer.send(response, udp);

        InboundMessage in = uas.next();
        assertThat(((SipResponse) in.message()).statusCode()).isEqualTo(180);
        assertThat(in.message().topVia().received()).isEmpty();
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheListener() throws Exception {
        try (NettySipTransport throwing = new NettySipTransport(TransportConfig.ephemeral(LOOPBACK))) {
            throwing.start(inbound -> {
                throw new IllegalStateException("handler defect");
            });
            ListeningPoint lp = throwing.listeningPoint(Transport.UDP);
            peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "t1"), lp);
            peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "t2"), lp);
            peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "t3").replace("CSeq: 1", "CSeq: x"), lp);
            // the third is answered by the transport itself: the listener is still alive after two failures
            assertThat(peer.receiveText()).startsWith("SIP/2.0 400 Bad CSeq header\r\n");
            assertThat(throwing.stats().received()).isEqualTo(2);
        }
    }

    @Test
    void sendsARequestFromTheUdpListeningPoint() throws Exception {
        SipRequest request = (SipRequest) Peers.parse(options("UDP", udp.host() + ":" + udp.port(), "", "out1")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        transport.sendRequest(request, Endpoint.udp(LOOPBACK, peer.port())).toCompletableFuture().get();

        byte[] buf = new byte[4096];
        java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
        peer.socket.receive(p);
        assertThat(p.getPort()).isEqualTo(udp.port());
        assertThat(new String(buf, 0, p.getLength(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("OPTIONS sip:server@127.0.0.1 SIP/2.0\r\n");
    }

    @Test
    void responseIsSentToMaddrWhenPresent() throws Exception {
        try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            other.setSoTimeout(3000);
            SipResponse response = (SipResponse) Peers.parse(("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:"
                    + other.getLocalPort() + ";branch=z9hG4bKm1;maddr=127.0.0.1;received=192.0.2.9\r\n"
                    + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: m1\r\nCSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

            transport.sendResponse(response).toCompletableFuture().get();

            java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[4096], 4096);
            other.receive(p);
            assertThat(p.getLength()).isPositive();
        }
    }
}
