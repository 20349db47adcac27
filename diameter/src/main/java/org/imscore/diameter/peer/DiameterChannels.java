package org.imscore.diameter.peer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoop;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The channel classes that go with an event loop group: native epoll channels on an epoll group, NIO channels on
 * any other. Native epoll is preferred where it loads because a hand-off to a sleeping loop (an answer from an HSS
 * worker, a request from a SIP thread) costs one eventfd write there, against a selector wake-up under NIO.
 */
record DiameterChannels(EventLoopGroup group, Class<? extends ServerSocketChannel> server,
                        Class<? extends SocketChannel> socket) {

    /** A one-thread group of its own: epoll when the platform has it, else NIO. */
    static DiameterChannels ownGroup() {
        DefaultThreadFactory threads = new DefaultThreadFactory("diameter", true);
        if (Epoll.isAvailable()) {
            return forGroup(new EpollEventLoopGroup(1, threads));
        }
        return forGroup(new NioEventLoopGroup(1, threads));
    }

    /** The channel classes for a group someone else made (an epoll group, a single epoll loop, or NIO). */
    static DiameterChannels forGroup(EventLoopGroup group) {
        if (group instanceof EpollEventLoopGroup || group instanceof EpollEventLoop) {
            return new DiameterChannels(group, EpollServerSocketChannel.class, EpollSocketChannel.class);
        }
        return new DiameterChannels(group, NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
