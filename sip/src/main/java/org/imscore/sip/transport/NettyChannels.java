package org.imscore.sip.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops and channel classes of one transport: native epoll when the platform has it, else NIO. The group
 * is either the transport's own ({@link #create}, shut down with it) or one the application owns and shares with
 * other functions ({@link #shared}, which the transport never shuts down); its kind decides the channel classes.
 */
record NettyChannels(EventLoopGroup group, Class<? extends DatagramChannel> datagram,
                     Class<? extends ServerSocketChannel> server, Class<? extends SocketChannel> socket,
                     boolean nativeEpoll, boolean owned) {

    static NettyChannels create(int threads, boolean preferNative) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("sip-transport", true);
        if (preferNative && Epoll.isAvailable()) {
            return epoll(new EpollEventLoopGroup(threads, threadFactory), true);
        }
        return nio(new NioEventLoopGroup(threads, threadFactory), true);
    }

    /** Channels on an externally owned group, which must be an epoll or a NIO group. */
    static NettyChannels shared(EventLoopGroup group) {
        if (group instanceof EpollEventLoopGroup) {
            return epoll(group, false);
        }
        if (group instanceof NioEventLoopGroup) {
            return nio(group, false);
        }
        throw new IllegalArgumentException(unsupported(group));
    }

    /** Whether {@link #shared} takes this group. */
    static boolean supports(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup || group instanceof NioEventLoopGroup;
    }

    static String unsupported(EventLoopGroup group) {
        return "a shared event loop group must be an EpollEventLoopGroup or a NioEventLoopGroup, not "
                + group.getClass().getName();
    }

    private static NettyChannels epoll(EventLoopGroup group, boolean owned) {
        return new NettyChannels(group, EpollDatagramChannel.class, EpollServerSocketChannel.class,
                EpollSocketChannel.class, true, owned);
    }

    private static NettyChannels nio(EventLoopGroup group, boolean owned) {
        return new NettyChannels(group, NioDatagramChannel.class, NioServerSocketChannel.class,
                NioSocketChannel.class, false, owned);
    }
}
