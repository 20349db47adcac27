package org.imscore.sip.proxy;

import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * Where a role built on the {@link StatefulProxy} changes what passes through it (RFC 3261 §16.6 step 5 "add
 * header fields", and the response side): a P-CSCF asserting an identity or stripping keys from a 401, an
 * S-CSCF adding a Service-Route. Both run on a transport thread and must not block. They get the message the
 * proxy built and return the one to send; the top Via (ours on a request, the caller's on a response) must stay
 * as it is, since transactions are matched by it.
 */
public interface ProxyHooks {

    /** Changes nothing. */
    ProxyHooks NONE = new ProxyHooks() {
    };

    /**
     * The copy of {@code received} about to be sent to {@code target} (§16.6 steps 1 to 9 done); also the ACK for
     * a 2xx, which is forwarded without a transaction.
     */
    default SipRequest beforeForward(SipRequest received, SipRequest copy, Target target) {
        return copy;
    }

    /**
     * A response about to go upstream for {@code received}: a forwarded provisional or 2xx, the best final
     * (§16.7), or one the proxy made itself (a rejection, the answer to an OPTIONS or a CANCEL).
     */
    default SipResponse beforeResponse(SipRequest received, SipResponse response) {
        return response;
    }
}
