package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.sip.transport.Peers.LOOPBACK;
import static org.imscore.sip.transport.Peers.options;

import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Peers.TcpPeer;
import org.imscore.sip.transport.Peers.UdpPeer;
import org.junit.jupiter.api.Test;

/**
 * Messages handed to the transport in wire form ({@link EncodedMessage}, as a transaction resends them) leave over
 * loopback octet for octet, along the same route as the message they were encoded from.
 */
class EncodedSendTest {

    @Test
    void anEncodedMessageKeepsItsOctetsAndReadsItsViaBackWhenCompact() {
        SipRequest request = (SipRequest) Peers.parse(options("UDP", "192.0.2.1:5060", ";rport=5062", "enc1")
                .getBytes(StandardCharsets.UTF_8));
        SipResponse ok = SipResponse.forRequest(request, 200).toTag("t").build();

        EncodedMessage encoded = EncodedMessage.of(ok);
        EncodedMessage compact = encoded.compact();

        assertThat(encoded.bytes()).isEqualTo(SipSerializer.serialize(ok)).isNotSameAs(encoded.bytes());
        assertThat(compact.bytes()).isEqualTo(encoded.bytes());
        assertThat(compact.length()).isEqualTo(encoded.length());
        assertThat(compact.topVia()).isEqualTo(ok.topVia());
        assertThat(compact.startLine()).isEqualTo("SIP/2.0 200 OK");
        assertThat(compact.decode()).isEqualTo(ok);
        assertThat(EncodedMessage.of(ok, request.topVia()).topVia()).isSameAs(request.topVia());
    }

    @Test
    void anEncodedResponseGoesBackOverUdpOctetForOctet() throws Exception {
        Peers.Uas uas = new Peers.Uas();
        NettySipTransport transport = Peers.start(TransportConfig.ephemeral(LOOPBACK), uas);
        try (UdpPeer peer = new UdpPeer()) {
            ListeningPoint udp = transport.listeningPoint(Transport.UDP);
            peer.send(options("UDP", LOOPBACK + ":5999", ";rport", "enc2"), udp);
            SipRequest request = (SipRequest) uas.next().message();
            peer.receive(); // the Uas's own 200

            EncodedMessage busy = EncodedMessage.of(SipResponse.forRequest(request, 486).toTag("t").build()).compact();
            transport.sendResponse(busy).toCompletableFuture().get();
            transport.sendResponse(busy).toCompletableFuture().get();

            // To the source port (rport), not the sent-by port 5999, as for the response object.
            assertThat(peer.receiveText()).isEqualTo(new String(busy.bytes(), StandardCharsets.UTF_8));
            assertThat(peer.receiveText()).isEqualTo(new String(busy.bytes(), StandardCharsets.UTF_8));
        } finally {
            transport.close();
        }
    }

    @Test
    void anEncodedResponseGoesBackOnTheConnectionTheRequestCameIn() throws Exception {
        Peers.Uas uas = new Peers.Uas();
        NettySipTransport transport = Peers.start(TransportConfig.ephemeral(LOOPBACK), uas);
        try (TcpPeer peer = new TcpPeer(transport.listeningPoint(Transport.TCP))) {
            // sent-by names a port nobody listens on: only the open connection gets the response there.
            peer.send(options("TCP", LOOPBACK + ":5998", "", "enc3"));
            SipRequest request = (SipRequest) uas.next().message();
            peer.receive();

            EncodedMessage ringing = EncodedMessage.of(SipResponse.forRequest(request, 180).toTag("t").build());
            transport.sendResponse(ringing).toCompletableFuture().get();

            assertThat(peer.receiveRaw(ringing.length())).isEqualTo(ringing.bytes());
        } finally {
            transport.close();
        }
    }

    @Test
    void anEncodedRequestLeavesFromTheListeningPointOfItsVia() throws Exception {
        Peers.Uas uas = new Peers.Uas();
        List<SipMessage> observed = new CopyOnWriteArrayList<>();
        NettySipTransport transport = Peers.start(TransportConfig.builder().listen(LOOPBACK, 0)
                .observer((d, t, l, r, m) -> observed.add(m)).build(), uas);
        try (UdpPeer peer = new UdpPeer()) {
            ListeningPoint udp = transport.listeningPoint(Transport.UDP);
            SipRequest request = (SipRequest) Peers.parse(options("UDP", udp.host() + ":" + udp.port(), "", "enc4")
                    .getBytes(StandardCharsets.UTF_8));
            EncodedMessage encoded = EncodedMessage.of(request).compact();

            transport.sendRequest(encoded, Endpoint.udp(LOOPBACK, peer.port())).toCompletableFuture().get();

            byte[] buf = new byte[4096];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            peer.socket.receive(p);
            assertThat(p.getPort()).isEqualTo(udp.port());
            assertThat(java.util.Arrays.copyOf(buf, p.getLength())).isEqualTo(encoded.bytes());
            // The observer sees it as a message, parsed back from the octets.
            assertThat(observed).containsExactly(request);
            assertThat(transport.stats().sent()).isEqualTo(1);
        } finally {
            transport.close();
        }
    }

    @Test
    void anEncodedResponseThatCannotBeRoutedFailsWithATransportException() throws Exception {
        Peers.Uas uas = new Peers.Uas();
        NettySipTransport transport = Peers.start(TransportConfig.ephemeral(LOOPBACK), uas);
        try {
            SipResponse response = (SipResponse) Peers.parse(("SIP/2.0 200 OK\r\n"
                    + "Via: SIP/2.0/SCTP 192.0.2.1:5060;branch=z9hG4bKenc5\r\n"
                    + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: enc5\r\nCSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));

            Throwable failure = transport.sendResponse(EncodedMessage.of(response).compact())
                    .handle((ok, e) -> e).toCompletableFuture().get();

            assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("SCTP");
            assertThat(transport.stats().sendFailures()).isEqualTo(1);
        } finally {
            transport.close();
        }
    }

    @Test
    void theDefaultOfAnotherTransportSendsTheMessageParsedBack() {
        List<SipMessage> sent = new CopyOnWriteArrayList<>();
        SipTransport plain = new SipTransport() {
            @Override
            public java.util.concurrent.CompletionStage<Void> sendRequest(SipRequest request, Endpoint destination) {
                sent.add(request);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> sendResponse(SipResponse response) {
                sent.add(response);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }

            @Override
            public ListeningPoint listeningPoint(Transport transport) {
                return new ListeningPoint(transport, new InetSocketAddress(LOOPBACK, 5060));
            }

            @Override
            public List<ListeningPoint> listeningPoints() {
                return List.of();
            }
        };
        SipRequest request = (SipRequest) Peers.parse(options("UDP", "192.0.2.1:5060", "", "enc6")
                .getBytes(StandardCharsets.UTF_8));
        SipResponse ok = SipResponse.forRequest(request, 200).toTag("t").build();

        plain.sendRequest(EncodedMessage.of(request), Endpoint.udp(LOOPBACK, 5060));
        plain.sendResponse(EncodedMessage.of(ok));

        assertThat(sent).containsExactly(request, ok);
    }
}
