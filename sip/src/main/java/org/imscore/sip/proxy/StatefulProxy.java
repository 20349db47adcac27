package org.imscore.sip.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transaction.TimerService;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.TransactionError;
import org.imscore.sip.transaction.TransactionLayer;
import org.imscore.sip.transaction.TransactionUser;
import org.imscore.sip.transaction.WheelTimerService;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.NettySipTransport;
import org.imscore.sip.transport.SipTransport;
import org.imscore.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction-stateful SIP proxy (RFC 3261 §16): the {@link ProxyCore} logic run as the transaction user of a
 * {@link TransactionLayer}. Each request gets a server transaction (which answers INVITE with 100 Trying, §16.2)
 * and a {@link ResponseContext}; each branch a client transaction. ACK for a 2xx is routed like any in-dialog
 * request and sent without a transaction; a stray 2xx to INVITE is passed on statelessly; an OPTIONS for the proxy
 * itself is answered by it.
 *
 * <pre>{@code
 * ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
 *         .withRoutes(StaticRoutes.none().with("example.com", Endpoint.udp("127.0.0.1", 5070)));
 * try (StatefulProxy proxy = StatefulProxy.start(config)) {
 *     ListeningPoint udp = proxy.listeningPoint(Transport.UDP);
 *     ...
 * }
 * }</pre>
 *
 * <p>Logs one INFO line per transaction when it is over: method, Request-URI, From, To, final status, duration.
 */
