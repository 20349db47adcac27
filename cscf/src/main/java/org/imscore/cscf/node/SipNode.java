package org.imscore.cscf.node;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.ForkTimers;
import org.imscore.sip.proxy.ForwardedRequest;
import org.imscore.sip.proxy.LocalAddresses;
import org.imscore.sip.proxy.NextHopResolver;
import org.imscore.sip.proxy.ProxyCore;
import org.imscore.sip.proxy.ProxyTransaction;
import org.imscore.sip.proxy.RequestValidator;
import org.imscore.sip.proxy.RoutePreprocessor;
import org.imscore.sip.proxy.Target;
import org.imscore.sip.proxy.TargetDecision;
import org.imscore.sip.proxy.UnreachableTargetException;
import org.imscore.sip.transaction.ClientTransaction;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.TransactionKey;
import org.imscore.sip.transaction.TransactionLayer;
import org.imscore.sip.transaction.TransactionUser;
import org.imscore.sip.transaction.WheelTimerService;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.NettySipTransport;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SIP function on its own sockets: a {@link NettySipTransport}, a {@link TransactionLayer} with its timers,
 * and the proxy pieces of RFC 3261 §16 that every CSCF needs (validation of §16.3, the forwarded copy of §16.6 with
 * Max-Forwards and our Via, our Via off the response, §16.7 step 3). What the function does with a request is its
 * {@link Role}'s. Each server transaction is logged at INFO once, when its final response goes out: function,
 * method, Request-URI, From, To, status and milliseconds; whole messages at DEBUG.
 */
public final class SipNode implements TransactionUser, AutoCloseable {

    /** What one CSCF does with the requests that reach it; called on a transport thread, must not block. */
    @FunctionalInterface
    public interface Role {
        void onRequest(SipNode node, ServerTransaction transaction);

        /**
         * An ACK no server transaction absorbed: the ACK for a 2xx, a transaction of its own (RFC 3261 §13.2.2.4). By
         * default it follows its Route, else its Request-URI, without a transaction (§16.11).
         */
        default void onAck(SipNode node, SipRequest ack, InboundMessage inbound) {
            node.forwardAck(ack, inbound, Optional.empty());
        }
    }

    /**
     * One branch of a proxied request: the copy to send (its Route set as the role made it, before §16.6) and its
     * target (Request-URI and, optionally, a fixed next hop such as a UE's registered flow).
     */
    public record Leg(SipRequest request, Target target) {

        public Leg {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(target, "target");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SipNode.class);

    private final String name;
    private final NettySipTransport transport;
    private final WheelTimerService timers;
    private final TransactionLayer layer;
    private final NextHopResolver nextHops;
    private final Map<TransactionKey, Long> started = new ConcurrentHashMap<>();
    private volatile Role role;
    private volatile ProxyCore core;
    /** The same logic with Record-Route on, for the P-CSCF and S-CSCF on session paths (TS 24.229 §5.2.6, §5.4.3). */
    private volatile ProxyCore recordRouting;
    private final Map<ServerTransaction, ProxiedRequest> proxied = new ConcurrentHashMap<>();
    /** INVITEs cancelled while their role was still deciding (waiting for Cx): already answered 487. */
    private final Set<ServerTransaction> cancelledEarly = ConcurrentHashMap.newKeySet();
    private volatile RequestValidator validator;
    private volatile RoutePreprocessor routes;

    private SipNode(String name, TransportConfig config, NextHopResolver nextHops) {
        this.name = name;
        this.transport = new NettySipTransport(config);
        this.timers = new WheelTimerService();
        // Each CSCF is one stateful proxy of a chain (P, S, I, S, P for a call): a 100 Trying from each at once would be
        // five datagrams per call that the callee's 180, back within milliseconds, makes useless. They wait for it.
        this.layer = new TransactionLayer(transport, timers,
                TransactionConfig.PROXY.withTryingDelay(TransactionConfig.TRYING_WITHIN), this);
        this.nextHops = nextHops;
    }

