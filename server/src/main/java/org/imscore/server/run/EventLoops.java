package org.imscore.server.run;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The network threads of one core process, shared by every function in it: the SIP transports of the P-, I- and
 * S-CSCF and the Diameter nodes of the CSCFs and the HSS.
 *
 * <p>Why one set: in the all-in-one core each message crosses several functions over loopback (a registration
 * passes P-CSCF, I-CSCF, S-CSCF and the HSS twice; a call five SIP hops and an LIR). With a group per function
 * (nine loops before) every crossing woke another thread and switched to it; with one thread per CPU the crossing
 * is picked up by a loop that is running already, and a Cx answer that lets a SIP message go is often written by
 * the same thread that read it. One thread per CPU the process may use: a core pinned to one CPU gets one loop,
 * an operator's 16-CPU host sixteen. Native epoll where Netty's library loads, NIO elsewhere.
 */
final class EventLoops implements AutoCloseable {

    private final EventLoopGroup group;

    private EventLoops(EventLoopGroup group) {
        this.group = group;
    }

    static EventLoops forThisHost() {
        int threads = Runtime.getRuntime().availableProcessors();
        DefaultThreadFactory factory = new DefaultThreadFactory("imscore-loop", true);
        return new EventLoops(Epoll.isAvailable() ? new EpollEventLoopGroup(threads, factory)
                : new NioEventLoopGroup(threads, factory));
    }

    EventLoopGroup group() {
        return group;
    }

    /** After every function that runs on the loops has closed: their last writes are done by then. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "event loops (" + group.getClass().getSimpleName() + ")";
    }
}
