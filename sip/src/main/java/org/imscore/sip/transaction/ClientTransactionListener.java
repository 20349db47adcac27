package org.imscore.sip.transaction;

import org.imscore.sip.message.SipResponse;

/**
 * What a client transaction tells its TU. Every response the TU must see arrives at {@link #onResponse};
 * failures arrive with the synthetic response the RFC tells the TU to act on, so a TU that treats them as
 * responses (a proxy, §16.7) can. Calls for one transaction never overlap and arrive in order; they run on a
 * transport or timer thread and must not block.
 */
public interface ClientTransactionListener {

    /**
     * A listener for answers nobody waits for, such as those to a proxy's CANCELs: RFC 3261 §16.10 makes the
     * cancelled branch's 487 what counts, not the 200 to the CANCEL.
     */
    ClientTransactionListener IGNORE = new ClientTransactionListener() {
        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
        }

        @Override
        public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
        }

        @Override
        public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
        }
    };

    /**
     * A provisional or final response: every 1xx, the first final response, and for INVITE every 2xx (RFC 6026:
     * retransmitted 2xx responses and the 2xx of other forks pass to the TU, which sends the ACK).
     */
    void onResponse(ClientTransaction transaction, SipResponse response);

    /** Timer B or F fired (§17.1.1.2, §17.1.2.2): the TU is to act as on {@code timeout}, a synthetic 408. */
    void onTimeout(ClientTransaction transaction, SipResponse timeout);

    /**
     * The request could not be sent (§17.1.4, §8.1.3.1): the TU is to act as on {@code unavailable}, a synthetic
     * 503.
     */
    void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause);

    /**
     * Timer C fired (§16.6 step 11, §16.8) on an INVITE that had a provisional response: the proxy is to CANCEL it
     * ({@link TransactionLayer#cancel}). Without a provisional response Timer C acts as a timeout and
     * {@link #onTimeout} is called instead; so it is when no final response follows within 64*T1 (§9.1).
     */
    default void onTimerC(ClientTransaction transaction) {
    }

    /**
     * Whether this TU asks for {@link ClientTransaction#request()} once an INVITE was answered 2xx (the Accepted
     * state of RFC 6026 §7.2, until Timer M): a UA does, to build the ACK of another fork's 2xx; a proxy passes
     * those 2xx upstream and does not. When false, the record that waits out Timer M keeps no copy of the INVITE
     * (about 1 KB per call and hop for 32 s), and its {@code request()} throws {@link IllegalStateException}.
     */
    default boolean asksForAcceptedRequest() {
        return true;
    }

    /**
     * The transaction is over for the TU: it terminated, or it completed with a non-2xx (INVITE) or any final
     * response (non-INVITE) and only waits out Timer D or K, which the layer does from now on without this listener
     * (see the package documentation). Called once, after the final response.
     */
    default void onTerminated(ClientTransaction transaction) {
    }
}
