package org.imscore.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SipTransport} on Netty: UDP and TCP listening points (RFC 3261 §18), native epoll when available, on event
 * loops of its own or on a group the application shares between its functions
 * ({@link TransportConfig#eventLoopGroup()}).
 * See the package documentation for what it does with each kind of input.
 *
 * <pre>{@code
 * NettySipTransport transport = new NettySipTransport(TransportConfig.ephemeral("127.0.0.1"));
 * transport.start(inbound -> ...);            // returns once every listening point is bound
 * int port = transport.listeningPoint(Transport.UDP).port();
 * ...
 * transport.close();                          // returns once every socket is closed
 * }</pre>
 */
public final class NettySipTransport implements SipTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NettySipTransport.class);
    /** The largest UDP payload over IPv4 (65535 - 8 - 20). */
    private static final int MAX_DATAGRAM = 65_507;
    private static final int BIND_ATTEMPTS = 20;

    /**
     * A listening point and its socket. A UDP point on native epoll with several event loops has one socket per
     * loop, all bound to its address with SO_REUSEPORT ({@code siblings} besides {@code channel}): the kernel spreads
     * the datagrams that arrive over them by source, so every loop reads, and a send goes out through the socket of
     * the loop it is made on ({@link #forSending}) instead of being handed to the one loop that owned the only
     * socket (a task and a wake-up per message that crossed loops, and a whole point's reading on one CPU).
     */
    private record Bound(ListeningPoint point, Channel channel, List<Channel> siblings) {

        Bound(ListeningPoint point, Channel channel) {
            this(point, channel, List.of());
        }

        /** The socket of this point that the calling thread's loop serves, else the first. */
        Channel forSending() {
            if (siblings.isEmpty() || channel.eventLoop().inEventLoop()) {
                return channel;
            }
            for (Channel sibling : siblings) {
                if (sibling.eventLoop().inEventLoop()) {
                    return sibling;
                }
            }
            return channel;
        }

        boolean owns(Channel c) {
            return channel == c || siblings.contains(c);
        }

        void close() {
            channel.close();
            siblings.forEach(Channel::close);
        }

        void awaitClosed() {
            channel.closeFuture().syncUninterruptibly();
            siblings.forEach(c -> c.closeFuture().syncUninterruptibly());
        }
    }

    private final TransportConfig config;
    private final TransportCounters counters = new TransportCounters();
    private final ResponseRoutes routes;
    private NettyChannels netty;
    private InboundProcessor processor;
    private TcpConnections connections;
    private volatile List<Bound> bound = List.of();
    private volatile boolean started;
    private boolean closed;
    /** The task sweeping {@link #routes}; cancelled on close, since a shared group outlives the transport. */
    private ScheduledFuture<?> sweeping;
    /** Every TCP connection, accepted or opened; closed on close when the group is shared (else with the group). */
    private final ChannelGroup streams = new DefaultChannelGroup("sip-streams", GlobalEventExecutor.INSTANCE);

    public NettySipTransport(TransportConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.routes = new ResponseRoutes(config.responseRouteLifetime().toNanos(), System::nanoTime);
    }

    /**
     * Binds every listening point and starts delivering messages to {@code handler}; returns once bound.
     *
     * @throws TransportException if an address cannot be bound (nothing stays bound then)
     */
    public synchronized void start(InboundHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (started || closed) {
            throw new IllegalStateException(closed ? "transport closed" : "transport already started");
        }
        netty = config.eventLoopGroup() != null ? NettyChannels.shared(config.eventLoopGroup())
                : NettyChannels.create(config.eventLoopThreads(), config.nativeTransport());
        processor = new InboundProcessor(handler, counters, routes, config.observer());
        connections = new TcpConnections(clientBootstrap());
        List<Bound> all = new ArrayList<>();
        try {
            for (TransportConfig.ListenAddress address : config.listen()) {
                all.addAll(bind(address));
            }
        } catch (RuntimeException e) {
            all.forEach(b -> {
                b.close();
                b.awaitClosed();
            });
            if (netty.owned()) {
                netty.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
            closed = true;
            throw e;
        }
        bound = List.copyOf(all);
        long sweep = Math.max(1, Math.min(30_000, config.responseRouteLifetime().toMillis()));
        sweeping = netty.group().scheduleAtFixedRate(routes::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        started = true;
        log.info("SIP transport listening on {} ({})", listeningPoints(), netty.nativeEpoll() ? "epoll" : "nio");
    }

    /**
     * Closes every socket and connection and stops the event loops of the transport's own group (a shared group
     * goes on running; the transport's sockets, connections and timer task on it are gone); returns once done.
     * On a shared NIO group one step is left to the group: the JDK releases a socket registered with a selector
     * when that selector next selects, which its loop does a moment after the close (epoll releases at once).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        started = false;
        if (netty != null) {
            sweeping.cancel(false);
            bound.forEach(Bound::close);
            if (netty.owned()) {
                netty.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            } else {
                // Nobody shuts the group down here: close what is ours on it, and wait for it.
                bound.forEach(Bound::awaitClosed);
                streams.close().syncUninterruptibly();
            }
        }
        log.info("SIP transport on {} closed", listeningPoints());
    }

    public TransportStats stats() {
        return counters.snapshot();
    }

    /** Whether the native epoll transport is in use (else NIO). */
    public boolean usesNativeTransport() {
        return netty != null && netty.nativeEpoll();
    }

    @Override
    public ListeningPoint listeningPoint(Transport transport) {
        return findListeningPoint(transport)
                .orElseThrow(() -> new IllegalArgumentException("no " + transport + " listening point"));
    }

    /** The primary listening point for {@code transport}, if we listen on it. */
    public Optional<ListeningPoint> findListeningPoint(Transport transport) {
        return bound.stream().map(Bound::point).filter(p -> p.transport() == transport).findFirst();
    }

    @Override
    public List<ListeningPoint> listeningPoints() {
        return bound.stream().map(Bound::point).toList();
    }

    @Override
    public CompletionStage<Void> sendRequest(SipRequest request, Endpoint destination) {
        return counted(sendRequestTo(request, destination));
    }

    @Override
    public CompletionStage<Void> sendRequest(EncodedMessage request, Endpoint destination) {
        return counted(sendRequestTo(request, destination));
    }

    private CompletableFuture<Void> sendRequestTo(SipRequest request, Endpoint destination) {
        try {
            requireStarted();
            Outgoing out = Outgoing.of(request);
            if (switchesToTcp(out, destination)) {
                // RFC 3261 §18.1.1: a request this large goes over a congestion-controlled transport, and the
                // top Via must then say so.
                SipRequest overTcp = withTopViaOn(request, listeningPoint(Transport.TCP));
                log.debug("request of {} bytes for {} goes over TCP (RFC 3261 §18.1.1)", out.bytes().length,
                        destination);
                return sendRequestTo(overTcp, new Endpoint(Transport.TCP, destination.address()));
            }
            return write(out, topViaOrNull(request), destination);
        } catch (RuntimeException e) {
            return failed(e, "request " + request.startLine() + " to " + destination);
        }
    }

    private CompletableFuture<Void> sendRequestTo(EncodedMessage request, Endpoint destination) {
        try {
            requireStarted();
            Outgoing out = Outgoing.of(request);
            if (switchesToTcp(out, destination)) {
                return sendRequestTo((SipRequest) request.decode(), destination); // rewritten there, as above
            }
            return write(out, request.topVia(), destination);
        } catch (RuntimeException e) {
            return failed(e, "request " + request.startLine() + " to " + destination);
        }
    }

    private boolean switchesToTcp(Outgoing out, Endpoint destination) {
        return destination.transport() == Transport.UDP && config.largeUdpRequests()
                == TransportConfig.LargeUdpRequests.SWITCH_TO_TCP && !destination.address().isUnresolved()
                && out.bytes().length > UdpSizeLimit.of(destination.address().getAddress(), config.pathMtu())
                && findListeningPoint(Transport.TCP).isPresent();
    }

    private CompletableFuture<Void> write(Outgoing out, Via topVia, Endpoint destination) {
        InetSocketAddress to = destination.address();
        if (to.isUnresolved()) {
            throw new TransportException("unresolved destination " + destination);
        }
        return switch (destination.transport()) {
            case UDP -> writeDatagram(udpChannelFor(topVia), out, to);
            case TCP -> connections.send(to, ch -> writeStream(ch, out));
        };
    }

    private static Via topViaOrNull(SipMessage message) {
        try {
            return message.header(HeaderType.VIA).orElse(null);
        } catch (RuntimeException e) {
            return null; // an unreadable Via is the caller's problem; any socket will do
        }
    }

    @Override
    public CompletionStage<Void> sendResponse(SipResponse response) {
        try {
            return counted(sendResponseAlongVia(response.topVia(), Outgoing.of(response)));
        } catch (RuntimeException e) {
            return counted(failed(e, "response " + response.startLine()));
        }
    }

    @Override
    public CompletionStage<Void> sendResponse(EncodedMessage response) {
        try {
            return counted(sendResponseAlongVia(response.topVia(), Outgoing.of(response)));
        } catch (RuntimeException e) {
            return counted(failed(e, "response " + response.startLine()));
        }
    }

    /**
     * The event loop of the connection or socket the request came in on, else any event loop: each writes a UDP
     * response through a socket of its own at once (see {@code Bound.forSending}), and a connection is written by
     * its own loop.
     */
    @Override
    public Executor responseExecutor(Via via) {
        Channel cameIn = routes.lookup(via);
        return cameIn != null ? cameIn.eventLoop() : netty.group().next();
    }

    private CompletableFuture<Void> sendResponseAlongVia(Via via, Outgoing out) {
        try {
            requireStarted();
            ResponseTarget target = ResponseTarget.of(via);
            Channel cameIn = routes.lookup(via);
            if (target.transport() == Transport.TCP) {
                // RFC 3261 §18.2.2: back on the connection the request came in on while it is open; else to the
                // address and port from the Via, over a connection we have to it or a new one.
                if (cameIn instanceof SocketChannel) {
                    return writeStream(cameIn, out);
                }
                InetSocketAddress literal = target.literalAddress();
                if (literal != null) {
                    return connections.send(literal, ch -> writeStream(ch, out));
                }
                return target.resolve().thenCompose(to -> connections.send(to, ch -> writeStream(ch, out)));
            }
            Channel from = cameIn instanceof DatagramChannel ? sendingSibling(cameIn) : udpChannelFor(null);
            InetSocketAddress literal = target.literalAddress();
            if (literal != null) {
                return writeDatagram(from, out, literal);
            }
            return target.resolve().thenCompose(to -> writeDatagram(from, out, to));
        } catch (RuntimeException e) {
            return failed(e, "response " + out.startLine());
        }
    }

    /** Sends a stateless answer over UDP from the socket the request arrived on. */
    void sendResponseFrom(SipResponse response, Channel udpChannel) {
        try {
            ResponseTarget target = ResponseTarget.of(response.topVia());
            Outgoing out = Outgoing.of(response);
            counted(target.resolve().thenCompose(to -> writeDatagram(udpChannel, out, to)));
        } catch (RuntimeException e) {
            counted(failed(e, "response " + response.startLine()));
        }
    }

    /** Writes a message on a connection. */
    CompletableFuture<Void> writeStream(Channel channel, SipMessage message) {
        return writeStream(channel, Outgoing.of(message));
    }

    private CompletableFuture<Void> writeStream(Channel channel, Outgoing out) {
        logSend(out, channel.localAddress(), "TCP", channel.remoteAddress());
        observeSent(Transport.TCP, channel.localAddress(), channel.remoteAddress(), out);
        return completion(channel.writeAndFlush(Unpooled.wrappedBuffer(out.bytes())), out, channel.remoteAddress());
    }

    private CompletableFuture<Void> writeDatagram(Channel channel, Outgoing out, InetSocketAddress to) {
        if (out.bytes().length > MAX_DATAGRAM) {
            throw new TransportException("message of " + out.bytes().length + " bytes does not fit in a datagram");
        }
        logSend(out, channel.localAddress(), "UDP", to);
        observeSent(Transport.UDP, channel.localAddress(), to, out);
        return completion(channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(out.bytes()), to)), out, to);
    }

    private void observeSent(Transport transport, SocketAddress local, SocketAddress remote, Outgoing out) {
        MessageObserver observer = config.observer();
        if (observer != MessageObserver.NONE && local instanceof InetSocketAddress l
                && remote instanceof InetSocketAddress r) {
            try {
                observer.observe(MessageObserver.Direction.SENT, transport, l, r, out.message());
            } catch (RuntimeException e) {
                log.warn("message observer failed on {}: {}", out.startLine(), e.toString());
            }
        }
    }

    private void logSend(Outgoing out, SocketAddress from, String transport, SocketAddress to) {
        if (log.isDebugEnabled()) {
            log.debug("send {}:{} -> {} ({} bytes)\n{}", transport, hostPort(from), hostPort(to), out.bytes().length,
                    new String(out.bytes(), StandardCharsets.UTF_8));
        }
    }

    private static String hostPort(SocketAddress address) {
        return address instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(address);
    }

    private CompletableFuture<Void> completion(ChannelFuture write, Outgoing out, SocketAddress to) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        write.addListener(f -> {
            if (f.isSuccess()) {
                counters.sent.increment();
                done.complete(null);
            } else {
                done.completeExceptionally(new TransportException(
                        "cannot send " + out.startLine() + " to " + hostPort(to) + ": " + f.cause(), f.cause()));
            }
        });
        return done;
    }

    /**
     * The outcome as the callers see it: a failure, whatever step failed (resolving, connecting, writing), is
     * counted and reported as the {@link TransportException} itself, not wrapped in a CompletionException.
     */
    private CompletableFuture<Void> counted(CompletableFuture<Void> outcome) {
        if (outcome.isDone() && !outcome.isCompletedExceptionally()) {
            return outcome; // written already (a send on the event loop): nothing left to settle
        }
        CompletableFuture<Void> settled = new CompletableFuture<>();
        outcome.whenComplete((ok, failure) -> {
            if (failure == null) {
                settled.complete(null);
                return;
            }
            counters.sendFailures.increment();
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            settled.completeExceptionally(cause instanceof TransportException ? cause
                    : new TransportException("cannot send: " + cause, cause));
        });
        return settled;
    }

    private CompletableFuture<Void> failed(RuntimeException e, String what) {
        log.debug("cannot send {}: {}", what, e.toString());
        return CompletableFuture.failedFuture(e instanceof TransportException ? e
                : new TransportException("cannot send " + what + ": " + e.getMessage(), e));
    }

    private void requireStarted() {
        if (!started) {
            throw new TransportException(closed ? "transport closed" : "transport not started");
        }
    }

    /**
     * The UDP socket to send from: the listening point that is the message's top Via sent-by (so the peer's
     * responses come back to it), else one on the sent-by port, else the primary one.
     */
    private Channel udpChannelFor(Via via) {
        Bound samePort = null;
        Bound primary = null;
        for (Bound b : bound) {
            if (b.point.transport() != Transport.UDP) {
                continue;
            }
            if (via != null && b.point.port() == via.port()) {
                if (ViaStamping.sameAddress(via.host(), b.point.address().getAddress())) {
                    return b.forSending();
                }
                samePort = samePort == null ? b : samePort;
            }
            primary = primary == null ? b : primary;
        }
        if (primary == null) {
            throw new TransportException("no UDP listening point");
        }
        return (samePort != null ? samePort : primary).forSending();
    }

    /** The socket to answer from, for a request that came in on {@code cameIn}: one on the same address. */
    private Channel sendingSibling(Channel cameIn) {
        for (Bound b : bound) {
            if (b.owns(cameIn)) {
                return b.forSending();
            }
        }
        return cameIn;
    }

    /** The request with its top Via moved to our TCP listening point (same host, TCP and its port). */
    private static SipRequest withTopViaOn(SipRequest request, ListeningPoint tcp) {
        Via top = request.topVia();
        Via moved = new Via(top.protocol(), Transport.TCP.viaToken(), top.host(), tcp.port(), top.parameters());
        return (SipRequest) ViaStamping.withTopVia(request, moved);
    }

    // ---- binding

    private List<Bound> bind(TransportConfig.ListenAddress address) {
        boolean sharedEphemeral = address.address().getPort() == 0 && address.transports().size() > 1;
        int attempts = sharedEphemeral ? BIND_ATTEMPTS : 1;
        RuntimeException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            List<Bound> mine = new ArrayList<>();
            int port = address.address().getPort();
            try {
                // Every transport of one address gets the same port: the first bound picks it when it is 0.
                for (Transport t : List.of(Transport.TCP, Transport.UDP)) {
                    if (address.transports().contains(t)) {
                        InetSocketAddress at = new InetSocketAddress(address.address().getAddress(), port);
                        Bound b = t == Transport.UDP ? bindUdp(at) : bindTcp(at);
                        mine.add(b);
                        port = b.point.port();
                    }
                }
                mine.sort(Comparator.comparing(b -> b.point.transport())); // reported UDP first
                return mine;
            } catch (RuntimeException e) {
                mine.forEach(b -> {
                    b.close();
                    b.awaitClosed();
                });
                last = e;
            }
        }
        throw new TransportException("cannot bind " + address.transports() + " on " + address.address()
                + ": " + last.getMessage(), last);
    }

    private Bound bindUdp(InetSocketAddress at) {
        boolean severalUdp = config.listen().stream().filter(l -> l.transports().contains(Transport.UDP)).count() > 1;
        List<EventLoop> loops = new ArrayList<>();
        netty.group().forEach(e -> loops.add((EventLoop) e));
        boolean perLoop = netty.nativeEpoll() && loops.size() > 1;
        if (perLoop && at.getPort() != 0) {
            requireFree(at);
        }
        Channel first = bindUdpSocket(perLoop ? loops.get(0) : netty.group(), at, perLoop, severalUdp);
        InetSocketAddress actual = (InetSocketAddress) first.localAddress();
        List<Channel> siblings = new ArrayList<>();
        try {
            for (EventLoop loop : perLoop ? loops.subList(1, loops.size()) : List.<EventLoop>of()) {
                siblings.add(bindUdpSocket(loop, actual, true, severalUdp));
            }
        } catch (RuntimeException e) {
            first.close().syncUninterruptibly();
            siblings.forEach(c -> c.close().syncUninterruptibly());
            throw e;
        }
        return new Bound(new ListeningPoint(Transport.UDP, actual), first, List.copyOf(siblings));
    }

    private Channel bindUdpSocket(EventLoopGroup loop, InetSocketAddress at, boolean reusePort, boolean severalUdp) {
        Bootstrap b = new Bootstrap().group(loop).channel(netty.datagram())
                // Netty's default datagram buffer is 2048 bytes: a larger SIP datagram would be cut.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65_536))
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(new UdpPacketHandler(this, processor, counters, severalUdp));
        if (reusePort) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        ChannelFuture f = b.bind(at).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new TransportException("cannot bind UDP " + at + ": " + f.cause(), f.cause());
        }
        return f.channel();
    }

    /**
     * Fails if something holds {@code at} already. A socket bound with SO_REUSEPORT shares its port with any other
     * that sets the option under the same user, so a second core started on the same port by mistake would bind
     * and quietly take half the traffic; a plain bind first makes it fail as it would without the option.
     */
    private static void requireFree(InetSocketAddress at) {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(at);
        } catch (IOException e) {
            throw new TransportException("cannot bind UDP " + at + ": " + e.getMessage(), e);
        }
    }

    private Bound bindTcp(InetSocketAddress at) {
        ChannelFuture f = new ServerBootstrap().group(netty.group()).channel(netty.server())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // the listening point is the server socket that accepted the connection
                        InetSocketAddress server = (InetSocketAddress) ch.parent().localAddress();
                        initStream(ch, new ListeningPoint(Transport.TCP, server));
                        connections.registerAccepted(ch);
                    }
                })
                .bind(at).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new TransportException("cannot bind TCP " + at + ": " + f.cause(), f.cause());
        }
        InetSocketAddress bound = (InetSocketAddress) f.channel().localAddress();
        return new Bound(new ListeningPoint(Transport.TCP, bound), f.channel());
    }

    private Bootstrap clientBootstrap() {
        return new Bootstrap().group(netty.group()).channel(netty.socket())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Messages arriving on a connection we opened are reported on our TCP listening point.
                        initStream(ch, findListeningPoint(Transport.TCP)
                                .orElseGet(() -> new ListeningPoint(Transport.TCP, new InetSocketAddress(0))));
                    }
                });
    }

    private void initStream(SocketChannel ch, ListeningPoint local) {
        streams.add(ch);
        ch.pipeline().addLast(
                new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                new SipStreamDecoder(config.maxMessageSize(), counters.octetsReceived),
                new TcpConnectionHandler(this, processor, counters, local));
    }

    @Override
    public String toString() {
        return "NettySipTransport" + listeningPoints();
    }
}