    /**
     * Binds the sockets; requests are answered 503 until {@link #serve(Role)} names the role (so the role may be
     * built from the bound addresses).
     *
     * @param name     the function's name in logs, e.g. {@code P-CSCF}
     * @param nextHops how URIs in Route and Request-URI become addresses
     */
    public static SipNode bind(String name, TransportConfig config, NextHopResolver nextHops) {
        SipNode node = new SipNode(name, config, nextHops);
        try {
            node.transport.start(node.layer);
        } catch (RuntimeException e) {
            node.timers.close();
            throw e;
        }
        LocalAddresses local = new LocalAddresses(node.transport.listeningPoints(), Set.of());
        node.core = new ProxyCore(local, r -> new TargetDecision.Reject(404, "Not Found"), nextHops, false, Set.of());
        node.recordRouting = new ProxyCore(local, r -> new TargetDecision.Reject(404, "Not Found"), nextHops, true,
                Set.of());
        // "path" and "sec-agree" may be in Proxy-Require of a REGISTER (TS 24.229 §5.2.2); we know both.
        node.validator = new RequestValidator(local, Set.of("path", "sec-agree"));
        node.routes = new RoutePreprocessor(local);
        return node;
    }

    public SipNode serve(Role newRole) {
        this.role = Objects.requireNonNull(newRole, "role");
        return this;
    }

    public String name() {
        return name;
    }

    /** The bound UDP address (TCP listens on the same port). */
    public InetSocketAddress address() {
        return transport.listeningPoint(Transport.UDP).address();
    }

    public List<ListeningPoint> listeningPoints() {
        return transport.listeningPoints();
    }

    public NextHopResolver nextHops() {
        return nextHops;
    }

    public TransactionLayer transactionLayer() {
        return layer;
    }

    /** RFC 3261 §16.4: the request with the Route values naming this node removed. */
    public SipRequest withoutOurRoutes(SipRequest request, ListeningPoint receivedOn) {
        return routes.preprocess(request, receivedOn);
    }

    // ---------------------------------------------------------------------------------- answering and forwarding

