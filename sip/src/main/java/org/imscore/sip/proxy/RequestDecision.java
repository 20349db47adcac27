package org.imscore.sip.proxy;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/** What the proxy core decided for a received request (RFC 3261 §16.3 to §16.5). */
public sealed interface RequestDecision {

    /**
     * Answer with this response and forward nothing: validation failed, the target set is empty, or the routing
     * function answered itself (a registrar's 200).
     */
    record Respond(SipResponse response) implements RequestDecision {
    }

    /**
     * An OPTIONS for the proxy itself (its Request-URI is one of our addresses, no Route left): the proxy answers
     * it as a UAS (RFC 3261 §11). Other methods sent to our address go through the routing function, which may
     * know where a request for {@code sip:our-address} belongs (a registrar behind us), or answers 404.
     */
    record Local(SipRequest request) implements RequestDecision {
    }

    /**
     * Forward {@code request} (route preprocessing done) to {@code targets}, in order.
     *
     * @param request the request after §16.4, from which each branch's copy is made
     * @param targets the target set (§16.5), never empty
     */
    record Forward(SipRequest request, List<Target> targets) implements RequestDecision {

        public Forward {
            targets = List.copyOf(targets);
        }
    }

    /** The routing function answers later; the stage completes with one of the other decisions. */
    record Pending(CompletionStage<RequestDecision> decision) implements RequestDecision {
    }
}
