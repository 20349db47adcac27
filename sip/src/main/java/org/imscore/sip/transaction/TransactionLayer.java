package org.imscore.sip.transaction;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundHandler;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.SipTransport;
import org.imscore.sip.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction layer (RFC 3261 §17): sits between the transport ({@link InboundHandler} of every message) and
 * one transaction user. Inbound requests are matched to server transactions (§17.2.3), new ones create one and
 * reach the TU; inbound responses are matched to client transactions (§17.1.3), the rest reach the TU as stray.
 * Requests the TU sends go out through {@link #sendRequest}, each in a new client transaction.
 *
 * <p>Thread-safe: the tables are concurrent maps; each transaction has its own lock (see
 * {@link AbstractTransaction}); nothing here blocks.
 */
public final class TransactionLayer implements InboundHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);

    private final SipTransport transport;
    private final TimerService timerService;
    private final TransactionConfig config;
    private final TransactionUser user;

    private final ConcurrentMap<TransactionKey, AbstractServerTransaction> servers = new ConcurrentHashMap<>();
    /** Server transactions of RFC 2543 peers (no magic cookie) by Call-ID, matched field by field. */
    private final ConcurrentMap<String, List<AbstractServerTransaction>> rfc2543Servers = new ConcurrentHashMap<>();
    private final ConcurrentMap<TransactionKey, AbstractClientTransaction> clients = new ConcurrentHashMap<>();

    /**
     * @param transport    where messages go out; the transport's inbound handler must be this layer
     * @param timerService the transaction timers ({@link WheelTimerService}, or {@link ManualTimerService} in tests)
     * @param config       T1, T2, T4, Timer C, 100 Trying
     * @param user         the TU that gets new requests, CANCELs, ACKs for 2xx and stray responses
     */
    public TransactionLayer(SipTransport transport, TimerService timerService, TransactionConfig config,
                            TransactionUser user) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.timerService = Objects.requireNonNull(timerService, "timerService");
        this.config = Objects.requireNonNull(config, "config");
        this.user = Objects.requireNonNull(user, "user");
    }

    // ---------------------------------------------------------------------------------------------- client side

    /**
     * Sends {@code request} to {@code nextHop} in a new client transaction (INVITE or non-INVITE by method).
     *
     * <p>The request must carry our Via on top with a fresh RFC 3261 branch and a transport matching {@code nextHop}
     * ({@link #newVia(Transport)} makes one). ACK is not sent this way: the ACK for a non-2xx response is the
     * transaction's own, the ACK for a 2xx goes by {@link #sendStateless}.
     *
     * @throws IllegalArgumentException for an ACK, a branch without the magic cookie, or a branch already in use
     */
    public ClientTransaction sendRequest(SipRequest request, Endpoint nextHop, ClientTransactionListener listener) {
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(listener, "listener");
        if (request.isMethod(SipRequest.ACK)) {
            throw new IllegalArgumentException("ACK is not sent in a client transaction; use sendStateless");
        }
        Via via = request.topVia();
        if (!via.hasRfc3261Branch() || via.branch().orElseThrow().length() <= Via.MAGIC_COOKIE.length()) {
            throw new IllegalArgumentException("top Via needs a branch starting with " + Via.MAGIC_COOKIE + ": " + via);
        }
        TransactionKey key = TransactionKey.client(request);
        AbstractClientTransaction tx = request.isMethod(SipRequest.INVITE)
                ? new InviteClientTransaction(this, request, key, nextHop, listener)
                : new NonInviteClientTransaction(this, request, key, nextHop, listener);
        register(key, tx);
        tx.start();
        return tx;
    }

    /**
     * Cancels an INVITE client transaction (§9.1): a CANCEL built by {@link ClientTransaction#createCancel()} is sent
     * to the same destination in its own client transaction, reporting to {@code cancelListener} - at once if a
     * provisional response arrived, else as soon as one does. The INVITE's own final response (487, or a 2xx that
     * crossed the CANCEL) still arrives at the INVITE's listener.
     *
     * @return false when there is nothing to cancel: not an INVITE of this layer, a final response already
     *         received, or a CANCEL already requested
     */
    public boolean cancel(ClientTransaction invite, ClientTransactionListener cancelListener) {
        Objects.requireNonNull(cancelListener, "cancelListener");
        return invite instanceof InviteClientTransaction tx && tx.layer == this && tx.cancel(cancelListener);
    }

    private void register(TransactionKey key, AbstractClientTransaction tx) {
        if (clients.putIfAbsent(key, tx) != null) {
            throw new IllegalArgumentException("a client transaction with key " + key + " exists");
        }
        LOG.debug("client transaction {} to {}:\n{}", key, tx.destination, tx.request);
    }

    /**
     * Sends a request outside any transaction: the ACK for a 2xx (§13.2.2.4, a transaction of its own that is never
     * retransmitted by the transaction layer) or a request a proxy forwards statelessly.
     */
    public CompletionStage<Void> sendStateless(SipRequest request, Endpoint nextHop) {
        LOG.debug("stateless request to {}:\n{}", nextHop, request);
        return guarded(() -> transport.sendRequest(request, nextHop));
    }

    /** Sends a response outside any transaction along its Via (a proxy forwarding a stray 2xx, §16.7 step 3). */
    public CompletionStage<Void> sendStatelessResponse(SipResponse response) {
        LOG.debug("stateless response:\n{}", response);
        return guarded(() -> transport.sendResponse(response));
    }

    private static CompletionStage<Void> guarded(java.util.function.Supplier<CompletionStage<Void>> send) {
        try {
            return send.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A Via for a request we originate or forward over {@code transport}: our listening point's sent-by, a new
     * branch, and {@code rport} (RFC 3581) so the answer comes back through NATs.
     */
    public Via newVia(Transport transportToUse) {
        ListeningPoint lp = transport.listeningPoint(transportToUse);
        return Via.of(transportToUse.viaToken(), lp.host(), lp.port(), Branches.newBranch()).withParameter("rport", null);
    }

    // ---------------------------------------------------------------------------------------------- inbound

    @Override
    public void onMessage(InboundMessage inbound) {
        SipMessage message = inbound.message();
        try {
            if (message instanceof SipRequest request) {
                onRequest(request, inbound);
            } else {
                onResponse((SipResponse) message, inbound);
            }
        } catch (MalformedHeaderException e) {
            // The parser validated Via, CSeq, From, To and Call-ID; this is a defect upstream, not a peer's fault.
            LOG.warn("dropped message from {}: {}", inbound.source(), e.getMessage());
        }
    }

    private void onRequest(SipRequest request, InboundMessage inbound) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("request from {}:\n{}", inbound.source(), request);
        }
        Optional<AbstractServerTransaction> existing = match(request);
        if (existing.isPresent()) {
            existing.get().receive(request, inbound);
            return;
        }
        if (request.isMethod(SipRequest.ACK)) {
            // An ACK for a 2xx (its own transaction, §17.1.1.3) or a stray one: the TU decides.
            user.onAck(request, inbound);
            return;
        }
        AbstractServerTransaction tx = create(request, inbound);
        if (tx == null) {
            return; // a concurrent copy of the same request created it first and took this one as retransmission
        }
        try {
            if (request.isMethod(SipRequest.CANCEL)) {
                user.onCancel(tx, cancelled(request));
            } else {
                user.onRequest(tx);
            }
        } catch (RuntimeException e) {
            // A TU defect must not leave the peer without an answer nor the transaction open forever.
            LOG.warn("transaction user failed on {} {}: answering 500", request.method(), tx.key, e);
            tx.sendResponse(SipResponse.forRequest(request, 500, "Server Internal Error")
                    .toTag(Branches.randomHex(6)).build());
        }
    }

    /** Creates and registers the server transaction, or hands the request to one created concurrently. */
    private AbstractServerTransaction create(SipRequest request, InboundMessage inbound) {
        TransactionKey key = TransactionKey.server(request);
        AbstractServerTransaction tx = request.isMethod(SipRequest.INVITE)
                ? new InviteServerTransaction(this, inbound, request, key, user)
                : new NonInviteServerTransaction(this, inbound, request, key, user);
        if (tx.rfc2543) {
            Optional<AbstractServerTransaction> raced = add2543(tx);
            if (raced.isPresent()) {
                raced.get().receive(request, inbound);
                return null;
            }
        } else {
            AbstractServerTransaction raced = servers.putIfAbsent(key, tx);
            if (raced != null) {
                raced.receive(request, inbound);
                return null;
            }
        }
        if (tx instanceof InviteServerTransaction invite) {
            invite.start(config.sendTrying());
        }
        return tx;
    }

    /** Adds an RFC 2543 transaction unless an equal one exists (a concurrent copy), which is returned instead. */
    private Optional<AbstractServerTransaction> add2543(AbstractServerTransaction tx) {
        String callId = tx.request.callId();
        while (true) {
            List<AbstractServerTransaction> list =
                    rfc2543Servers.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>());
            synchronized (list) {
                if (rfc2543Servers.get(callId) != list) {
                    continue; // emptied and dropped by forget() meanwhile: take the new list
                }
                Optional<AbstractServerTransaction> raced = find2543(list, tx.request);
                if (raced.isEmpty()) {
                    list.add(tx);
                }
                return raced;
            }
        }
    }

    private Optional<AbstractServerTransaction> match(SipRequest request) {
        Via via = request.topVia();
        if (via.hasRfc3261Branch()) {
            return Optional.ofNullable(servers.get(TransactionKey.server(request)));
        }
        List<AbstractServerTransaction> list = rfc2543Servers.get(request.callId());
        return list == null ? Optional.empty() : find2543(list, request);
    }

    private static Optional<AbstractServerTransaction> find2543(Collection<AbstractServerTransaction> list,
                                                                SipRequest request) {
        for (AbstractServerTransaction tx : list) {
            if (Rfc2543Matching.matches(tx.request, tx.responseToTag(), request)) {
                return Optional.of(tx);
            }
        }
        return Optional.empty();
    }

    /** The INVITE server transaction a CANCEL refers to (§9.2). */
    private Optional<ServerTransaction> cancelled(SipRequest cancel) {
        if (cancel.topVia().hasRfc3261Branch()) {
            return Optional.ofNullable(servers.get(TransactionKey.server(cancel).withMethod(SipRequest.INVITE)));
        }
        List<AbstractServerTransaction> list = rfc2543Servers.get(cancel.callId());
        if (list != null) {
            for (AbstractServerTransaction tx : list) {
                if (tx.isInvite() && Rfc2543Matching.cancels(tx.request, cancel)) {
                    return Optional.of(tx);
                }
            }
        }
        return Optional.empty();
    }

    private void onResponse(SipResponse response, InboundMessage inbound) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("response from {}:\n{}", inbound.source(), response);
        }
        AbstractClientTransaction tx = clients.get(TransactionKey.client(response));
        if (tx != null) {
            tx.receive(response);
        } else {
            LOG.debug("stray response {} {} from {}", response.statusCode(), response.cseq(), inbound.source());
            user.onStrayResponse(response, inbound);
        }
    }

    // ---------------------------------------------------------------------------------------------- lookups

    /** The server transaction {@code request} belongs to (§17.2.3), if any. */
    public Optional<ServerTransaction> findServerTransaction(SipRequest request) {
        return match(request).map(ServerTransaction.class::cast);
    }

    /** The INVITE server transaction a CANCEL refers to (§9.2), if any. */
    public Optional<ServerTransaction> findCancelledTransaction(SipRequest cancel) {
        return cancelled(cancel);
    }

    /** The client transaction with this key (§17.1.3), if any. */
    public Optional<ClientTransaction> findClientTransaction(TransactionKey key) {
        return Optional.ofNullable(clients.get(key));
    }

    /** How many server transactions are alive. */
    public int serverTransactionCount() {
        int n = servers.size();
        for (List<AbstractServerTransaction> list : rfc2543Servers.values()) {
            n += list.size();
        }
        return n;
    }

    /** How many client transactions are alive. */
    public int clientTransactionCount() {
        return clients.size();
    }

    public SipTransport transport() {
        return transport;
    }

    public TransactionConfig config() {
        return config;
    }

    public TimerService timerService() {
        return timerService;
    }

    /** Drops a terminated transaction from the tables. */
    void forget(AbstractTransaction tx) {
        if (tx instanceof AbstractServerTransaction server) {
            if (server.rfc2543) {
                List<AbstractServerTransaction> list = rfc2543Servers.get(server.request.callId());
                if (list != null) {
                    synchronized (list) {
                        list.remove(server);
                        if (list.isEmpty()) {
                            rfc2543Servers.remove(server.request.callId(), list);
                        }
                    }
                }
            } else {
                servers.remove(server.key, server);
            }
        } else {
            clients.remove(tx.key, tx);
        }
    }
}
