package org.imscore.sip.transaction;

import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.ListeningPoint;

/** What both server machines share: where the request came from, sending and resending responses, the TU's inputs. */
abstract class AbstractServerTransaction extends AbstractTransaction implements ServerTransaction {

    final InboundMessage inbound;
    final TransactionUser user;
    /** Whether the request's branch lacks the magic cookie: matched by RFC 2543 rules (§17.2.3). */
    final boolean rfc2543;
    boolean failed;
    /** Set by {@link #send} so that a TU input step can tell whether it sent anything. */
    private boolean sentInStep;

    AbstractServerTransaction(TransactionLayer layer, InboundMessage inbound, SipRequest request, TransactionKey key,
                              TransactionState initial, TransactionUser user) {
        super(layer, request, key, inbound.source().transport().reliable(), initial);
        this.inbound = inbound;
        this.user = user;
        this.rfc2543 = !request.topVia().hasRfc3261Branch();
    }

    /** A request matched to this transaction: a retransmission, or (INVITE) the ACK. */
    abstract void receive(SipRequest request, InboundMessage inbound);

    /** The TU's response input of this machine (called inside a step). */
    abstract void responseFromTu(SipResponse response);

    @Override
    public final boolean sendResponse(SipResponse response) {
        String method = response.cseq().method();
        if (!method.equals(request.method())) {
            throw new IllegalArgumentException("response CSeq method " + method + " does not match request "
                    + request.method());
        }
        boolean sent = fireAndGet(() -> {
            sentInStep = false;
            responseFromTu(response);
            return sentInStep;
        });
        if (!sent) {
            LOG.debug("{} {}: {} not sent in state {}", kind(), key, response.statusCode(), state());
        }
        return sent;
    }

    @Override
    public final Endpoint source() {
        return inbound.source();
    }

    @Override
    public final ListeningPoint local() {
        return inbound.local();
    }

    /** The To tag of the last response sent (RFC 2543 ACK matching compares the ACK's To tag with it). */
    final synchronized Optional<String> responseToTag() {
        return lastResponse == null ? Optional.empty() : lastResponse.to().tag();
    }

    /** Sends and remembers a response (called inside a step). */
    final void send(SipResponse response) {
        lastResponse = response;
        sentInStep = true;
        transmit(response);
    }

    final void resendLast() {
        if (lastResponse != null) {
            transmit(lastResponse);
        }
    }

    final void tellTu(TransactionError error) {
        failed = true;
        effect(() -> user.onServerTransactionError(this, error));
    }

    /** Tells the TU of an error that ends the transaction (transport error, or no ACK by Timer H). */
    final TransactionState terminate(TransactionError error) {
        tellTu(error);
        return TransactionState.TERMINATED;
    }

    @Override
    String outcome() {
        String code = lastResponse != null ? Integer.toString(lastResponse.statusCode()) : "no response";
        return failed ? code + " (failed)" : code;
    }

    @Override
    void terminated() {
        user.onTerminated(this);
    }
}
