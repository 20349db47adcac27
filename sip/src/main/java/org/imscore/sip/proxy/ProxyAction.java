package org.imscore.sip.proxy;

import org.imscore.sip.message.SipResponse;

/** What a {@link ResponseContext} asks its engine to do; the engine carries these out in order. */
public sealed interface ProxyAction {

    /** Forward the request to this branch's target (RFC 3261 §16.6) and report its outcome to the context. */
    record StartBranch(ResponseContext.Branch branch) implements ProxyAction {
    }

    /** Send CANCEL on this branch's client transaction (§16.7 step 10, §16.10, §16.8 Timer C). */
    record CancelBranch(ResponseContext.Branch branch) implements ProxyAction {
    }

    /** Send this response upstream on the server transaction (§16.7 step 9). */
    record ForwardResponse(SipResponse response) implements ProxyAction {
    }
}