    /** Sends {@code response} in {@code transaction}; a final one ends the transaction's log line. */
    public void respond(ServerTransaction transaction, SipResponse response) {
        if (log.isDebugEnabled()) {
            log.debug("{} sends to {}:\n{}", name, transaction.source(), response);
        }
        // Taken before sending: over TCP the transaction terminates (Timer J is 0) inside sendResponse.
        Long t0 = response.isFinal() ? started.remove(transaction.key()) : null;
        transaction.sendResponse(response);
        // One line per transaction at INFO; under load the core runs at WARN, and the From and To of the line would
        // be parsed for nothing.
        if (response.isFinal() && log.isInfoEnabled()) {
            SipRequest r = transaction.request();
            log.info("{} {} {} from {} to {}: {} {} ({} ms)", name, r.method(), r.requestUri(), r.from().uri(),
                    r.to().uri(), response.statusCode(), response.reasonPhrase(),
                    t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * Sends a 2xx that came for an INVITE after its proxying completed (a retransmission, another fork's) in
     * {@code accepted}, the layer's record of the server transaction in Accepted (RFC 6026 §7.1), which keeps no
     * request: the transaction's INFO line was written with its first final response.
     */
    void respondAccepted(ServerTransaction accepted, SipResponse response) {
        if (log.isDebugEnabled()) {
            log.debug("{} sends to {}:\n{}", name, accepted.source(), response);
        }
        accepted.sendResponse(response);
    }

    /** A response of our own to {@code request}, with a To tag. */
    public static SipResponse answer(SipRequest request, int status, String reason) {
        SipResponse.Builder b = SipResponse.forRequest(request, status, reason);
        if (request.to().tag().isEmpty()) {
            b.toTag(UUID.randomUUID().toString().substring(0, 8));
        }
        return b.build();
    }

    /**
     * Forwards {@code prepared} (the received request as the role changed it) statefully (RFC 3261 §16.6): Max-Forwards
     * decremented, our Via on top, sent in a client transaction to {@code nextHop}, or, when empty, to where its
     * top Route or Request-URI resolves. The final response comes back without our Via, through {@code onFinal},
     * to the caller; a timeout or an unreachable next hop is answered 408 or 503 by us.
     */
    public void forward(ServerTransaction transaction, SipRequest prepared, Optional<Endpoint> nextHop,
                        UnaryOperator<SipResponse> onFinal) {
        SipRequest received = transaction.request();
        ForwardedRequest out;
        try {
            Target target = new Target(prepared.requestUri(), 1.0, nextHop.or(() -> resolve(prepared)));
            out = core.forward(received, prepared, target, transaction.local());
        } catch (UnreachableTargetException e) {
            log.info("{} {} {}: next hop unreachable: {}", name, received.method(), received.requestUri(),
                    e.getMessage());
            respond(transaction, answer(received, 503, "Service Unavailable - next hop unreachable"));
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("{} forwards to {}:\n{}", name, out.destination(), out.request());
        }
        layer.sendRequest(out.request(), out.destination(), new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction client, SipResponse response) {
                if (!response.isFinal()) {
                    return; // a non-INVITE provisional need not travel (RFC 3261 §16.7 step 5 allows dropping 100)
                }
                core.withoutOurVia(response).map(onFinal).ifPresent(r -> respond(transaction, r));
            }

            @Override
            public void onTimeout(ClientTransaction client, SipResponse timeout) {
                respond(transaction, answer(received, 408, "Request Timeout - no answer from " + out.destination()));
            }

            @Override
            public void onTransportError(ClientTransaction client, SipResponse unavailable, Throwable cause) {
                respond(transaction, answer(received, 503, "Service Unavailable - cannot reach next hop"));
            }
        });
    }

    /**
     * Proxies {@code transaction}'s request statefully to every leg at once (RFC 3261 §16.6, §16.7) with the
     * {@link ProxyTransaction} of the sip module: provisional responses and every 2xx go upstream as they come, the
     * first 2xx cancels the other branches, otherwise the best final response is sent when all have ended; a CANCEL
     * of the request cancels the branches (§16.10).
     *
     * @param recordRoute whether to stay on the path of a dialog the request creates (§16.6 step 4)
     */
    public void proxy(ServerTransaction transaction, List<Leg> legs, boolean recordRoute) {
        proxy(transaction, legs, recordRoute, response -> false);
    }

    /**
     * {@link #proxy(ServerTransaction, List, boolean)}, offering the final response to {@code divert} first when no
     * provisional response (other than 100) has gone upstream: when it returns true, the response is not sent and
     * the caller answers the transaction itself, e.g. by proxying it elsewhere (TS 24.229 §5.4.3.4, the default
     * handling of an AS that does not answer).
     */
    public void proxy(ServerTransaction transaction, List<Leg> legs, boolean recordRoute,
                      Predicate<SipResponse> divert) {
        proxy(transaction, legs.isEmpty() ? List.of() : List.of(legs), ForkTimers.NONE, recordRoute, divert);
    }

    /**
     * Proxies {@code transaction}'s request in tiers (RFC 3261 §16.6): the legs of a tier at once, the next tier when
     * they have failed or run out of {@code timers}' branch time; an INVITE still unanswered after the no-answer time
     * is cancelled and answered 480. Otherwise as {@link #proxy(ServerTransaction, List, boolean)}.
     */
    public void proxy(ServerTransaction transaction, List<List<Leg>> tiers, ForkTimers timers, boolean recordRoute) {
        proxy(transaction, tiers, timers, recordRoute, response -> false);
    }

    private void proxy(ServerTransaction transaction, List<List<Leg>> tiers, ForkTimers timers, boolean recordRoute,
                       Predicate<SipResponse> divert) {
        if (tiers.stream().allMatch(List::isEmpty)) {
            respond(transaction, answer(transaction.request(), 480, "Temporarily Unavailable"));
            return;
        }
        ProxiedRequest request = new ProxiedRequest(this, recordRouting(recordRoute), transaction, tiers, timers,
                divert);
        // Under the transaction's lock, so a CANCEL finds either the proxied request or nothing (then it answers).
        synchronized (transaction) {
            if (cancelledEarly.remove(transaction)) {
                return; // the CANCEL came while the role was deciding: answered 487 already
            }
            proxied.put(transaction, request);
        }
        request.start();
    }

    /** {@link #proxy} with one leg: {@code prepared} to where its Route or Request-URI (or {@code nextHop}) leads. */
    public void proxy(ServerTransaction transaction, SipRequest prepared, Optional<Endpoint> nextHop,
                      boolean recordRoute) {
        proxy(transaction, List.of(new Leg(prepared, new Target(prepared.requestUri(), 1.0, nextHop))), recordRoute);
    }

    private ProxyCore recordRouting(boolean on) {
        return on ? recordRouting : core;
    }

    void completed(ProxiedRequest request) {
        // Only this one: a diverted request's transaction may be proxied anew before the old one completes.
        proxied.remove(request.server(), request);
    }

    /**
     * Forwards an ACK for a 2xx without a transaction (RFC 3261 §16.11): our Route values off, Max-Forwards down,
     * our Via on, to {@code nextHop} or where its Route or Request-URI leads. An ACK that cannot go anywhere is
     * dropped (an ACK is never answered).
     */
    public void forwardAck(SipRequest ack, InboundMessage inbound, Optional<Endpoint> nextHop) {
        try {
            if (ack.maxForwards().orElse(1) <= 0) {
                return;
            }
            SipRequest routed = withoutOurRoutes(ack, inbound.local());
            Target target = new Target(routed.requestUri(), 1.0, nextHop.or(() -> resolve(routed)));
            ForwardedRequest out = core.forwardStateless(ack, routed, target, inbound.local());
            layer.sendStateless(out.request(), out.destination());
        } catch (UnreachableTargetException | RuntimeException e) {
            log.debug("{} drops ACK {}: {}", name, ack.requestUri(), e.getMessage());
        }
    }

    /** Where a request goes by its top Route, else its Request-URI (RFC 3261 §16.6 step 7). */
    private Optional<Endpoint> resolve(SipRequest request) {
        Uri uri = request.routes().isEmpty() ? request.requestUri() : request.routes().get(0).uri();
        return uri instanceof SipUri sip ? nextHops.resolve(sip) : Optional.empty();
    }

    // -------------------------------------------------------------------------------------- transaction user

    @Override
    public void onRequest(ServerTransaction transaction) {
        started.put(transaction.key(), System.nanoTime());
        SipRequest request = transaction.request();
        if (log.isDebugEnabled()) {
            log.debug("{} received from {}:\n{}", name, transaction.source(), request);
        }
        Role r = role;
        if (r == null) {
            respond(transaction, answer(request, 503, "Service Unavailable - starting"));
            return;
        }
        Optional<SipResponse> invalid = validator.validate(request);
        if (invalid.isPresent()) {
            respond(transaction, invalid.get());
            return;
        }
        try {
            r.onRequest(this, transaction);
        } catch (RuntimeException e) {
            log.warn("{} {} {}: {}", name, request.method(), request.requestUri(), e.toString(), e);
            respond(transaction, answer(request, 500, "Server Internal Error"));
        }
    }

    /**
     * RFC 3261 §16.10: a CANCEL for a request we proxy cancels its branches, whose 487 then answers it; one for a
     * request still waiting for its role's decision (a Cx answer) is answered 487 here (§9.2).
     */
    @Override
    public void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
        respond(cancel, answer(cancel.request(), invite.isPresent() ? 200 : 481,
                invite.isPresent() ? "OK" : "Call/Transaction Does Not Exist"));
        if (invite.isEmpty()) {
            return;
        }
        ServerTransaction cancelled = invite.get();
        ProxiedRequest request;
        synchronized (cancelled) {
            request = proxied.get(cancelled);
            if (request == null && cancelled.isInvite() && started.containsKey(cancelled.key())) {
                cancelledEarly.add(cancelled);
                respond(cancelled, answer(cancelled.request(), 487, "Request Terminated"));
                return;
            }
        }
        if (request != null) {
            request.cancel();
        }
    }

    @Override
    public void onAck(SipRequest ack, InboundMessage inbound) {
        Role r = role;
        if (r != null) {
            r.onAck(this, ack, inbound);
        }
    }

    /** A 2xx to INVITE no client transaction knows (a retransmission, another fork): on it goes (§16.7 step 3). */
    @Override
    public void onStrayResponse(SipResponse response, InboundMessage inbound) {
        if (response.isSuccess() && response.cseq().method().equals(SipRequest.INVITE)) {
            core.withoutOurVia(response).ifPresent(layer::sendStatelessResponse);
        }
    }

    @Override
    public void onTerminated(ServerTransaction transaction) {
        started.remove(transaction.key());
        proxied.remove(transaction);
        cancelledEarly.remove(transaction);
    }

    @Override
    public void close() {
        transport.close();
        timers.close();
    }

    @Override
    public String toString() {
        return name + " " + transport.listeningPoints();
    }
}
