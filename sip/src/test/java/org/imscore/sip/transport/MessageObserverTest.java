package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.sip.transport.Peers.LOOPBACK;
import static org.imscore.sip.transport.Peers.options;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Peers.UdpPeer;
import org.junit.jupiter.api.Test;

/** The transport's tap: each message in and out once, with its addresses; a failing observer changes nothing. */
class MessageObserverTest {

    record Seen(MessageObserver.Direction direction, Transport transport, InetSocketAddress local,
                InetSocketAddress remote, SipMessage message) {
    }

    @Test
    void seesTheRequestReceivedAndTheResponseSentWithTheirAddresses() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        Peers.Uas uas = new Peers.Uas();
        NettySipTransport transport = Peers.start(TransportConfig.builder().listen(LOOPBACK, 0)
                .observer((d, t, l, r, m) -> seen.add(new Seen(d, t, l, r, m))).build(), uas);
        try (UdpPeer peer = new UdpPeer()) {
            ListeningPoint udp = transport.listeningPoint(Transport.UDP);
            peer.send(options("UDP", LOOPBACK + ":" + peer.port(), ";rport", "obs1"), udp);

            assertThat(((SipResponse) peer.receive()).statusCode()).isEqualTo(200);
            Peers.eventually(() -> assertThat(seen).hasSize(2));
            InetSocketAddress peerAddress = new InetSocketAddress(LOOPBACK, peer.port());
            assertThat(seen.get(0)).satisfies(s -> {
                assertThat(s.direction()).isEqualTo(MessageObserver.Direction.RECEIVED);
                assertThat(s.transport()).isEqualTo(Transport.UDP);
                assertThat(s.local()).isEqualTo(udp.address());
                assertThat(s.remote()).isEqualTo(peerAddress);
                assertThat(s.message().startLine()).startsWith("OPTIONS ");
            });
            assertThat(seen.get(1)).satisfies(s -> {
                assertThat(s.direction()).isEqualTo(MessageObserver.Direction.SENT);
                assertThat(s.local().getPort()).isEqualTo(udp.port());
                assertThat(s.remote()).isEqualTo(peerAddress);
                assertThat(((SipResponse) s.message()).statusCode()).isEqualTo(200);
            });
        } finally {
            transport.close();
        }
    }

    @Test
    void anObserverThatThrowsDoesNotStopTheMessage() throws Exception {
        Peers.Uas uas = new Peers.Uas();
        NettySipTransport transport = Peers.start(TransportConfig.builder().listen(LOOPBACK, 0)
                .observer((d, t, l, r, m) -> {
                    throw new IllegalStateException("observer broken");
                }).build(), uas);
        try (UdpPeer peer = new UdpPeer()) {
            peer.send(options("UDP", LOOPBACK + ":" + peer.port(), ";rport", "obs2"),
                    transport.listeningPoint(Transport.UDP));

            assertThat(uas.next().message().startLine()).startsWith("OPTIONS ");
            assertThat(((SipResponse) peer.receive()).statusCode()).isEqualTo(200);
        } finally {
            transport.close();
        }
    }

    @Test
    void noObserverIsTheDefault() {
        assertThat(TransportConfig.ephemeral(LOOPBACK).observer()).isSameAs(MessageObserver.NONE);
    }
}
