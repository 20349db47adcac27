package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.dictionary.Dictionaries;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Nodes on an event loop group their owner shares (as the all-in-one core does): native epoll channels on an epoll
 * group, NIO channels on a NIO group, and either way a burst of requests from another thread all answered.
 */
class SharedEventLoopGroupTest {

    @Test
    void nodesOnASharedEpollGroupExchangeRequests() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        EventLoopGroup group = new EpollEventLoopGroup(2);
        try {
            assertThat(DiameterChannels.forGroup(group).socket()).isEqualTo(EpollSocketChannel.class);
            exchangeABurst(group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void nodesOnASharedNioGroupExchangeRequests() throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(2);
        try {
            assertThat(DiameterChannels.forGroup(group).socket()).isEqualTo(NioSocketChannel.class);
            exchangeABurst(group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void exchangeABurst(EventLoopGroup group) throws Exception {
        DiameterNode hss = node("hss.ims.test", group);
        DiameterNode scscf = node("scscf.ims.test", group);
        try {
            InetSocketAddress address = hss.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .get(5, TimeUnit.SECONDS);
            scscf.connect(new RemotePeer("hss.ims.test", TestNodes.REALM, address)).get(5, TimeUnit.SECONDS);

            // Sent from this thread, not a loop: handed to the loop in batches and flushed once per batch.
            List<CompletableFuture<DiameterMessage>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(scscf.send(TestNodes.mar("scscf.ims.test", "s;" + i)));
            }
            for (CompletableFuture<DiameterMessage> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS).resultCode()).hasValue(2001);
            }
        } finally {
            scscf.close();
            hss.close();
        }
    }

    private static DiameterNode node(String host, EventLoopGroup group) {
        return new DiameterNode(TestNodes.config(host, TestNodes.fastTimers()), Dictionaries.cx(),
                TestNodes.hss(host), group, Clock.systemUTC(), RandomGenerator.getDefault());
    }
}
