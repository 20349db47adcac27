package org.imscore.sip.transaction;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.ListeningPoint;

/**
 * A server transaction that only waits out its timer, in the layer's table in place of the transaction object:
 *
 * <pre>
 * state       input                 action                                   next
 * ----------  --------------------  ---------------------------------------  ----------
 * Completed   request               resend the final response (its octets)   Completed    non-INVITE, §17.2.2
 * Completed   Timer J fires         -                                        Terminated
 * Confirmed   ACK, INVITE           - (absorbed)                             Confirmed    INVITE, §17.2.1
 * Confirmed   Timer I fires         -                                        Terminated
 * Accepted    INVITE                - (absorbed)                             Accepted     INVITE, RFC 6026 §7.1
 * Accepted    ACK                   pass ACK to TU                           Accepted
 * Accepted    2xx from TU           send response                            Accepted
 * Accepted    Timer L fires         -                                        Terminated
 * (any)       transport error       inform TU; Completed ends                Terminated / same
 * </pre>
 *
 * It keeps the key, the RFC 2543 matching fields when they apply, where the request came from, its one timer and, in
 * Completed only, the last response in wire form with the Via it goes back along: not the request, not the response
 * objects, not the TU's objects. Confirmed and Accepted send nothing of their own, so they keep no response: in
 * Accepted the 2xx is the TU's to retransmit (RFC 6026 §7.1), and a proxy's INVITE holds an Accepted record at every
 * hop for Timer L's 32 s, where a 2xx with its SDP would be most of what a call leaves on the heap.
 *
 * <p>As a {@link ServerTransaction} (what {@link TransactionLayer#findServerTransaction} and
 * {@link TransactionUser#onCancel} give once the transaction completed, and what a proxy keeps from
 * {@link TransactionLayer#findAcceptedTransaction} to send late 2xx responses) it answers everything but
 * {@link #request()}.
 */
final class CompletedServerTransaction extends CompletedRecord implements ServerEntry {

    private final Rfc2543Key rfc2543;
    private final String responseToTag;
    private final Endpoint source;
    private final ListeningPoint local;
    /** The final response resent in Completed, in wire form; null in the other states or if it could not be encoded. */
    private final EncodedMessage lastResponse;

    CompletedServerTransaction(TransactionLayer layer, TransactionKey key, Rfc2543Key rfc2543, boolean invite,
                               TransactionState state, EncodedMessage lastResponse, String responseToTag,
                               Endpoint source, ListeningPoint local) {
        super(layer, key, invite, state);
        this.rfc2543 = rfc2543;
        this.lastResponse = state == TransactionState.COMPLETED && lastResponse != null ? lastResponse.compact() : null;
        this.responseToTag = responseToTag;
        this.source = source;
        this.local = local;
    }

    @Override
    public void receive(SipRequest request, InboundMessage inbound) {
        TransactionState now;
        synchronized (this) {
            now = state;
        }
        if (now == TransactionState.COMPLETED && lastResponse != null) {
            send(lastResponse, this);
        } else if (now == TransactionState.ACCEPTED && request.isMethod(SipRequest.ACK)) {
            // RFC 6026 §7.1: the ACK for the 2xx goes to the TU (a proxy forwards it, §16.7).
            try {
                layer.user().onAck(request, inbound);
            } catch (RuntimeException e) {
                AbstractTransaction.LOG.warn("{} {}: transaction user failed on the ACK", kind(), key, e);
            }
        }
        // Otherwise absorbed: INVITE retransmissions in Accepted (the TU core retransmits the 2xx, §13.3.1.4), ACK
        // and INVITE retransmissions in Confirmed, anything once Terminated.
    }

    /**
     * A response the TU sends through the transaction it holds ({@code from}): a 2xx to INVITE in Accepted goes out
     * (RFC 6026 §7.1), anything else is refused.
     */
    boolean sendFromTu(SipResponse response, ServerTransaction from) {
        synchronized (this) {
            if (state != TransactionState.ACCEPTED || !response.isSuccess()) {
                return false;
            }
        }
        EncodedMessage encoded = AbstractTransaction.encodeOrNull(response);
        if (encoded != null) {
            send(encoded, from);
        } else {
            transportError(from);
        }
        return true;
    }

    private void send(EncodedMessage response, ServerTransaction reportTo) {
        CompletionStage<Void> sent;
        try {
            sent = layer.transport().sendResponse(response);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                AbstractTransaction.LOG.debug("{} {}: transport error: {}", kind(), key, String.valueOf(error));
                transportError(reportTo);
            }
        });
    }

    /**
     * A response could not be sent (§17.2.4): the TU hears of it through {@code reportTo}, the transaction it holds;
     * Completed ends, Accepted goes on (the TU's own 2xx retransmission may still get through).
     */
    void transportError(ServerTransaction reportTo) {
        TransactionState now;
        synchronized (this) {
            now = state;
        }
        if (now == TransactionState.COMPLETED) {
            if (!end()) {
                return;
            }
        } else if (now != TransactionState.ACCEPTED) {
            return;
        }
        try {
            layer.user().onServerTransactionError(reportTo, TransactionError.TRANSPORT_ERROR);
        } catch (RuntimeException e) {
            AbstractTransaction.LOG.warn("{} {}: transaction user failed on a transport error", kind(), key, e);
        }
    }

    @Override
    public Rfc2543Key rfc2543() {
        return rfc2543;
    }

    @Override
    public Optional<String> responseToTag() {
        return Optional.ofNullable(responseToTag);
    }

    /**
     * Not kept once the transaction completed; the {@link ServerTransaction} the TU was given still has it.
     *
     * @throws IllegalStateException always
     */
    @Override
    public SipRequest request() {
        throw new IllegalStateException("the request of " + kind() + " " + key + " is not kept after it completed");
    }

    @Override
    public String method() {
        return key.method();
    }

    @Override
    public boolean isInvite() {
        return invite;
    }

    /** In Completed, the final response, parsed back from the octets it is resent in; empty in the other states. */
    @Override
    public Optional<SipResponse> lastResponse() {
        return lastResponse == null ? Optional.empty() : Optional.of((SipResponse) lastResponse.decode());
    }

    /** The last response in wire form, as it is resent (tests). */
    Optional<EncodedMessage> lastEncodedResponse() {
        return Optional.ofNullable(lastResponse);
    }

    @Override
    public Endpoint source() {
        return source;
    }

    @Override
    public ListeningPoint local() {
        return local;
    }

    @Override
    public boolean sendResponse(SipResponse response) {
        if (!response.cseq().method().equals(key.method())) {
            throw new IllegalArgumentException("response CSeq method " + response.cseq().method()
                    + " does not match request " + key.method());
        }
        return sendFromTu(response, this);
    }

    @Override
    String kind() {
        return invite ? "INVITE server" : "non-INVITE server";
    }
}
