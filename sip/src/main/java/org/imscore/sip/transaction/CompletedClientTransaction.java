package org.imscore.sip.transaction;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;

/**
 * A client transaction that only waits out Timer D (INVITE, §17.1.1.2) or K (non-INVITE, §17.1.2.2), in the layer's
 * table in place of the transaction object:
 *
 * <pre>
 * state       input                 action                              next
 * ----------  --------------------  ----------------------------------  ----------
 * Completed   300-699 (INVITE)      resend the ACK (its octets)         Completed
 * Completed   other responses       - (absorbed)                        Completed
 * Completed   transport error       - (INVITE: ends; non-INVITE: none)  Terminated / Completed
 * Completed   Timer D / K fires     -                                   Terminated
 * </pre>
 *
 * It keeps the key, the ACK in wire form with its next hop, and its one timer: not the request, not the response,
 * not the listener (the TU was told {@link ClientTransactionListener#onTerminated} when it took over).
 */
final class CompletedClientTransaction implements ClientEntry, Runnable {

    private final TransactionLayer layer;
    private final TransactionKey key;
    private final boolean invite;
    /** The ACK for the non-2xx final response (INVITE), else null. */
    private final EncodedMessage ack;
    private final Endpoint ackDestination;
    /** Guarded by this. */
    private TransactionState state;
    private RfcTimer timerName;
    private TimerService.Timeout timer;

    CompletedClientTransaction(TransactionLayer layer, TransactionKey key, boolean invite, TransactionState state,
                               EncodedMessage ack, Endpoint ackDestination) {
        this.layer = layer;
        this.key = key;
        this.invite = invite;
        this.state = state;
        this.ack = ack;
        this.ackDestination = ackDestination;
    }

    /** Starts Timer D or K; when it fires ({@link #run()}) the transaction ends. */
    void startTimer(RfcTimer name, Duration duration) {
        synchronized (this) {
            timerName = name;
        }
        TimerService.Timeout t = layer.timerService().schedule(duration, this);
        synchronized (this) {
            timer = t;
        }
    }

    /** The wait timer fired. (The record is its timer's task: one object less per transaction.) */
    @Override
    public void run() {
        if (end()) {
            AbstractTransaction.LOG.debug("client {}: Timer {} fired, terminated", key, timerName);
        }
    }

    /** Moves to Terminated and leaves the layer's table; false if it already was. */
    private boolean end() {
        TimerService.Timeout t;
        synchronized (this) {
            if (state == TransactionState.TERMINATED) {
                return false;
            }
            state = TransactionState.TERMINATED;
            t = timer;
        }
        if (t != null) {
            t.cancel();
        }
        layer.forget(this);
        return true;
    }

    @Override
    public void receive(SipResponse response) {
        synchronized (this) {
            if (state != TransactionState.COMPLETED) {
                return;
            }
        }
        if (invite && ack != null && response.isFinal() && !response.isSuccess()) {
            // A retransmitted final response: our ACK was lost; send it again, do not bother the TU.
            CompletionStage<Void> sent;
            try {
                sent = layer.transport().sendRequest(ack, ackDestination);
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((ok, error) -> {
                if (error != null) {
                    AbstractTransaction.LOG.debug("client {}: transport error: {}", key, String.valueOf(error));
                    transportError();
                }
            });
        }
    }

    /**
     * A send failed: an INVITE transaction ends (the TU already has its final response, §17.1.1.2); a non-INVITE one
     * sends nothing more and waits on.
     */
    void transportError() {
        if (invite) {
            end();
        }
    }

    @Override
    public TransactionKey key() {
        return key;
    }

    synchronized TransactionState state() {
        return state;
    }

    @Override
    public String toString() {
        return "client " + key + " (completed)";
    }
}
