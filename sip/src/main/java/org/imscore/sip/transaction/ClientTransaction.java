package org.imscore.sip.transaction;

import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.Endpoint;

/**
 * A client transaction (RFC 3261 §17.1), created by {@link TransactionLayer#sendRequest}. It retransmits the
 * request over UDP (Timer A or E), times out (Timer B or F), sends the ACK for a non-2xx final response to INVITE
 * and reports responses to its {@link ClientTransactionListener}.
 *
 * <p>Safe to use from any thread.
 */
public interface ClientTransaction extends Transaction {

    /** The next hop the request is sent to. */
    Endpoint destination();

    /** Whether a provisional response was received (a CANCEL may be sent only then, §9.1). */
    boolean hasProvisional();

    /**
     * A CANCEL for this transaction's request (§9.1: same Request-URI, Call-ID, To, From, CSeq number, the single
     * top Via and the Route headers). Send it with {@link TransactionLayer#sendRequest} to {@link #destination()}.
     */
    default SipRequest createCancel() {
        return TransactionRequests.cancelFor(request());
    }
}
