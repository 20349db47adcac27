package org.imscore.sip.ua;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.imscore.sip.message.CSeq;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.Branches;
import org.imscore.sip.transaction.ClientTransaction;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transaction.SipTimers;
import org.imscore.sip.transaction.TimerService;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.TransactionKey;
import org.imscore.sip.transaction.TransactionLayer;
import org.imscore.sip.transaction.TransactionRequests;
import org.imscore.sip.transaction.TransactionState;
import org.imscore.sip.transaction.TransactionUser;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.SipTransport;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user-agent core (RFC 3261 §8, §12, §13) on its own transaction layer: good for a test UE and for the requests
 * an element terminates itself.
 *
 * <p>UAS: every new request passes {@link UasChecks} (400/405/416/420/415/406 answered here) and the merged-request
 * check (482, §8.2.2.2), then goes to the
 * {@link RequestHandler} registered for its method; OPTIONS without a handler is answered 200 with Allow, Supported
 * and Accept; CANCEL is answered here (200 and 487 to the INVITE, or 481, §9.2); a 2xx to INVITE is retransmitted
 * until its ACK arrives (§13.3.1.4).
 *
 * <p>UAC: {@link #newRequest} builds an out-of-dialog request (§8.1.1), {@link #send} runs it through a client
 * transaction and completes with the final response (a synthetic 408 or 503 on timeout or transport failure),
 * {@link #invite} also ACKs a 2xx and returns the {@link Dialog}, {@link #sendInDialog} sends BYE and friends.
 *
 * <p>Wiring: {@code transport.start(ua.layer())} (the layer is the transport's inbound handler).
 */
public final class UserAgent {

    private static final Logger LOG = LoggerFactory.getLogger(UserAgent.class);
    private static final List<String> BASE_METHODS = List.of(SipRequest.OPTIONS, SipRequest.ACK, SipRequest.CANCEL);

    private final SipTransport transport;
    private final UaConfig config;
    private final TransactionLayer layer;
    private final SuccessRetransmissions successRetransmissions;
    private final Map<String, RequestHandler> handlers = new ConcurrentHashMap<>();
    /** Open INVITE server transactions, so that a CANCEL can be answered 487 with the right To tag. */
    private final Map<ServerTransaction, IncomingRequest> invites = new ConcurrentHashMap<>();
    /**
     * Server transactions of out-of-dialog requests by From tag, Call-ID and CSeq (§8.2.2.2), kept for as long as
     * the transaction would absorb retransmissions; the value is the transaction's key, not the transaction, so that
     * the request itself is not held.
     */
    private final Map<MergeKey, TransactionKey> outOfDialog = new ConcurrentHashMap<>();
    private final TimerService timers;
    private final SipTimers sipTimers;
    private volatile Consumer<SipRequest> ackListener = ack -> { };

    public UserAgent(SipTransport transport, TimerService timers, TransactionConfig transactionConfig,
                     UaConfig config) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.config = Objects.requireNonNull(config, "config");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.sipTimers = transactionConfig.timers();
        this.layer = new TransactionLayer(transport, timers, transactionConfig, new Core());
        this.successRetransmissions = new SuccessRetransmissions(layer, timers, transactionConfig.timers());
    }

    /** The transaction layer: the transport's inbound handler. */
    public TransactionLayer layer() {
        return layer;
    }

    public UaConfig config() {
        return config;
    }

    /** Serves {@code method} with {@code handler} (replacing any earlier one); the method joins Allow. */
    public UserAgent handle(String method, RequestHandler handler) {
        handlers.put(method, Objects.requireNonNull(handler));
        return this;
    }

    /** Called with every ACK for a 2xx we sent (and stray ACKs), after the 2xx retransmissions stopped. */
    public UserAgent onAck(Consumer<SipRequest> listener) {
        this.ackListener = Objects.requireNonNull(listener);
        return this;
    }

    /** OPTIONS, ACK, CANCEL and every method with a handler, in that order. */
    public Set<String> allowedMethods() {
        Set<String> allowed = new LinkedHashSet<>(BASE_METHODS);
        handlers.keySet().stream().sorted().forEach(allowed::add);
        return allowed;
    }

    // ---------------------------------------------------------------------------------------------- UAS

    private final class Core implements TransactionUser {

        @Override
        public void onRequest(ServerTransaction transaction) {
            IncomingRequest incoming = new IncomingRequest(transaction, UserAgent.this);
            SipRequest request = transaction.request();
            Optional<SipResponse.Builder> rejection = UasChecks.check(request, allowedMethods(), config);
            if (rejection.isPresent()) {
                SipResponse response = rejection.get().toTag(incoming.toTag()).build();
                LOG.debug("rejecting {} with {} {}", request.method(), response.statusCode(), response.reasonPhrase());
                transaction.sendResponse(response);
                return;
            }
            if (merged(transaction)) {
                // §8.2.2.2: the same request reached us again by another path (a forking proxy): answer 482.
                transaction.sendResponse(incoming.response(482).build());
                return;
            }
            if (transaction.isInvite()) {
                invites.put(transaction, incoming);
            }
            RequestHandler handler = handlers.get(request.method());
            if (handler != null) {
                handler.onRequest(incoming);
            } else if (request.isMethod(SipRequest.OPTIONS)) {
                incoming.respond(capabilities(incoming.response(200)).build());
            }
        }

        @Override
        public void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
            IncomingRequest cancelled = invite.map(invites::get).orElse(null);
            IncomingRequest cancelRequest = new IncomingRequest(cancel, UserAgent.this);
            if (invite.isEmpty()) {
                cancel.sendResponse(cancelRequest.response(481).build());
                return;
            }
            // §9.2: the CANCEL is answered 200 whenever it matches; the INVITE gets 487 if it is still unanswered.
            cancel.sendResponse(cancelRequest.response(200).build());
            if (cancelled != null && invite.get().state() == TransactionState.PROCEEDING) {
                cancelled.markCancelled();
                cancelled.respond(cancelled.response(487).build());
            }
        }

        @Override
        public void onAck(SipRequest ack, InboundMessage inbound) {
            successRetransmissions.acknowledged(ack);
            ackListener.accept(ack);
        }

        @Override
        public void onTerminated(ServerTransaction transaction) {
            invites.remove(transaction);
            MergeKey key = MergeKey.of(transaction.request());
            if (key != null) {
                // The transaction layer hands a completed transaction over to a slim record at its final response;
                // a copy that forked upstream may still arrive for as long as Timer I (INVITE) or Timer J would
                // have kept the transaction, so the merge stays known until then.
                TransactionKey transactionKey = transaction.key();
                Duration wait = transaction.request().isMethod(SipRequest.INVITE)
                        ? sipTimers.timerI(false) : sipTimers.timerJ(false);
                timers.schedule(wait, () -> outOfDialog.remove(key, transactionKey));
            }
        }
    }

    /** What identifies a request that forked and came back: From tag, Call-ID, CSeq (§8.2.2.2). */
    private record MergeKey(String fromTag, String callId, CSeq cseq) {
        /** The key of an out-of-dialog request (no To tag) with a From tag; null otherwise. */
        static MergeKey of(SipRequest request) {
            if (request.to().tag().isPresent() || request.from().tag().isEmpty()) {
                return null;
            }
            return new MergeKey(request.from().tag().get(), request.callId(), request.cseq());
        }
    }

    /** Whether another live transaction has the same From tag, Call-ID and CSeq (else this one is remembered). */
    private boolean merged(ServerTransaction transaction) {
        MergeKey key = MergeKey.of(transaction.request());
        if (key == null) {
            return false;
        }
        TransactionKey earlier = outOfDialog.putIfAbsent(key, transaction.key());
        return earlier != null && !earlier.equals(transaction.key());
    }

    /** Adds Allow, Supported and Accept (the OPTIONS answer, §11.2). */
    public SipResponse.Builder capabilities(SipResponse.Builder response) {
        response.add(HeaderNames.ALLOW, String.join(", ", allowedMethods()));
        if (!config.supported().isEmpty()) {
            response.add(HeaderNames.SUPPORTED, String.join(", ", config.supported()));
        }
        response.add(HeaderNames.ACCEPT, String.join(", ", config.accepted()));
        return response;
    }

    boolean respond(IncomingRequest request, SipResponse response) {
        boolean sent = request.transaction().sendResponse(response);
        if (sent && request.transaction().isInvite() && response.isSuccess()) {
            successRetransmissions.start(response);
        }
        return sent;
    }

    // ---------------------------------------------------------------------------------------------- UAC

    /**
     * A new out-of-dialog request (§8.1.1): our Via for {@code over} with a new branch, Max-Forwards 70, From with a
     * new tag, To, a new Call-ID, CSeq 1, Contact at our listening point, User-Agent. Add headers and a body, then
     * {@link #send} it.
     */
    public SipRequest.Builder newRequest(String method, Uri requestUri, NameAddress from, NameAddress to,
                                         Transport over) {
        ListeningPoint lp = transport.listeningPoint(over);
        SipRequest.Builder b = SipRequest.builder(method, requestUri);
        b.add(HeaderType.VIA, layer.newVia(over));
        b.add(HeaderNames.MAX_FORWARDS, Integer.toString(TransactionRequests.MAX_FORWARDS));
        b.add(HeaderType.FROM, from.tag().isPresent() ? from : from.withTag(Branches.randomHex(6)));
        b.add(HeaderType.TO, to);
        b.add(HeaderNames.CALL_ID, Branches.randomHex(12) + "@" + lp.host());
        b.add(HeaderType.CSEQ, new CSeq(1, method));
        b.add(HeaderNames.CONTACT, contact(from, lp).toString());
        if (config.product() != null) {
            b.add(HeaderNames.USER_AGENT, config.product());
        }
        return b;
    }

    /**
     * The next request of the same kind (a REGISTER refresh, or a retry with credentials after 401/407, §8.1.3.5,
     * §10.2.4): every header kept, the CSeq number plus one, a new Via branch.
     */
    public SipRequest.Builder followUp(SipRequest previous) {
        SipRequest.Builder b = previous.toBuilder();
        Transport over = Transport.fromToken(previous.topVia().transport()).orElse(Transport.UDP);
        b.set(HeaderNames.VIA, layer.newVia(over).toString());
        b.set(HeaderType.CSEQ, new CSeq(previous.cseq().number() + 1, previous.method()));
        return b;
    }

    /** Our Contact for requests from {@code from} sent from {@code lp}: {@code <sip:user@host:port[;transport=tcp]>}. */
    public NameAddress contact(NameAddress from, ListeningPoint lp) {
        String user = from.uri() instanceof SipUri sip ? sip.user() : null;
        SipUri uri = SipUri.of(user, lp.host(), lp.port());
        if (lp.transport() != Transport.UDP) {
            uri = uri.withParameter("transport", lp.transport().viaToken().toLowerCase(java.util.Locale.ROOT));
        }
        return NameAddress.of(uri);
    }

    /** As {@link #send(SipRequest, Endpoint, Consumer)} ignoring provisional responses. */
    public CompletionStage<SipResponse> send(SipRequest request, Endpoint nextHop) {
        return send(request, nextHop, r -> { });
    }

    /**
     * Sends {@code request} in a client transaction (adding our Via if it has none) and completes with the final
     * response: the real one, or the synthetic 408 (Timer B/F) or 503 (transport error) the RFC has the TU act on.
     * For INVITE, use {@link #invite} so the 2xx is ACKed.
     */
    public CompletionStage<SipResponse> send(SipRequest request, Endpoint nextHop, Consumer<SipResponse> provisional) {
        CompletableFuture<SipResponse> done = new CompletableFuture<>();
        layer.sendRequest(withVia(request, nextHop), nextHop, completing(done, provisional));
        return done;
    }

    /** A listener completing {@code done} with the final, synthetic 408 or synthetic 503 response. */
    private static ClientTransactionListener completing(CompletableFuture<SipResponse> done,
                                                        Consumer<SipResponse> provisional) {
        return new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction tx, SipResponse response) {
                if (response.isProvisional()) {
                    provisional.accept(response);
                } else {
                    done.complete(response);
                }
            }

            @Override
            public void onTimeout(ClientTransaction tx, SipResponse timeout) {
                done.complete(timeout);
            }

            @Override
            public void onTransportError(ClientTransaction tx, SipResponse unavailable, Throwable cause) {
                done.complete(unavailable);
            }
        };
    }

    /** The outcome of an INVITE: the final response and, for a 2xx, the confirmed dialog. */
    public record InviteResult(SipResponse response, Optional<Dialog> dialog) {
    }

    /** An INVITE on its way: its outcome, and the means to CANCEL it (§9.1) while it is unanswered. */
    public final class PendingInvite {
        private final ClientTransaction transaction;
        private final CompletableFuture<InviteResult> result;

        private PendingInvite(ClientTransaction transaction, CompletableFuture<InviteResult> result) {
            this.transaction = transaction;
            this.result = result;
        }

        /** Completes with the final response (487 after a successful CANCEL) and, for a 2xx, the dialog. */
        public CompletionStage<InviteResult> result() {
            return result;
        }

        public ClientTransaction transaction() {
            return transaction;
        }

        /**
         * Sends a CANCEL (once a provisional response arrived, §9.1); completes with the CANCEL's final response,
         * or is empty when there is nothing left to cancel (a final response arrived).
         */
        public Optional<CompletionStage<SipResponse>> cancel() {
            CompletableFuture<SipResponse> cancelled = new CompletableFuture<>();
            return layer.cancel(transaction, completing(cancelled, r -> { })) ? Optional.of(cancelled)
                    : Optional.empty();
        }
    }

    /** As {@link #startInvite} for callers that never CANCEL. */
    public CompletionStage<InviteResult> invite(SipRequest invite, Endpoint nextHop, Consumer<SipResponse> provisional) {
        return startInvite(invite, nextHop, provisional).result();
    }

    /**
     * Sends an INVITE; on a 2xx builds the dialog (§12.1.2) and sends the ACK (§13.2.2.4) to the dialog's next hop,
     * again for every retransmission of the 2xx. A 2xx from a second fork is ACKed and its dialog ended with BYE.
     * Listener calls of one transaction never overlap (see {@link ClientTransactionListener}), so the listener's
     * state needs no lock.
     */
    public PendingInvite startInvite(SipRequest invite, Endpoint nextHop, Consumer<SipResponse> provisional) {
        CompletableFuture<InviteResult> done = new CompletableFuture<>();
        SipRequest sent = withVia(invite, nextHop);
        ClientTransaction tx = layer.sendRequest(sent, nextHop, new ClientTransactionListener() {
            /** The ACK sent for each dialog (To tag) a 2xx created, resent when that 2xx is retransmitted. */
            private final Map<String, SipRequest> acks = new HashMap<>();
            private final Map<String, Endpoint> ackHops = new HashMap<>();

            @Override
            public void onResponse(ClientTransaction tx, SipResponse response) {
                if (response.isProvisional()) {
                    provisional.accept(response);
                    return;
                }
                if (!response.isSuccess()) {
                    done.complete(new InviteResult(response, Optional.empty()));
                    return;
                }
                String tag = response.to().tag().orElse("");
                SipRequest ack = acks.get(tag);
                if (ack != null) {
                    layer.sendStateless(ack, ackHops.get(tag)); // a retransmitted 2xx: our ACK was lost
                    return;
                }
                Dialog dialog = Dialog.asUac(sent, response);
                Endpoint hop = hopFor(dialog, nextHop);
                ack = withVia(dialog.ack(sent.cseq().number()).build(), hop);
                acks.put(tag, ack);
                ackHops.put(tag, hop);
                layer.sendStateless(ack, hop);
                if (!done.complete(new InviteResult(response, Optional.of(dialog)))) {
                    // §13.2.2.4: a 2xx from another fork; we keep one call, so this dialog is ACKed and ended.
                    Dialog.Next bye = dialog.nextRequest(SipRequest.BYE);
                    sendInDialog(bye.dialog(), bye.request(), nextHop);
                }
            }

            @Override
            public void onTimeout(ClientTransaction tx, SipResponse timeout) {
                done.complete(new InviteResult(timeout, Optional.empty()));
            }

            @Override
            public void onTransportError(ClientTransaction tx, SipResponse unavailable, Throwable cause) {
                done.complete(new InviteResult(unavailable, Optional.empty()));
            }
        });
        return new PendingInvite(tx, done);
    }

    /** Sends a request built by {@link Dialog#nextRequest} to the dialog's next hop (§12.2.1.1). */
    public CompletionStage<SipResponse> sendInDialog(Dialog dialog, SipRequest.Builder request, Endpoint fallback) {
        Endpoint hop = hopFor(dialog, fallback);
        return send(withVia(request.build(), hop), hop);
    }

    private static Endpoint hopFor(Dialog dialog, Endpoint fallback) {
        try {
            return NextHops.of(dialog.nextHopUri());
        } catch (IllegalArgumentException e) {
            LOG.debug("dialog next hop {} unusable ({}); using {}", dialog.nextHopUri(), e.getMessage(), fallback);
            return fallback;
        }
    }

    private SipRequest withVia(SipRequest request, Endpoint nextHop) {
        if (request.hasHeader(HeaderNames.VIA)) {
            return request;
        }
        return request.toBuilder().prepend(HeaderType.VIA, layer.newVia(nextHop.transport())).build();
    }
}
