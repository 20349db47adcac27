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
 * <p>Thread-safe: the tables are concurrent ({@link TransactionTable}); each transaction has its own lock (see
 * {@link AbstractTransaction}); nothing here waits but for a table shard's lock, held for one lookup.
 */
public final class TransactionLayer implements InboundHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);

    private final SipTransport transport;
    private final TimerService timerService;
    private final TransactionConfig config;
    private final TransactionUser user;

    /** Live server transactions and the records of completed ones (see {@link CompletedServerTransaction}). */
    private final TransactionTable<TransactionKey, ServerEntry> servers = new TransactionTable<>();
    /** Server transactions of RFC 2543 peers (no magic cookie) by Call-ID, matched field by field. */
    private final ConcurrentMap<String, List<ServerEntry>> rfc2543Servers = new ConcurrentHashMap<>();
    /** Live client transactions and the records of completed ones (see {@link CompletedClientTransaction}). */
    private final TransactionTable<TransactionKey, ClientEntry> clients = new TransactionTable<>();

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
        if (LOG.isDebugEnabled()) {
            LOG.debug("client transaction {} to {}:\n{}", key, tx.destination, tx.request);
        }
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
        // The key is made once: it finds the transaction, or becomes the new one's.
        TransactionKey key = request.topVia().hasRfc3261Branch() ? TransactionKey.server(request) : null;
        ServerEntry existing = key != null ? servers.get(key) : find2543(request);
        if (existing != null) {
            existing.receive(request, inbound);
            return;
        }
        if (request.isMethod(SipRequest.ACK)) {
            // An ACK for a 2xx (its own transaction, §17.1.1.3) or a stray one: the TU decides.
            user.onAck(request, inbound);
            return;
        }
        AbstractServerTransaction tx = create(request, inbound, key);
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

    /**
     * Creates and registers the server transaction, or hands the request to one created concurrently.
     *
     * @param key the request's key, or null for an RFC 2543 request (whose key is informative only)
     */
    private AbstractServerTransaction create(SipRequest request, InboundMessage inbound, TransactionKey key) {
        TransactionKey txKey = key != null ? key : TransactionKey.server(request);
        AbstractServerTransaction tx = request.isMethod(SipRequest.INVITE)
                ? new InviteServerTransaction(this, inbound, request, txKey, user)
                : new NonInviteServerTransaction(this, inbound, request, txKey, user);
        if (tx.rfc2543 != null) {
            ServerEntry raced = add2543(tx);
            if (raced != null) {
                raced.receive(request, inbound);
                return null;
            }
        } else {
            ServerEntry raced = servers.putIfAbsent(txKey, tx);
            if (raced != null) {
                raced.receive(request, inbound);
                return null;
            }
        }
        if (tx instanceof InviteServerTransaction invite) {
            invite.start();
        }
        return tx;
    }

    /** Adds an RFC 2543 transaction unless an equal one exists (a concurrent copy), which is returned instead. */
    private ServerEntry add2543(AbstractServerTransaction tx) {
        String callId = tx.rfc2543.callId();
        while (true) {
            List<ServerEntry> list = rfc2543Servers.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>());
            synchronized (list) {
                if (rfc2543Servers.get(callId) != list) {
                    continue; // emptied and dropped by forget() meanwhile: take the new list
                }
                ServerEntry raced = find2543(list, tx.request);
                if (raced == null) {
                    list.add(tx);
                }
                return raced;
            }
        }
    }

    /** The server transaction (live or completed) {@code request} belongs to (§17.2.3), or null. */
    private ServerEntry match(SipRequest request) {
        return request.topVia().hasRfc3261Branch() ? servers.get(TransactionKey.server(request)) : find2543(request);
    }

    /** The RFC 2543 transaction {@code request} matches field by field, or null. */
    private ServerEntry find2543(SipRequest request) {
        List<ServerEntry> list = rfc2543Servers.get(request.callId());
        return list == null ? null : find2543(list, request);
    }

    private static ServerEntry find2543(Collection<ServerEntry> list, SipRequest request) {
        for (ServerEntry tx : list) {
            if (tx.rfc2543().matches(request, tx.responseToTag())) {
                return tx;
            }
        }
        return null;
    }

    /** The INVITE server transaction a CANCEL refers to (§9.2). */
    private Optional<ServerTransaction> cancelled(SipRequest cancel) {
        if (cancel.topVia().hasRfc3261Branch()) {
            return Optional.ofNullable(servers.get(TransactionKey.server(cancel).withMethod(SipRequest.INVITE)));
        }
        List<ServerEntry> list = rfc2543Servers.get(cancel.callId());
        if (list != null) {
            for (ServerEntry tx : list) {
                if (tx.isInvite() && tx.rfc2543().cancels(cancel)) {
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
        ClientEntry tx = clients.get(TransactionKey.client(response));
        if (tx != null) {
            tx.receive(response);
        } else {
            LOG.debug("stray response {} {} from {}", response.statusCode(), response.cseq(), inbound.source());
            user.onStrayResponse(response, inbound);
        }
    }

    // ---------------------------------------------------------------------------------------------- lookups

    /**
     * The server transaction {@code request} belongs to (§17.2.3), if any. Once it completed, this is the record
     * that waits out its timer: its state and last response, not its request (see the package documentation).
     */
    public Optional<ServerTransaction> findServerTransaction(SipRequest request) {
        return Optional.ofNullable(match(request));
    }

    /** The INVITE server transaction a CANCEL refers to (§9.2), if any. */
    public Optional<ServerTransaction> findCancelledTransaction(SipRequest cancel) {
        return cancelled(cancel);
    }

    /**
     * What a TU that is done with {@code transaction} keeps to send the 2xx responses that may still come for its
     * INVITE (a proxy's retransmitted 2xx, another fork's): while the transaction is in Accepted (RFC 6026 §7.1), the
     * layer's record of it, which sends them as the transaction would and does not hold the request; empty in any
     * other state, in which no 2xx goes out any more. (Until the machine is handed over to its record, which happens
     * right after the 2xx is sent, the machine itself.)
     */
    public Optional<ServerTransaction> findAcceptedTransaction(ServerTransaction transaction) {
        if (transaction instanceof AbstractServerTransaction tx) {
            return Optional.ofNullable(tx.whileAccepted());
        }
        return transaction.state() == TransactionState.ACCEPTED ? Optional.of(transaction) : Optional.empty();
    }

    /**
     * The client transaction with this key (§17.1.3), while it is live: not once it completed and only waits out
     * Timer D or K (its TU was told {@code onTerminated} then).
     */
    public Optional<ClientTransaction> findClientTransaction(TransactionKey key) {
        return clients.get(key) instanceof ClientTransaction tx ? Optional.of(tx) : Optional.empty();
    }

    /** How many server transactions are alive, completed ones waiting out their timer included. */
    public int serverTransactionCount() {
        int n = servers.size();
        for (List<ServerEntry> list : rfc2543Servers.values()) {
            n += list.size();
        }
        return n;
    }

    /** How many client transactions are alive, completed ones waiting out their timer included. */
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

    TransactionUser user() {
        return user;
    }

    /** Puts the record of a completed server transaction in the transaction's place. */
    void handedOver(AbstractServerTransaction tx, CompletedServerTransaction record) {
        if (tx.rfc2543 == null) {
            servers.replace(tx.key, tx, record);
            return;
        }
        List<ServerEntry> list = rfc2543Servers.get(tx.rfc2543.callId());
        if (list != null) {
            synchronized (list) {
                int i = list.indexOf(tx);
                if (i >= 0) {
                    list.set(i, record);
                }
            }
        }
    }

    /** Puts the record of a completed client transaction in the transaction's place. */
    void handedOver(AbstractClientTransaction tx, ClientEntry record) {
        clients.replace(tx.key, tx, record);
    }

    /** Drops a terminated transaction (live or record) from the tables. */
    void forget(Object tx) {
        if (tx instanceof ServerEntry server) {
            Rfc2543Key rfc2543 = server.rfc2543();
            if (rfc2543 == null) {
                servers.remove(server.key(), server);
                return;
            }
            List<ServerEntry> list = rfc2543Servers.get(rfc2543.callId());
            if (list != null) {
                synchronized (list) {
                    list.remove(server);
                    if (list.isEmpty()) {
                        rfc2543Servers.remove(rfc2543.callId(), list);
                    }
                }
            }
        } else if (tx instanceof ClientEntry client) {
            clients.remove(client.key(), client);
        }
    }
}
