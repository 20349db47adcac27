package org.imscore.sip.transaction;

import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;

/**
 * An INVITE client transaction in the Accepted state of RFC 6026 §7.2, in the layer's table in place of the
 * transaction object until Timer M fires:
 *
 * <pre>
 * state       input                 action                              next
 * ----------  --------------------  ----------------------------------  ----------
 * Accepted    2xx                   2xx to TU                           Accepted
 * Accepted    other responses       - (absorbed)                        Accepted
 * Accepted    Timer M fires         TU told onTerminated                Terminated
 * </pre>
 *
 * Retransmissions of the 2xx, and the 2xx of other forks downstream, must still reach the TU, which ACKs them (a UA)
 * or passes them upstream (a proxy); so the record keeps the listener. The TU receives this record as the
 * {@link ClientTransaction} of each such 2xx, so it answers {@link #request()} too: from the octets the INVITE was sent
 * in, parsed again on each call, since a parsed INVITE weighs several times its octets. A TU that never asks (a proxy,
 * {@link ClientTransactionListener#asksForAcceptedRequest()}) gets a record without them.
 * It keeps neither the first 2xx nor the machine's timers and queues: {@link #lastResponse()} is empty here.
 *
 * <p>Thread-safe: the state is guarded by this object's lock; calls to the listener are serialized by a lock of
 * their own, so that they never overlap (as {@link ClientTransactionListener} promises) and a TU that asks
 * {@link #state()} from another thread meanwhile is not held up.
 */
final class AcceptedClientTransaction extends CompletedRecord implements ClientEntry, ClientTransaction {

    /**
     * The INVITE as sent, in wire form; null when it could not be encoded (then {@link #unencoded} is set) or the
     * listener said it would not ask for it (then both are null).
     */
    private final EncodedMessage sent;
    private final SipRequest unencoded;
    private final Endpoint destination;
    private final ClientTransactionListener listener;
    private final boolean provisional;
    private final Object delivery = new Object();

    /** The record of an INVITE sent as {@code sent}: what it keeps of the request is those octets. */
    AcceptedClientTransaction(TransactionLayer layer, TransactionKey key, EncodedMessage sent, Endpoint destination,
                              ClientTransactionListener listener, boolean provisional) {
        this(layer, key, sent, null, destination, listener, provisional);
    }

    /** The record of an INVITE that could not be encoded (the transport took it as it was): it keeps the request. */
    AcceptedClientTransaction(TransactionLayer layer, TransactionKey key, SipRequest unencoded, Endpoint destination,
                              ClientTransactionListener listener, boolean provisional) {
        this(layer, key, null, unencoded, destination, listener, provisional);
    }

    /** The record for a listener that never asks for the request: it keeps nothing of it. */
    static AcceptedClientTransaction withoutRequest(TransactionLayer layer, TransactionKey key, Endpoint destination,
                                                    ClientTransactionListener listener, boolean provisional) {
        return new AcceptedClientTransaction(layer, key, null, null, destination, listener, provisional);
    }

    private AcceptedClientTransaction(TransactionLayer layer, TransactionKey key, EncodedMessage sent,
                                      SipRequest unencoded, Endpoint destination, ClientTransactionListener listener,
                                      boolean provisional) {
        super(layer, key, true, TransactionState.ACCEPTED);
        this.sent = sent;
        this.unencoded = unencoded;
        this.destination = destination;
        this.listener = listener;
        this.provisional = provisional;
    }

    @Override
    public void receive(SipResponse response) {
        if (!response.isSuccess()) {
            return; // a late 1xx or a non-2xx final of this transaction: nothing for the TU any more
        }
        synchronized (delivery) {
            if (state() != TransactionState.ACCEPTED) {
                return;
            }
            listener.onResponse(this, response);
        }
    }

    /** Timer M fired: the transaction ends and the TU is told so. */
    @Override
    public void run() {
        if (end()) {
            AbstractTransaction.LOG.debug("{} {}: Timer M fired, terminated", kind(), key);
            synchronized (delivery) {
                listener.onTerminated(this);
            }
        }
    }

    /**
     * The INVITE as sent: parsed again from its octets on each call, equal to the request the TU sent.
     *
     * @throws IllegalStateException if the listener said it would not ask ({@code asksForAcceptedRequest()})
     */
    @Override
    public SipRequest request() {
        if (sent == null && unencoded == null) {
            throw new IllegalStateException("INVITE client " + key + " is accepted and kept no request: its listener"
                    + " said it would not ask for it");
        }
        return sent != null ? (SipRequest) sent.decode() : unencoded;
    }

    @Override
    public String method() {
        return SipRequest.INVITE;
    }

    @Override
    public boolean isInvite() {
        return true;
    }

    @Override
    public Endpoint destination() {
        return destination;
    }

    @Override
    public boolean hasProvisional() {
        return provisional;
    }

    /** Empty: the 2xx that brought the transaction here went to the TU and is not kept. */
    @Override
    public Optional<SipResponse> lastResponse() {
        return Optional.empty();
    }

    @Override
    String kind() {
        return "INVITE client";
    }
}
