package org.imscore.sip.transaction;

import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.InboundMessage;

/**
 * The transaction user (RFC 3261 §17: a UA core or a proxy core) as the transaction layer sees it on the server
 * side. Calls run on a transport or timer thread and must not block; a TU that needs to wait (a Diameter query)
 * keeps the {@link ServerTransaction} and answers later from any thread.
 */
public interface TransactionUser {

    /**
     * A request that created a new server transaction (not ACK, not CANCEL). Retransmissions of it are absorbed
     * by the transaction and never reach the TU. Answer through {@link ServerTransaction#sendResponse}.
     */
    void onRequest(ServerTransaction transaction);

    /**
     * A CANCEL (§9.2). It has its own non-INVITE server transaction, {@code cancel}, which the TU answers (200 if
     * it knows the request, 481 otherwise); {@code invite} is the server transaction the CANCEL refers to (§9.2,
     * matched as in §17.2.3 but ignoring the method), if one exists. A UAS then answers the INVITE 487; a stateful
     * proxy cancels its branches (§16.10). An INVITE transaction that only waits out its timer (Confirmed, Accepted)
     * comes as the layer's record of it: its state and last response, not its request.
     */
    void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite);

    /**
     * An ACK no INVITE server transaction absorbed: the ACK for a 2xx (a transaction of its own, §17.1.1.3), or an
     * ACK matching an INVITE server transaction in the Accepted state (RFC 6026 §8.7), or a stray ACK. A proxy
     * forwards it statelessly; a UAS core uses it to stop its 2xx retransmissions.
     */
    void onAck(SipRequest ack, InboundMessage inbound);

    /**
     * A response that matched no client transaction (§17.1.3 found none). A proxy forwards a stray 2xx to INVITE
     * statelessly (§16.7 step 3 / RFC 6026 §8.10); anything else is dropped.
     */
    default void onStrayResponse(SipResponse response, InboundMessage inbound) {
    }

    /**
     * A server transaction failed: Timer H fired with no ACK for a non-2xx final response (§17.2.1), or a response
     * could not be sent (§17.2.4 after the fallbacks of §18.2.2).
     */
    default void onServerTransactionError(ServerTransaction transaction, TransactionError error) {
    }

    /**
     * A server transaction is over for the TU: it terminated, or it completed and only waits out its timer (Timer J
     * of a non-INVITE, Timer I in Confirmed or Timer L in Accepted of an INVITE), which a compact record of the layer
     * does from now on without the request or the TU's objects (see the package documentation). Called once. The
     * transaction keeps reporting its state; in Accepted it still sends the TU's further 2xx responses.
     */
    default void onTerminated(ServerTransaction transaction) {
    }
}
