package org.imscore.sip.transaction;

import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.ListeningPoint;

/**
 * A server transaction (RFC 3261 §17.2): the request that created it, and the one way to answer it. Responses go
 * out along the request's top Via (§18.2.2); the transaction keeps the last one in wire form to answer
 * retransmissions of the request with the same octets, and retransmits a non-2xx final response to INVITE over UDP
 * (Timer G) until the ACK comes.
 *
 * <p>Safe to use from any thread.
 */
public interface ServerTransaction extends Transaction {

    /** Where the request came from. */
    Endpoint source();

    /** The listening point it arrived on. */
    ListeningPoint local();

    /**
     * Sends a response through the transaction (the TU's "response from TU" input). Provisional responses are
     * sent while no final response was; a final response moves the machine on; to INVITE, further 2xx responses
     * (the UAS core's own 2xx retransmissions, §13.3.1.4) are passed through in the Accepted state.
     *
     * @return whether the response was handed to the transport; false when the transaction is past the point where
     *         it may send this response (a final response was already sent, or it has terminated)
     * @throws IllegalArgumentException if the response's CSeq method does not match the request
     */
    boolean sendResponse(SipResponse response);
}
