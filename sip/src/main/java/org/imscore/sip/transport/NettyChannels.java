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

/** The event loops and channel classes of one transport: native epoll when the platform has it, else NIO. */
record NettyChannels(EventLoopGroup group, Class<? extends DatagramChannel> datagram,
                     Class<? extends ServerSocketChannel> server, Class<? extends SocketChannel> socket,
                     boolean nativeEpoll) {

    static NettyChannels create(int threads, boolean preferNative) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("sip-transport", true);
        if (preferNative && Epoll.isAvailable()) {
            return new NettyChannels(new EpollEventLoopGroup(threads, threadFactory), EpollDatagramChannel.class,
                    EpollServerSocketChannel.class, EpollSocketChannel.class, true);
        }
        return new NettyChannels(new NioEventLoopGroup(threads, threadFactory), NioDatagramChannel.class,
                NioServerSocketChannel.class, NioSocketChannel.class, false);
    }
}