public final class StatefulProxy implements TransactionUser, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatefulProxy.class);

    private final ProxyConfig config;
    private final TargetResolver resolver;
    private final ProxyHooks hooks;
    private final SipTransport transport;
    private final TransactionLayer layer;
    private final List<AutoCloseable> owned;
    private final OptionsResponder options;
    private final ConcurrentMap<ServerTransaction, ProxyTransaction> contexts = new ConcurrentHashMap<>();
    /** Requests whose routing decision is pending; true once a CANCEL has answered them 487. */
    private final ConcurrentMap<ServerTransaction, Boolean> awaiting = new ConcurrentHashMap<>();
    private volatile ProxyCore core;

    /**
     * A proxy on a transport and timers the caller owns. The transport must deliver inbound messages to
     * {@link #transactionLayer()}; call {@link #bind(List)} with its listening points once they are bound.
     */
    public StatefulProxy(ProxyConfig config, TargetResolver resolver, ProxyHooks hooks, SipTransport transport,
                         TimerService timers) {
        this(config, resolver, hooks, transport, timers, List.of());
    }

    private StatefulProxy(ProxyConfig config, TargetResolver resolver, ProxyHooks hooks, SipTransport transport,
                          TimerService timers, List<AutoCloseable> owned) {
        this.config = Objects.requireNonNull(config, "config");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.owned = owned;
        this.options = new OptionsResponder(config.supportedExtensions());
        this.layer = new TransactionLayer(transport, Objects.requireNonNull(timers, "timers"),
                new TransactionConfig(config.timers(), true, true), this);
    }

    /** Binds the configured listening points and starts proxying with the static routes of {@code config}. */
    public static StatefulProxy start(ProxyConfig config) {
        return start(config, config.routes());
    }

    /** Binds the configured listening points and starts proxying with {@code resolver} as routing function. */
    public static StatefulProxy start(ProxyConfig config, TargetResolver resolver) {
        return start(config, resolver, ProxyHooks.NONE);
    }

    /** As {@link #start(ProxyConfig, TargetResolver)}, with {@code hooks} changing what passes through. */
    public static StatefulProxy start(ProxyConfig config, TargetResolver resolver, ProxyHooks hooks) {
        NettySipTransport netty = new NettySipTransport(config.transport());
        WheelTimerService wheel = new WheelTimerService();
        StatefulProxy proxy = new StatefulProxy(config, resolver, hooks, netty, wheel, List.of(netty, wheel));
        try {
            netty.start(proxy.layer);
        } catch (RuntimeException e) {
            wheel.close();
            throw e;
        }
        proxy.bind(netty.listeningPoints());
        return proxy;
    }

    /** Starts routing: until the listening points are known, requests are answered 503 (not yet serving). */
    public void bind(List<ListeningPoint> listeningPoints) {
        LocalAddresses local = new LocalAddresses(listeningPoints, config.domains());
        core = new ProxyCore(local, resolver, new NumericNextHops(local), config.recordRoute(),
                config.supportedExtensions());
        LOG.info("proxy on {} for {}, record-route {}, {} forking", listeningPoints, config.domains(),
                config.recordRoute() ? "on" : "off", config.forking().name().toLowerCase(Locale.ROOT));
    }

    public TransactionLayer transactionLayer() {
        return layer;
    }

    public List<ListeningPoint> listeningPoints() {
        return transport.listeningPoints();
    }

    public ListeningPoint listeningPoint(Transport t) {
        return transport.listeningPoint(t);
    }

    /** Requests in progress (response contexts not yet complete). */
    public int activeTransactions() {
        return contexts.size();
    }

    // ------------------------------------------------------------------------------------ transaction user

    @Override
    public void onRequest(ServerTransaction server) {
        SipRequest request = server.request();
        ProxyCore c = core;
        if (c == null) {
            respond(server, SipResponse.forRequest(request, 503).toTag(RequestValidator.newTag()).build());
            return;
        }
        RequestDecision decision;
        try {
            decision = c.decide(request, server.local());
        } catch (RuntimeException e) {
            failed(server, e);
            return;
        }
        carryOut(server, decision);
    }

    private void carryOut(ServerTransaction server, RequestDecision decision) {
        switch (decision) {
            case RequestDecision.Respond r -> respond(server, r.response());
            case RequestDecision.Local l -> respond(server, options.answer(l.request()));
            case RequestDecision.Forward f -> {
                ForkTimers timers = config.forking() == ForkingMode.SEQUENTIAL
                        ? ForkTimers.NONE.withBranchTimeout(config.sequentialBranchTimeout()) : ForkTimers.NONE;
                ProxyTransaction pt = new ProxyTransaction(core, layer, server,
                        new ResponseContext(server.request(), f.targets(), config.forking()), timers,
                        new Forwarding(server, f.request()));
                contexts.put(server, pt);
                pt.start();
            }
            case RequestDecision.Pending p -> {
                // The server transaction answers retransmissions (and INVITE had its 100) meanwhile.
                awaiting.put(server, Boolean.FALSE);
                p.decision().whenComplete((later, error) -> {
                    if (Boolean.TRUE.equals(awaiting.remove(server))) {
                        return; // cancelled while waiting: already answered 487
                    }
                    if (error != null) {
                        failed(server, error);
                    } else {
                        carryOut(server, later);
                    }
                });
            }
        }
    }

    /** A routing function that failed: the caller gets an answer, not silence. */
    private void failed(ServerTransaction server, Throwable e) {
        SipRequest request = server.request();
        LOG.warn("{} {}: routing failed: {}", request.method(), request.requestUri(), e.toString());
        respond(server, SipResponse.forRequest(request, 500).toTag(RequestValidator.newTag()).build());
    }

    /** §16.10: answer the CANCEL 200 and cancel every pending branch; the INVITE then gets its 487 from them. */
    @Override
    public void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
        if (invite.isEmpty()) {
            // Every request through us has a server transaction, so an unknown INVITE was never ours to cancel,
            // or is long finished: nothing to forward the CANCEL to (§9.2).
            respond(cancel, SipResponse.forRequest(cancel.request(), 481).toTag(RequestValidator.newTag()).build());
            return;
        }
        respond(cancel, SipResponse.forRequest(cancel.request(), 200).toTag(RequestValidator.newTag()).build());
        ServerTransaction inviteTransaction = invite.get();
        if (awaiting.replace(inviteTransaction, Boolean.FALSE, Boolean.TRUE)) {
            // Still waiting for the routing function: no branch to cancel, so the answer is ours (§9.2).
            respond(inviteTransaction, SipResponse.forRequest(inviteTransaction.request(), 487)
                    .toTag(RequestValidator.newTag()).build());
            return;
        }
        ProxyTransaction pt = contexts.get(inviteTransaction);
        if (pt != null) {
            pt.cancel();
        }
    }

    /** An ACK for a 2xx: routed as any in-dialog request (§16.4 to §16.6) and sent on without a transaction. */
    @Override
    public void onAck(SipRequest ack, InboundMessage inbound) {
        ProxyCore c = core;
        if (c == null) {
            return;
        }
        try {
            forwardAck(c, ack, inbound, c.decide(ack, inbound.local()));
        } catch (RuntimeException e) {
            LOG.debug("ACK dropped: {}", e.toString());
        }
    }

    private void forwardAck(ProxyCore c, SipRequest ack, InboundMessage inbound, RequestDecision decision) {
        switch (decision) {
            case RequestDecision.Forward f -> {
                try {
                    Target target = f.targets().get(0);
                    ForwardedRequest out = c.forwardStateless(ack, f.request(), target, inbound.local());
                    layer.sendStateless(hooks.beforeForward(ack, out.request(), target), out.destination());
                } catch (UnreachableTargetException e) {
                    LOG.debug("ACK dropped: {}", e.getMessage());
                }
            }
            case RequestDecision.Pending p -> p.decision().thenAccept(later -> forwardAck(c, ack, inbound, later));
            default -> LOG.debug("ACK not forwarded (an ACK is never answered, §17): {}", ack.startLine());
        }
    }

    /** A 2xx to INVITE no client transaction knows (a retransmission, another fork): on it goes (§16.7 step 3). */
    @Override
    public void onStrayResponse(SipResponse response, InboundMessage inbound) {
        ProxyCore c = core;
        if (c == null || !response.isSuccess() || !response.cseq().method().equals(SipRequest.INVITE)) {
            return;
        }
        c.withoutOurVia(response).ifPresent(layer::sendStatelessResponse);
        // No hook here: the request this 2xx answers is not known any more.
    }

    @Override
    public void onServerTransactionError(ServerTransaction transaction, TransactionError error) {
        LOG.debug("server transaction {} failed: {}", transaction.key(), error);
    }

    /**
     * The proxy's side of one forwarded request: every branch a copy of the routed request (§16.6) through the
     * hooks, responses through the hooks, one INFO line at the end. Once the request is finished, what it keeps is
     * what sends a late 2xx upstream: the layer's record of the accepted server transaction, and the request only
     * when there are hooks to see it.
     */
    private final class Forwarding implements ProxyTransaction.Outlet {

        /** The server transaction; once completed, what sends a 2xx in it while it is in Accepted, else null. */
        private ServerTransaction server;
        /** The request as received, which the hooks see with every message; null once completed without hooks. */
        private SipRequest received;
        /** The request after route preprocessing, from which every branch's copy is made; null once completed. */
        private SipRequest routed;
        private final long startNanos = System.nanoTime();

        Forwarding(ServerTransaction server, SipRequest routed) {
            this.server = server;
            this.received = server.request();
            this.routed = routed;
        }

        @Override
        public ForwardedRequest forward(Target target) throws UnreachableTargetException {
            ForwardedRequest out = core.forward(received, routed, target, server.local());
            return new ForwardedRequest(hooks.beforeForward(received, out.request(), target), out.destination());
        }

        @Override
        public void respond(SipResponse response) {
            if (server != null) {
                server.sendResponse(hooks.beforeResponse(received, response));
            }
        }

        @Override
        public void completed(ResponseContext context) {
            contexts.remove(server);
            logDone(received, context.finalResponse().map(SipResponse::statusCode).orElse(0),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), context.branchCount());
            // Only a 2xx to the INVITE may still come (RFC 6026 §7.2), for the server transaction in Accepted.
            server = layer.findAcceptedTransaction(server).orElse(null);
            routed = null;
            if (hooks == ProxyHooks.NONE) {
                received = null; // NONE reads no request
            }
        }
    }

    private void respond(ServerTransaction server, SipResponse response) {
        server.sendResponse(hooks.beforeResponse(server.request(), response));
        logDone(server.request(), response.statusCode(), 0, 0);
    }

    /** The one INFO line per transaction: what, from whom to whom, how it ended, how long it took. */
    private static void logDone(SipRequest request, int status, long millis, int branches) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} from {} to {}: {} in {} ms, {} branch(es)", request.method(), request.requestUri(),
                    request.from().uri(), request.to().uri(), status, millis, branches);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
    }
}
