package org.imscore.sip.transaction;

import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * What a client transaction (RFC 3261 §17.1) and a server transaction (§17.2) both are: one request, the key that
 * matches messages to it, the state of its machine and the last response it saw.
 *
 * <p>Safe to use from any thread.
 */
public interface Transaction {

    /**
     * The request: as sent (client; its top Via carries the branch) or as first received (server).
     *
     * @throws IllegalStateException on the layer's record of a completed server transaction (what
     *                               {@link TransactionLayer#findServerTransaction} and the INVITE of
     *                               {@link TransactionUser#onCancel} give once it completed), which does not keep it
     */
    SipRequest request();

    /** {@code request().method()}; ACK never creates a transaction. */
    default String method() {
        return request().method();
    }

    /** Whether this is an INVITE transaction (§17.1.1, §17.2.1) rather than a non-INVITE one (§17.1.2, §17.2.2). */
    default boolean isInvite() {
        return request().isMethod(SipRequest.INVITE);
    }

    /** What identifies the transaction (§17.1.3, §17.2.3). */
    TransactionKey key();

    TransactionState state();

    /** The last response, if any: received (client, provisional or final) or sent (server). */
    Optional<SipResponse> lastResponse();
}
