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
 * It keeps the key, the RFC 2543 matching fields when they apply, the last response in wire form with the Via it
 * goes back along, where the request came from, and its one timer: not the request, not the response objects, not
 * the TU's objects. As a {@link ServerTransaction} (what {@link TransactionLayer#findServerTransaction} and
 * {@link TransactionUser#onCancel} give once the transaction completed, and what a proxy keeps from
 * {@link TransactionLayer#findAcceptedTransaction} to send late 2xx responses) it answers everything but
 * {@link #request()}.
 */
final class CompletedServerTransaction extends CompletedRecord implements ServerEntry {

    private final Rfc2543Key rfc2543;
    private final String responseToTag;
    private final Endpoint source;
    private final ListeningPoint local;
    /** The last response sent, in wire form (null if it could not be encoded). Guarded by this. */
    private EncodedMessage lastResponse;

    CompletedServerTransaction(TransactionLayer layer, TransactionKey key, Rfc2543Key rfc2543, boolean invite,
                               TransactionState state, EncodedMessage lastResponse, String responseToTag,
                               Endpoint source, ListeningPoint local) {
        super(layer, key, invite, state);
        this.rfc2543 = rfc2543;
        this.lastResponse = lastResponse;
        this.responseToTag = responseToTag;
        this.source = source;
        this.local = local;
    }

    @Override
    public void receive(SipRequest request, InboundMessage inbound) {
        TransactionState now;
        EncodedMessage resend;
        synchronized (this) {
            now = state;
            resend = lastResponse;
        }
        if (now == TransactionState.COMPLETED && resend != null) {
            send(resend, this);
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
        EncodedMessage encoded;
        synchronized (this) {
            if (state != TransactionState.ACCEPTED || !response.isSuccess()) {
                return false;
            }
            encoded = AbstractTransaction.encodeOrNull(response);
            lastResponse = encoded;
        }
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

    /** The last response sent, parsed back from its octets. */
    @Override
    public Optional<SipResponse> lastResponse() {
        EncodedMessage encoded;
        synchronized (this) {
            encoded = lastResponse;
        }
        return encoded == null ? Optional.empty() : Optional.of((SipResponse) encoded.decode());
    }

    /** The last response in wire form, as it is resent (tests). */
    synchronized Optional<EncodedMessage> lastEncodedResponse() {
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
