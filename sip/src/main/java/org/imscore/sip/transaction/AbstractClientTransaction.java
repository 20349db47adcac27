package org.imscore.sip.transaction;

import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;

/**
 * What both client machines share: the next hop, the listener, what was received, and the two ways a client
 * transaction fails without a final response (Timer B or F: 408, §17.1.1.2 and §17.1.2.2; a transport error: 503,
 * §17.1.4).
 */
abstract class AbstractClientTransaction extends AbstractTransaction implements ClientTransaction {

    final Endpoint destination;
    final ClientTransactionListener listener;
    /** Guarded by this. */
    boolean provisional;
    /** Why the transaction ended without a final response, for the INFO line. */
    String failure;
    /** The cause of the transport error input being processed. */
    Throwable sendFailure;

    AbstractClientTransaction(TransactionLayer layer, SipRequest request, TransactionKey key, Endpoint destination,
                              ClientTransactionListener listener, TransactionState initial) {
        super(layer, request, key, destination.transport().reliable(), initial);
        this.destination = destination;
        this.listener = listener;
    }

    /** Sends the request and starts this machine's timers. */
    abstract void start();

    /** A response matched to this transaction (§17.1.3). */
    abstract void receive(SipResponse response);

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
