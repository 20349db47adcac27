package org.imscore.sip.transaction;

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
final class CompletedClientTransaction extends CompletedRecord implements ClientEntry {

    /** The ACK for the non-2xx final response (INVITE), else null. */
    private final EncodedMessage ack;
    private final Endpoint ackDestination;

    CompletedClientTransaction(TransactionLayer layer, TransactionKey key, boolean invite, TransactionState state,
                               EncodedMessage ack, Endpoint ackDestination) {
        super(layer, key, invite, state);
        this.ack = ack;
        this.ackDestination = ackDestination;
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
                    AbstractTransaction.LOG.debug("{} {}: transport error: {}", kind(), key, String.valueOf(error));
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
    String kind() {
        return "client";
    }
}
