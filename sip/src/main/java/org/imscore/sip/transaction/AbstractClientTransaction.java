package org.imscore.sip.transaction;

import java.time.Duration;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;

/**
 * What both client machines share: the next hop, the listener, what was received, the two ways a client
 * transaction fails without a final response (Timer B or F: 408, §17.1.1.2 and §17.1.2.2; a transport error: 503,
 * §17.1.4), and the hand-over to a {@link CompletedClientTransaction} once only Timer D or K is left, or to an
 * {@link AcceptedClientTransaction} once an INVITE only waits out Timer M.
 */
abstract class AbstractClientTransaction extends AbstractTransaction implements ClientTransaction, ClientEntry {

    final Endpoint destination;
    final ClientTransactionListener listener;
    /** Guarded by this. */
    boolean provisional;
    /** Why the transaction ended without a final response, for the INFO line. */
    String failure;
    /** The cause of the transport error input being processed. */
    Throwable sendFailure;
    /**
     * The record that took this transaction's place, once it only waits out its timer: a
     * {@link CompletedClientTransaction} or an {@link AcceptedClientTransaction}. Guarded by this.
     */
    private CompletedRecord completed;

    AbstractClientTransaction(TransactionLayer layer, SipRequest request, TransactionKey key, Endpoint destination,
                              ClientTransactionListener listener, TransactionState initial) {
        super(layer, request, key, destination.transport().reliable(), initial);
        this.destination = destination;
        this.listener = listener;
    }

    /** Sends the request and starts this machine's timers. */
    abstract void start();

    /** A response matched to this transaction (§17.1.3): the machine's input, in a step. */
    abstract void responseReceived(SipResponse response);

    /** The transport error input of this machine (in a step, before any hand-over); the cause is in sendFailure. */
    abstract void transportErrorInput();

    /** The ACK to resend while waiting out Timer D, for the record (INVITE only); null otherwise. */
    EncodedMessage ackToResend() {
        return null;
    }

    /** The request in the wire form it was sent in, for the Accepted record (INVITE only); null otherwise. */
    EncodedMessage sentRequest() {
        return null;
    }

    @Override
    public final void receive(SipResponse response) {
        fire(() -> {
            CompletedRecord record = completed;
            if (record != null) {
                effect(() -> ((ClientEntry) record).receive(response)); // it got here just before the hand-over
            } else {
                responseReceived(response);
            }
        });
    }

    @Override
    final void transportError(Throwable cause) {
        CompletedRecord record = completed;
        if (record != null) {
            if (record instanceof CompletedClientTransaction c) {
                effect(c::transportError); // a send queued before the hand-over failed after it
            }
            return;
        }
        sendFailure = cause;
        transportErrorInput();
    }

    /** Passes a response to the TU (an effect). */
    final void toTu(SipResponse response) {
        effect(() -> listener.onResponse(this, response));
    }

    /** The TU gets a synthetic 408 (§17.1.1.2, §17.1.2.2) and the transaction ends. */
    final TransactionState timedOut() {
        failure = "timeout";
        SipResponse timeout = SyntheticResponses.timeout(request);
        effect(() -> listener.onTimeout(this, timeout));
        return TransactionState.TERMINATED;
    }

    /** The TU gets a synthetic 503 (§17.1.4, §8.1.3.1) with the transport's cause and the transaction ends. */
    final TransactionState unavailable() {
        Throwable cause = sendFailure;
        failure = "transport error: " + cause.getMessage();
        SipResponse unavailable = SyntheticResponses.unavailable(request);
        effect(() -> listener.onTransportError(this, unavailable, cause));
        return TransactionState.TERMINATED;
    }

    @Override
    final void handOver(TransactionState waitState, RfcTimer timer, Duration duration) {
        CompletedRecord record;
        String outcome;
        boolean accepted = waitState == TransactionState.ACCEPTED;
        synchronized (this) {
            if (state != waitState || completed != null) {
                return; // an input moved it on first (a send that failed at once)
            }
            stopAllTimers();
            if (accepted) {
                EncodedMessage sent = sentRequest();
                record = !listener.asksForAcceptedRequest()
                        ? AcceptedClientTransaction.withoutRequest(layer, key, destination, listener, provisional)
                        : sent != null
                        ? new AcceptedClientTransaction(layer, key, sent.compact(), destination, listener, provisional)
                        : new AcceptedClientTransaction(layer, key, request, destination, listener, provisional);
            } else {
                EncodedMessage ack = ackToResend();
                record = new CompletedClientTransaction(layer, key, isInvite(), waitState,
                        ack == null ? null : ack.compact(), ack == null ? null : destination);
            }
            completed = record;
            outcome = LOG.isInfoEnabled() ? outcome() : null;
        }
        layer.handedOver(this, (ClientEntry) record);
        record.startTimer(timer, duration);
        logEnd(accepted ? "accepted" : "completed", outcome);
        if (!accepted) {
            // Accepted: the TU still gets every 2xx from the record, and onTerminated when Timer M ends it.
            listener.onTerminated(this);
        }
    }

    @Override
    public final synchronized TransactionState state() {
        return completed != null ? completed.state() : state;
    }

    @Override
    final boolean isLive() {
        return completed == null && state != TransactionState.TERMINATED;
    }

    @Override
    final Endpoint destinationForSend() {
        return destination;
    }

    @Override
    public final Endpoint destination() {
        return destination;
    }

    @Override
    public final synchronized boolean hasProvisional() {
        return provisional;
    }

    @Override
    final String outcome() {
        return lastResponse != null && lastResponse.isFinal() ? Integer.toString(lastResponse.statusCode())
                : failure != null ? failure : "no final response";
    }

    @Override
    final void terminated() {
        listener.onTerminated(this);
    }
}
