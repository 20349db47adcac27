package org.imscore.diameter.peer;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterCodec;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ErrorAnswers;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.dictionary.Dictionary;
import org.imscore.diameter.transport.DiameterFrameDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Diameter node: listens for peers, connects to peers, routes requests to open peers by
 * Destination-Host then Destination-Realm (RFC 6733 6.1), correlates answers by Hop-by-Hop id, hands
 * received requests to the {@link RequestHandler} and answers decode failures itself.
 *
 * <pre>{@code
 * DiameterNode hss = new DiameterNode(config, Dictionaries.cx(), (request, from) -> ...answer...);
 * InetSocketAddress bound = hss.listen(new InetSocketAddress("127.0.0.1", 3868)).join();
 * DiameterNode scscf = new DiameterNode(otherConfig, Dictionaries.cx(), handler);
 * scscf.connect(new RemotePeer("hss.ims.example", "ims.example", bound)).join();
 * DiameterMessage maa = scscf.send(mar).join();
 * }</pre>
 */
public final class DiameterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiameterNode.class);

    private final NodeConfig config;
    private final DiameterCodec codec;
    private final RequestHandler handler;
    private final DiameterChannels channels;
    private final boolean ownsGroup;
    private final AtomicInteger hopByHop;
    private final EndToEndIds endToEnd;
    private final DuplicateCache duplicates;
    private final ScheduledFuture<?> duplicateSweep;
    private final Map<String, PeerConnection> openByHost = new ConcurrentHashMap<>();
    private final List<PeerConnection> connections = new CopyOnWriteArrayList<>();
    private final List<ClientPeer> clients = new CopyOnWriteArrayList<>();
    private final List<Channel> servers = new CopyOnWriteArrayList<>();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final long sessionHigh;
    private final AtomicLong sessionLow = new AtomicLong();
    private volatile MessageObserver observer = MessageObserver.NONE;

    public DiameterNode(NodeConfig config, Dictionary dictionary, RequestHandler handler) {
        this(config, dictionary, handler, DiameterChannels.ownGroup(), true, Clock.systemUTC(),
                RandomGenerator.getDefault());
    }

    /**
     * With an event loop group the caller owns (and shuts down) and an injected clock and randomness. An epoll
     * group (or loop) gets native epoll channels, any other group NIO channels.
     */
    public DiameterNode(NodeConfig config, Dictionary dictionary, RequestHandler handler, EventLoopGroup group,
                        Clock clock, RandomGenerator random) {
        this(config, dictionary, handler, DiameterChannels.forGroup(group), false, clock, random);
    }

    private DiameterNode(NodeConfig config, Dictionary dictionary, RequestHandler handler, DiameterChannels channels,
                         boolean ownsGroup, Clock clock, RandomGenerator random) {
        this.config = config;
        this.codec = new DiameterCodec(dictionary);
        this.handler = handler;
        this.channels = channels;
        this.ownsGroup = ownsGroup;
        this.hopByHop = new AtomicInteger(random.nextInt());
        this.endToEnd = new EndToEndIds(clock, random);
        this.duplicates = new DuplicateCache(clock, config.timers().duplicateWindow(), 100_000);
        // Entries expire on a sweep too, not only when the next request comes: an idle node lets its answers go.
        long sweepMillis = Math.clamp(config.timers().duplicateWindow().toMillis() / 10, 100, 5_000);
        this.duplicateSweep = channels.group().next().scheduleAtFixedRate(duplicates::expire, sweepMillis,
                sweepMillis, TimeUnit.MILLISECONDS);
        this.sessionHigh = clock.instant().getEpochSecond() & 0xFFFF_FFFFL;
    }

    public NodeConfig config() {
        return config;
    }

    /**
     * Taps every message this node sends and receives from now on, on every connection ({@link MessageObserver#NONE}
     * to stop). A tap, not configuration: it may be attached to a node that is running already.
     */
    public void observe(MessageObserver messageObserver) {
        this.observer = java.util.Objects.requireNonNull(messageObserver, "messageObserver");
    }

    /** Tells the observer, if any, of one message on {@code channel}; an observer's failure is only logged. */
    void observed(MessageObserver.Direction direction, Channel channel, DiameterMessage message) {
        MessageObserver o = observer;
        if (o != MessageObserver.NONE && channel.localAddress() instanceof InetSocketAddress local
                && channel.remoteAddress() instanceof InetSocketAddress remote) {
            try {
                o.observe(direction, local, remote, message);
            } catch (RuntimeException e) {
                log.warn("message observer failed: {}", e.toString());
            }
        }
    }

    public DiameterCodec codec() {
        return codec;
    }

    /** Accepts peers on {@code address} (port 0 picks a free one); completes with the bound address. */
    public CompletableFuture<InetSocketAddress> listen(InetSocketAddress address) {
        CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
        new ServerBootstrap().group(channels.group()).channel(channels.server())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        PeerConnection connection = new PeerConnection(DiameterNode.this, null);
                        connections.add(connection);
                        ch.pipeline().addLast(new DiameterFrameDecoder(DiameterCodec.DEFAULT_MAX_MESSAGE_LENGTH),
                                connection);
                    }
                })
                .bind(address).addListener(f -> {
                    if (f.isSuccess()) {
                        Channel channel = ((ChannelFuture) f).channel();
                        servers.add(channel);
                        log.info("Diameter node {} listening on {}", config.originHost(), channel.localAddress());
                        bound.complete((InetSocketAddress) channel.localAddress());
                    } else {
                        bound.completeExceptionally(f.cause());
                    }
                });
        return bound;
    }

    /**
     * Connects to {@code remote} and keeps the connection up (reconnecting with back-off) until
     * {@link #close()}. Completes when the capabilities exchange first succeeds.
     */
    public CompletableFuture<PeerInfo> connect(RemotePeer remote) {
        Bootstrap bootstrap = new Bootstrap().group(channels.group()).channel(channels.socket())
                .option(ChannelOption.TCP_NODELAY, true);
        ClientPeer client = new ClientPeer(this, remote, bootstrap);
        clients.add(client);
        client.start();
        return client.firstOpen();
    }

    /**
     * Sends a request to the open peer named by its Destination-Host, else to an open peer of its
     * Destination-Realm that supports its application. A fresh Hop-by-Hop id is set; the End-to-End id
     * too when the request has 0. Completes with the answer, or fails with a
     * {@link DiameterRequestException} (no route, timeout, connection closed).
     */
    public CompletableFuture<DiameterMessage> send(DiameterMessage request) {
        Optional<PeerConnection> peer = route(request);
        if (peer.isEmpty()) {
            return CompletableFuture.failedFuture(new DiameterRequestException(DiameterRequestException.Reason.NO_ROUTE,
                    "no open peer for host " + request.destinationHost().orElse("-") + " realm "
                            + request.destinationRealm().orElse("-")));
        }
        DiameterMessage.Builder b = request.toBuilder().hopByHopId(nextHopByHop());
        if (request.endToEndId() == 0) {
            b.endToEndId(nextEndToEnd());
        }
        return peer.get().send(b.build());
    }

    /**
     * A new Session-Id of the RFC 6733 8.8 form {@code <Origin-Host>;<high 32 bits>;<low 32 bits>}:
     * high = start time in seconds, low = a counter, so ids do not repeat across restarts.
     */
    public String newSessionId() {
        return config.originHost() + ";" + sessionHigh + ";" + (sessionLow.incrementAndGet() & 0xFFFF_FFFFL);
    }

    /** Open peers and peers being connected. */
    public List<PeerInfo> peers() {
        List<PeerInfo> infos = new ArrayList<>();
        for (PeerConnection c : connections) {
            infos.add(c.info());
        }
        return infos;
    }

    /** The open connection to this Origin-Host, if any. */
    public Optional<PeerInfo> peer(String originHost) {
        return Optional.ofNullable(openByHost.get(originHost)).map(PeerConnection::info);
    }

    /**
     * Sends DPR (REBOOTING) to every open peer, waits for the DPAs briefly, and stops. Blocks: call it
     * from an application thread, not from a {@link RequestHandler}.
     */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (ClientPeer client : clients) {
            closing.add(client.stop());
        }
        for (PeerConnection c : connections) {
            closing.add(c.disconnect(0));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(config.timers().disconnect().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.info("Diameter node {}: not every peer answered the DPR in time", config.originHost());
        }
        for (PeerConnection c : connections) {
            c.close();
        }
        for (Channel server : servers) {
            server.close().syncUninterruptibly();
        }
        duplicateSweep.cancel(false);
        if (ownsGroup) {
            channels.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    // ---- used by PeerConnection and ClientPeer ------------------------------------------------------------

    /** True when a connection to this Origin-Host is open (whoever initiated it). */
    boolean isOpen(String originHost) {
        PeerConnection c = openByHost.get(originHost);
        return c != null && c.state().isOpen();
    }

    int nextHopByHop() {
        return hopByHop.incrementAndGet();
    }

    int nextEndToEnd() {
        return endToEnd.next();
    }

    ChannelInitializer<SocketChannel> channelInitializer(PeerConnection connection) {
        connections.add(connection);
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new DiameterFrameDecoder(DiameterCodec.DEFAULT_MAX_MESSAGE_LENGTH), connection);
            }
        };
    }

    /**
     * Registers an open connection. Two open connections to one Origin-Host: when one is ours and one
     * the peer's, the election of RFC 6733 5.6.4 decides (the higher Origin-Host keeps the connection it
     * initiated); otherwise the newer wins, which also clears a half-open connection of a peer that
     * restarted.
     */
    void opened(PeerConnection connection) {
        String host = connection.remoteHost();
        PeerConnection older = openByHost.get(host);
        PeerConnection keep = connection;
        if (older != null && older != connection && older.state().isOpen()
                && older.isInitiator() != connection.isInitiator()) {
            boolean localWins = config.originHost().compareToIgnoreCase(host) > 0;
            keep = localWins == connection.isInitiator() ? connection : older;
        }
        openByHost.put(host, keep);
        PeerConnection drop = keep == connection ? older : connection;
        if (drop != null && drop != keep) {
            log.info("peer {}: two open connections, keeping the {} one", host,
                    keep.isInitiator() ? "initiated" : "accepted");
            drop.close();
        }
    }

    void closed(PeerConnection connection) {
        if (connection.remoteHost() != null) {
            openByHost.remove(connection.remoteHost(), connection);
        }
        connections.remove(connection);
    }

    private Optional<PeerConnection> route(DiameterMessage request) {
        Optional<String> host = request.destinationHost();
        if (host.isPresent()) {
            PeerConnection c = openByHost.get(host.get());
            if (c != null && c.state().isOpen()) {
                return Optional.of(c);
            }
        }
        Optional<String> realm = request.destinationRealm();
        List<PeerConnection> candidates = new ArrayList<>();
        for (PeerConnection c : openByHost.values()) {
            if (c.state().isOpen() && (realm.isEmpty() || realm.get().equalsIgnoreCase(c.remoteRealm()))
                    && (request.applicationId() == 0 || c.info().applications().contains(request.applicationId()))) {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(Math.floorMod(roundRobin.getAndIncrement(), candidates.size())));
    }

    /** A valid application request from an open peer: duplicate check, then the handler. */
    void dispatch(DiameterMessage request, PeerConnection from) {
        // The peer's own Origin-Host string when they agree: the duplicate cache turns it into a small id by its
        // hash, which that one string has computed already.
        String originHost = request.originHost().orElse(from.remoteHost());
        if (originHost.equals(from.remoteHost())) {
            originHost = from.remoteHost();
        }
        DuplicateCache.Key key = new DuplicateCache.Key(originHost, request.endToEndId());
        CompletableFuture<byte[]> earlier = duplicates.register(key);
        if (earlier != null) {
            // RFC 6733 6.2: a duplicate gets the earlier answer (with its own Hop-by-Hop id), not a second run.
            log.info("{}: duplicate request {} (T={}), answering from cache", from.describe(), request,
                    request.isRetransmitted());
            earlier.thenAccept(bytes -> codec.decode(bytes).message().ifPresent(
                    a -> from.answer(a.toBuilder().hopByHopId(request.hopByHopId()).build())));
            return;
        }
        long start = System.nanoTime();
        CompletionStage<DiameterMessage> stage;
        try {
            stage = handler.handle(request, from.info());
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((a, error) -> {
            DiameterMessage reply = a;
            if (a != null && (a.isRequest() || a.hopByHopId() != request.hopByHopId()
                    || a.endToEndId() != request.endToEndId())) {
                // The peer correlates by these ids (RFC 6733 6.2): never let a handler's slip lose an answer.
                reply = a.toBuilder().request(false).hopByHopId(request.hopByHopId())
                        .endToEndId(request.endToEndId()).build();
            }
            if (error != null || a == null) {
                log.warn("{}: handler failed for {}: {}", from.describe(), request, error == null ? "no answer" : error.toString());
                reply = ErrorAnswers.answer(request, ResultCode.UNABLE_TO_COMPLY, "internal error", List.of(),
                        config.originHost(), config.originRealm());
            }
            // Encoded once, here on the handler's thread: the same bytes are kept for duplicates and sent.
            byte[] wire = codec.encode(reply);
            duplicates.answered(key, wire);
            if (log.isInfoEnabled()) {
                // Guarded: the peer's description and the result are strings built for this line only.
                log.info("{}: {} -> {} in {} ms", from.describe(), request, resultOf(reply),
                        (System.nanoTime() - start) / 1_000_000);
            }
            from.answer(reply, wire);
        });
    }

    private static String resultOf(DiameterMessage answer) {
        if (answer.resultCode().isPresent()) {
            return Long.toString(answer.resultCode().getAsLong());
        }
        return "experimental " + answer.experimentalResultCode().orElse(-1);
    }

    /** Builds the base of an answer from this node (Result-Code, Origin-Host, Origin-Realm). */
    public DiameterMessage.Builder answer(DiameterMessage request, long resultCode) {
        DiameterMessage.Builder b = DiameterMessage.answerTo(request);
        request.find(BaseAvps.SESSION_ID).ifPresent(b::add);
        return b.add(Avp.unsigned32(BaseAvps.RESULT_CODE, resultCode))
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, config.originHost()))
                .add(Avp.utf8(BaseAvps.ORIGIN_REALM, config.originRealm()));
    }
}
