package org.imscore.sip.transport;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;

/**
 * What the layers above need from the transport layer (RFC 3261 §18): send a request to a next hop,
 * send a response back along its top Via, and know our own listening points.
 *
 * <p>Both send methods complete exceptionally with {@link TransportException} when the message cannot be
 * sent (no route, connection refused, message too large for the transport); the transaction layer turns
 * that into its "transport error" input (RFC 3261 §17.1.4).
 */
public interface SipTransport {

    /**
     * Sends a request to {@code destination}. The caller has already put our Via on top, with the sent-by
     * of {@link #listeningPoint(Transport)}; over TCP an open connection to the destination is reused.
     */
    CompletionStage<Void> sendRequest(SipRequest request, Endpoint destination);

    /**
     * Sends a response per RFC 3261 §18.2.2 and RFC 3581 §4: over a reliable transport on the connection
     * the request came in on while it is open, otherwise to {@code received}/{@code rport} of the top Via
     * (or {@code maddr}, or the sent-by).
     */
    CompletionStage<Void> sendResponse(SipResponse response);

    /**
     * Sends a response already in wire form along its Via, as {@link #sendResponse(SipResponse)} sends the response
     * it was encoded from: how a server transaction answers a retransmitted request without keeping the response
     * object. This default parses the octets back; a transport that writes octets should write them as they are.
     */
    default CompletionStage<Void> sendResponse(EncodedMessage response) {
        return sendResponse((SipResponse) response.decode());
    }

    /**
     * Sends a request already in wire form to {@code destination}, as {@link #sendRequest(SipRequest, Endpoint)}
     * sends the request it was encoded from (a client INVITE transaction's ACK, resent on each retransmission of the
     * non-2xx response). This default parses the octets back.
     */
    default CompletionStage<Void> sendRequest(EncodedMessage request, Endpoint destination) {
        return sendRequest((SipRequest) request.decode(), destination);
    }

    /**
     * Where a response along {@code via} is sent without a hand-off: responses sent from a task run there leave in
     * the order they were sent, before those sent there later. A response sent from any other thread may be passed
     * to that thread and leave after responses sent meanwhile, which is why a response decided on a timer thread
     * (a deferred 100 Trying) is decided there instead. This default runs the task at once, in the caller.
     */
    default Executor responseExecutor(Via via) {
        return Runnable::run;
    }

    /** Our listening point for {@code transport}, the one whose address goes into Via and Record-Route. */
    ListeningPoint listeningPoint(Transport transport);

    /** Every bound listening point. */
    List<ListeningPoint> listeningPoints();
}
