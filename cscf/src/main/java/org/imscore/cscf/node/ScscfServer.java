package org.imscore.cscf.node;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.imscore.cscf.cx.DiameterCxClient;
import org.imscore.cscf.ifc.OriginalDialogs;
import org.imscore.cscf.regevent.RegEventNotifier;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.cscf.scscf.ScscfRegistrar;
import org.imscore.cscf.scscf.SessionRouter;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.RegistrationTerminationAnswer;
import org.imscore.diameter.cx.RegistrationTerminationRequest;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ClientTransaction;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S-CSCF on its sockets (TS 24.229 §5.4): REGISTER to {@link ScscfRegistrar} (MAR, SAR over Cx), SUBSCRIBE to
 * the reg event to {@link RegEventNotifier}, whose NOTIFYs go out in client transactions; a timer expires
 * bindings and subscriptions; an RTR from the HSS de-registers (TS 29.228 §6.1.3) and is answered RTA. Other
 * requests are routed as sessions: initial ones first through the served user's application servers
 * ({@link IscRouter}, ISC), then by {@link SessionRouter}: originating, terminating (forking to the registered
 * contacts in parallel or by q-value, Request-Disposition and the configuration choosing) and in-dialog,
 * Record-Routing initial ones.
 */
public final class ScscfServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScscfServer.class);
    private static final SecureRandom TOKENS = new SecureRandom();

    private final SipNode node;
    private final ScscfRegistrar registrar;
    private final RegEventNotifier notifier;
    private final ScheduledExecutorService ticks;
    private final SessionRouter sessions;
    private final IscRouter isc;

    private ScscfServer(SipNode node, ScscfRegistrar registrar, RegEventNotifier notifier, SessionRouter sessions,
                        OriginalDialogs dialogs) {
        this.node = node;
        this.registrar = registrar;
        this.notifier = notifier;
        this.sessions = sessions;
        this.isc = new IscRouter(sessions, dialogs);
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scscf-expiry");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts serving on {@code node}, answering RTRs that arrive through {@code cx}, and expiring bindings and
     * subscriptions every {@code expiryInterval}.
     */
    public static ScscfServer serve(SipNode node, ScscfRegistrar registrar, RegEventNotifier notifier,
                                    SessionRouter sessions, CxPeer cx, Duration expiryInterval) {
        return serve(node, registrar, notifier, sessions, cx, expiryInterval, new OriginalDialogs(Clock.systemUTC(),
                ScscfServer::odiToken, Duration.ofMinutes(5)));
    }

    /** {@link #serve} with the store of requests sent to application servers (ISC, TS 23.218 §6). */
    public static ScscfServer serve(SipNode node, ScscfRegistrar registrar, RegEventNotifier notifier,
                                    SessionRouter sessions, CxPeer cx, Duration expiryInterval,
                                    OriginalDialogs dialogs) {
        ScscfServer server = new ScscfServer(node, registrar, notifier, sessions, dialogs);
        String host = cx.node().config().originHost();
        String realm = cx.node().config().originRealm();
        cx.onRequest((request, from) -> CompletableFuture.completedFuture(server.answerHss(request, host, realm)));
        long every = Math.max(1, expiryInterval.toMillis());
        server.ticks.scheduleWithFixedDelay(server::expire, every, every, TimeUnit.MILLISECONDS);
        node.serve(server::onRequest);
        return server;
    }

    private void onRequest(SipNode sip, ServerTransaction transaction) {
        SipRequest request = sessions.withoutOwnName(sip.withoutOurRoutes(transaction.request(),
                transaction.local()));
        if (request.isMethod(SipRequest.REGISTER)) {
            registrar.register(request).whenComplete((outcome, error) -> {
                if (error != null) {
                    log.warn("REGISTER {}: {}", request.to().uri(), error.toString());
                    sip.respond(transaction, SipNode.answer(request, 500, "Server Internal Error"));
                    return;
                }
                sip.respond(transaction, outcome.response());
                if (!outcome.regEvent().isEmpty()) {
                    send(notifier.stateChanged(outcome.regEvent()));
                }
            });
            return;
        }
        if (request.isMethod(SipRequest.SUBSCRIBE) && request.header(HeaderType.EVENT)
                .filter(e -> e.eventType().equalsIgnoreCase(RegEventNotifier.EVENT_PACKAGE)).isPresent()) {
            RegEventNotifier.SubscribeResult result = notifier.subscribe(request);
            sip.respond(transaction, result.response());
            result.firstNotify().ifPresent(n -> send(List.of(n)));
            return;
        }
        route(sip, transaction, request);
    }

    /**
     * Session routing (TS 24.229 §5.4.3): a request back from an AS goes on with the service logic where it left; a
     * request in a dialog, or one with Route values left, follows them; an initial request is originating when it
     * came along our Service-Route, terminating otherwise, and meets its served user's filter criteria
     * ({@link IscRouter}) before the basic routing. Initial requests are Record-Routed, so the dialog's later
     * requests pass here on both sides.
     */
    private void route(SipNode sip, ServerTransaction transaction, SipRequest request) {
        boolean initial = request.to().tag().isEmpty();
        Optional<OriginalDialogs.Pending> back = initial ? isc.returning(transaction.request()) : Optional.empty();
        if (back.isPresent()) {
            isc.resume(sip, transaction, request, back.get());
            return;
        }
        if (!initial || !request.routes().isEmpty()) {
            sip.proxy(transaction, request, Optional.empty(), initial);
            return;
        }
        isc.serve(sip, transaction, request, SessionRouter.isOriginating(transaction.request()));
    }

    /** 96 random bits: the AS sees the identifier, and a guessed one must not resume someone else's request. */
    private static String odiToken() {
        byte[] b = new byte[12];
        TOKENS.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** RTR: the bindings go, watchers hear "terminated", the HSS gets its RTA. Anything else: unable to comply. */
    private DiameterMessage answerHss(DiameterMessage request, String host, String realm) {
        Optional<RegistrationTerminationRequest> rtr = RegistrationTerminationRequest.from(request);
        if (rtr.isEmpty()) {
            return new RegistrationTerminationAnswer(CxResult.base(ResultCode.UNABLE_TO_COMPLY), List.of())
                    .toMessage(request, host, realm);
        }
        List<List<RegInfo.Registration>> changed = registrar.terminate(
                DiameterCxClient.registrationTermination(rtr.get()));
        changed.forEach(state -> send(notifier.stateChanged(state)));
        log.info("RTR {} {}: {} registration set(s) terminated", rtr.get().userName(), rtr.get().publicIdentities(),
                changed.size());
        return new RegistrationTerminationAnswer(CxResult.SUCCESS, List.of()).toMessage(request, host, realm);
    }

    private void expire() {
        try {
            registrar.expireBindings().whenComplete((changes, error) -> {
                if (error != null) {
                    log.warn("binding expiry failed: {}", error.toString());
                    return;
                }
                changes.forEach(state -> send(notifier.stateChanged(state)));
            });
            send(notifier.expire());
        } catch (RuntimeException e) {
            log.warn("expiry tick failed: {}", e.toString(), e);
        }
    }

    /** Each NOTIFY in its own client transaction, along its route set (RFC 6665 §4.2.2). */
    private void send(List<RegEventNotifier.Notify> notifies) {
        for (RegEventNotifier.Notify n : notifies) {
            SipRequest notify = n.request();
            Uri next = notify.routes().isEmpty() ? notify.requestUri() : notify.routes().get(0).uri();
            Optional<Endpoint> hop = next instanceof SipUri sip ? node.nextHops().resolve(sip) : Optional.empty();
            if (hop.isEmpty()) {
                log.info("NOTIFY for subscription {}: cannot reach {}", n.subscriptionId(), next);
                notifier.notifyTimedOut(n.subscriptionId());
                continue;
            }
            SipRequest out = notify.toBuilder()
                    .prepend(HeaderType.VIA, node.transactionLayer().newVia(hop.get().transport())).build();
            long t0 = System.nanoTime();
            node.transactionLayer().sendRequest(out, hop.get(), new ClientTransactionListener() {
                @Override
                public void onResponse(ClientTransaction transaction, SipResponse response) {
                    if (response.isFinal()) {
                        log.info("{} NOTIFY {} subscription {}: {} {} ({} ms)", node.name(), out.requestUri(),
                                n.subscriptionId(), response.statusCode(), response.reasonPhrase(),
                                (System.nanoTime() - t0) / 1_000_000);
                        notifier.notifyAnswered(n.subscriptionId(), response.statusCode());
                    }
                }

                @Override
                public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
                    log.info("{} NOTIFY {} subscription {}: timeout", node.name(), out.requestUri(),
                            n.subscriptionId());
                    notifier.notifyTimedOut(n.subscriptionId());
                }

                @Override
                public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
                    log.info("{} NOTIFY {} subscription {}: {}", node.name(), out.requestUri(), n.subscriptionId(),
                            cause.toString());
                    notifier.notifyTimedOut(n.subscriptionId());
                }
            });
        }
    }

    /** Stops the expiry timer; the node and the Cx peer are closed by their owner. */
    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
