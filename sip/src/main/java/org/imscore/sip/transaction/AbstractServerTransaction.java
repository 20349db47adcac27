package org.imscore.sip.transaction;

import java.time.Duration;
import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.ListeningPoint;

/**
 * What both server machines share: where the request came from, sending and resending responses (each encoded once),
 * the TU's inputs, and the hand-over to a {@link CompletedServerTransaction} once only a wait timer is left.
 */
abstract class AbstractServerTransaction extends AbstractTransaction implements ServerEntry {

    final InboundMessage inbound;
    final TransactionUser user;
    /** The RFC 2543 matching fields when the request's branch lacks the magic cookie (§17.2.3), else null. */
    final Rfc2543Key rfc2543;
    boolean failed;
    /** The last response in wire form (null if it could not be encoded). Guarded by this. */
    private EncodedMessage lastEncoded;
    /** The record that took this transaction's place, once it only waits out its timer. Guarded by this. */
    private CompletedServerTransaction completed;
    /** Set by {@link #send} so that a TU input step can tell whether it sent anything. */
    private boolean sentInStep;

    AbstractServerTransaction(TransactionLayer layer, InboundMessage inbound, SipRequest request, TransactionKey key,
                              TransactionState initial, TransactionUser user) {
        super(layer, request, key, inbound.source().transport().reliable(), initial);
        this.inbound = inbound;
        this.user = user;
        this.rfc2543 = request.topVia().hasRfc3261Branch() ? null : Rfc2543Key.of(request);
    }

    /** A request matched to this transaction (a retransmission, or the ACK): the machine's input, in a step. */
    abstract void requestReceived(SipRequest request, InboundMessage inbound);

    /** The TU's response input of this machine (called inside a step). */
    abstract void responseFromTu(SipResponse response);

    @Override
    public final void receive(SipRequest message, InboundMessage from) {
        fire(() -> {
            CompletedServerTransaction record = completed;
            if (record != null) {
                effect(() -> record.receive(message, from)); // it got here just before the hand-over
            } else {
                requestReceived(message, from);
            }
        });
    }

    @Override
    public final boolean sendResponse(SipResponse response) {
        String method = response.cseq().method();
        if (!method.equals(request.method())) {
            throw new IllegalArgumentException("response CSeq method " + method + " does not match request "
                    + request.method());
        }
        Boolean sent = fireAndGet(() -> {
            if (completed != null) {
                return null;
            }
            sentInStep = false;
            responseFromTu(response);
            return sentInStep;
        });
        if (sent == null) {
            // Handed over: only a 2xx to INVITE in Accepted still goes out (RFC 6026 §7.1).
            CompletedServerTransaction record = completedRecord();
            sent = record.sendFromTu(response, this);
            if (sent) {
                synchronized (this) {
                    lastResponse = response;
                }
            }
        }
        if (!sent) {
            LOG.debug("{} {}: {} not sent in state {}", kind(), key, response.statusCode(), state());
        }
        return sent;
    }

    @Override
    final void transportError(Throwable cause) {
        CompletedServerTransaction record = completed;
        if (record != null) {
            // A send queued before the hand-over failed after it: the record ends as this machine would have.
            effect(() -> record.transportError(this));
            return;
        }
        transportErrorInput();
    }

    /** The transport error input of this machine (called inside a step, before any hand-over). */
    abstract void transportErrorInput();

    @Override
    public final synchronized TransactionState state() {
        return completed != null ? completed.state() : state;
    }

    @Override
    final boolean isLive() {
        return completed == null && state != TransactionState.TERMINATED;
    }

    private synchronized CompletedServerTransaction completedRecord() {
        return completed;
    }

    /**
     * What sends a 2xx in this transaction while it is in Accepted (RFC 6026 §7.1): the record once handed over,
     * this machine until then; null in any other state.
     */
    final synchronized ServerTransaction whileAccepted() {
        if (completed != null) {
            return completed.state() == TransactionState.ACCEPTED ? completed : null;
        }
        return state == TransactionState.ACCEPTED ? this : null;
    }

    @Override
    public final Endpoint source() {
        return inbound.source();
    }

    @Override
    public final ListeningPoint local() {
        return inbound.local();
    }

    @Override
    public final Rfc2543Key rfc2543() {
        return rfc2543;
    }

    /** The To tag of the last response sent (RFC 2543 ACK matching compares the ACK's To tag with it). */
    @Override
    public final synchronized Optional<String> responseToTag() {
        return lastResponse == null ? Optional.empty() : lastResponse.to().tag();
    }

    /** Sends and remembers a response, encoded once for this send and every resend (called inside a step). */
    final void send(SipResponse response) {
        EncodedMessage encoded = encodeOrNull(response);
        lastResponse = response;
        lastEncoded = encoded;
        sentInStep = true;
        transmit(response, encoded);
    }

    /** Resends the last response as it was sent (called inside a step). */
    final void resendLast() {
        if (lastResponse != null) {
            transmit(lastResponse, lastEncoded);
        }
    }

    private void transmit(SipResponse response, EncodedMessage encoded) {
        effect(() -> watch(() -> encoded != null ? layer.transport().sendResponse(encoded)
                : layer.transport().sendResponse(response)));
    }

    final void tellTu(TransactionError error) {
        failed = true;
        effect(() -> user.onServerTransactionError(this, error));
    }

    /** Tells the TU of an error that ends the transaction (transport error, or no ACK by Timer H). */
    final TransactionState terminate(TransactionError error) {
        tellTu(error);
        return TransactionState.TERMINATED;
    }

    @Override
    final void handOver(TransactionState waitState, RfcTimer timer, Duration duration) {
        CompletedServerTransaction record;
        String outcome;
        synchronized (this) {
            if (state != waitState || completed != null) {
                return; // an input moved it on first (a send that failed at once)
            }
            stopAllTimers();
            // An RFC 2543 ACK is matched by the To tag of the response; an RFC 3261 one by its branch alone.
            String toTag = rfc2543 == null || lastResponse == null ? null : lastResponse.to().tag().orElse(null);
            record = new CompletedServerTransaction(layer, key, rfc2543, isInvite(), waitState, lastEncoded, toTag,
                    inbound.source(), inbound.local());
            completed = record;
            outcome = LOG.isInfoEnabled() ? outcome() : null;
        }
        layer.handedOver(this, record);
        record.startTimer(timer, duration);
        logEnd("completed", outcome);
        user.onTerminated(this);
    }

    @Override
    String outcome() {
        String code = lastResponse != null ? Integer.toString(lastResponse.statusCode()) : "no response";
        return failed ? code + " (failed)" : code;
    }

    @Override
    void terminated() {
        user.onTerminated(this);
    }
}
