package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.imscore.sip.transport.Peers.LOOPBACK;
import static org.imscore.sip.transport.Peers.options;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Peers.TcpPeer;
import org.imscore.sip.transport.Peers.UdpPeer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transports on an event loop group the application owns ({@link TransportConfig#eventLoopGroup()}): several
 * transports serve on the one group, and closing a transport closes its sockets and connections but leaves the
 * group running for the others.
 */
class SharedEventLoopGroupTest {

    /** A NIO group always; an epoll group where the platform has epoll. */
    static Stream<String> groupKinds() {
        return Epoll.isAvailable() ? Stream.of("nio", "epoll") : Stream.of("nio");
    }

    private static EventLoopGroup group(String kind) {
        return kind.equals("epoll") ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
    }

    @ParameterizedTest
    @MethodSource("groupKinds")
    void twoTransportsServeOnOneGroupAndClosingOneLeavesTheGroupAndTheOther(String kind) throws Exception {
        EventLoopGroup group = group(kind);
        try {
            ThreadRecordingUas uasA = new ThreadRecordingUas();
            ThreadRecordingUas uasB = new ThreadRecordingUas();
            NettySipTransport a = uasA.start(shared(group));
            NettySipTransport b = uasB.start(shared(group));
            assertThat(a.usesNativeTransport()).isEqualTo(kind.equals("epoll"));
            ListeningPoint udpA = a.listeningPoint(Transport.UDP);
            try (UdpPeer peer = new UdpPeer(); TcpPeer tcp = new TcpPeer(a.listeningPoint(Transport.TCP))) {
                peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "shared-a"), udpA);
                assertThat(((SipResponse) peer.receive()).statusCode()).isEqualTo(200);
                peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "shared-b"),
                        b.listeningPoint(Transport.UDP));
                assertThat(((SipResponse) peer.receive()).statusCode()).isEqualTo(200);
                tcp.send(options("TCP", LOOPBACK + ":" + tcp.port(), "", "shared-tcp"));
                assertThat(((SipResponse) tcp.receive()).statusCode()).isEqualTo(200);
                // Every message was handled on a thread of the shared group.
                assertThat(uasA.threads).hasSize(2).allSatisfy(t -> assertThat(inGroup(group, t)).isTrue());
                assertThat(uasB.threads).singleElement().satisfies(t -> assertThat(inGroup(group, t)).isTrue());

                a.close();

                assertThat(group.isShuttingDown()).isFalse();
                assertThat(tcp.closedByPeer()).isTrue(); // its connection went with it
                assertThat(rebindWithin(udpA.port(), Duration.ofSeconds(5))).isTrue(); // its socket is closed
                peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "shared-b2"),
                        b.listeningPoint(Transport.UDP));
                assertThat(((SipResponse) peer.receive()).statusCode()).isEqualTo(200);
            } finally {
                a.close();
                b.close();
            }
            assertThat(group.isShuttingDown()).isFalse();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void onEpollEveryLoopHasASocketOnTheUdpPortAndAnswersLeaveFromThatPort() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT sockets per loop need native epoll");
        EventLoopGroup group = new EpollEventLoopGroup(2);
        ThreadRecordingUas uas = new ThreadRecordingUas();
        NettySipTransport t = uas.start(shared(group));
        try {
            ListeningPoint udp = t.listeningPoint(Transport.UDP);
            // The kernel picks the socket by the datagram's source: sixteen sources all on one of two sockets
            // would happen once in 32,768 runs.
            for (int i = 0; i < 16; i++) {
                try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                    peer.setSoTimeout(3000);
                    byte[] request = options("UDP", LOOPBACK + ":" + peer.getLocalPort(), "", "loop" + i)
                            .getBytes(StandardCharsets.UTF_8);
                    peer.send(new DatagramPacket(request, request.length, udp.address()));
                    DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
                    peer.receive(answer);
                    assertThat(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.UTF_8))
                            .startsWith("SIP/2.0 200");
                    assertThat(answer.getPort()).as("the answer's source port").isEqualTo(udp.port());
                }
            }
            assertThat(Set.copyOf(uas.threads)).as("threads that read the point's datagrams").hasSize(2);
        } finally {
            t.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            assertThat(rebound.isBound()).isTrue();
        }
    }

    @Test
    void onEpollASecondTransportOnAPortInUseFailsAsWithOneSocket() {
        Assumptions.assumeTrue(Epoll.isAvailable(), "SO_REUSEPORT sockets per loop need native epoll");
        EventLoopGroup group = new EpollEventLoopGroup(2);
        NettySipTransport first = new ThreadRecordingUas().start(udpOnly(group, 0));
        try {
            int port = first.listeningPoint(Transport.UDP).port();
            NettySipTransport second = new NettySipTransport(udpOnly(group, port));
            // Both would set SO_REUSEPORT under the same user, which the kernel allows: without the check the
            // second core would bind and take part of the first one's traffic.
            assertThatThrownBy(() -> second.start(inbound -> { }))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("cannot bind UDP");
            try (UdpPeer peer = new UdpPeer()) {
                for (int i = 0; i < 4; i++) {
                    peer.send(options("UDP", LOOPBACK + ":" + peer.port(), "", "still" + i),
                            first.listeningPoint(Transport.UDP));
                    assertThat(((SipResponse) peer.receive()).statusCode()).isEqualTo(200);
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            first.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static TransportConfig udpOnly(EventLoopGroup group, int port) {
        return TransportConfig.builder().listen(LOOPBACK, port, Transport.UDP).eventLoopGroup(group).build();
    }

    @Test
    void aGroupOfAnotherKindIsRefusedWithWhatToGiveInstead() {
        EventLoopGroup local = new DefaultEventLoopGroup(1);
        try {
            assertThatThrownBy(() -> shared(local))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EpollEventLoopGroup or a NioEventLoopGroup")
                    .hasMessageContaining(DefaultEventLoopGroup.class.getName());
        } finally {
            local.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void byDefaultTheTransportHasAGroupOfItsOwn() {
        assertThat(TransportConfig.ephemeral(LOOPBACK).eventLoopGroup()).isNull();
    }

    private static TransportConfig shared(EventLoopGroup group) {
        return TransportConfig.builder().listen(LOOPBACK, 0).eventLoopGroup(group).build();
    }

    /**
     * Whether {@code port} can be bound again within {@code limit}. NIO's socket is released when its loop next
     * selects, a moment after {@code close} returns (see {@link NettySipTransport#close()}); a busy machine can
     * delay that turn past the test's own next step, so the test waits for it, never past the limit.
     */
    private static boolean rebindWithin(int port, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                return rebound.getLocalPort() == port;
            } catch (SocketException stillBound) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(10);
            }
        }
    }

    private static boolean inGroup(EventLoopGroup group, Thread thread) {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop(thread)) {
                return true;
            }
        }
        return false;
    }

    /** Answers as {@link Peers.Uas} does and notes the thread each message arrived on. */
    private static final class ThreadRecordingUas implements InboundHandler {
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        private final Peers.Uas answering = new Peers.Uas();

        NettySipTransport start(TransportConfig config) {
            NettySipTransport t = new NettySipTransport(config);
            answering.transport = t;
            t.start(this);
            return t;
        }

        @Override
        public void onMessage(InboundMessage inbound) {
            threads.add(Thread.currentThread());
            answering.onMessage(inbound);
        }
    }
}
