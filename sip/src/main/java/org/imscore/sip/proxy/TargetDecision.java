package org.imscore.sip.proxy;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.imscore.sip.message.ReasonPhrases;
import org.imscore.sip.message.SipResponse;

/**
 * What a {@link TargetResolver} decided for a request: the targets to forward to, a final answer, or a decision
 * that will come later (a routing function waiting for the HSS or DNS).
 */
public sealed interface TargetDecision {

    /**
     * Forward to these targets. Kept sorted by q-value, highest first, equal values in the order given
     * (RFC 3261 §16.6: targets are tried in order of preference).
     */
    record Forward(List<Target> targets) implements TargetDecision {

        public Forward {
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("an empty target set is a Reject (RFC 3261 §16.5: 480 or 404)");
            }
            // Nearly every request has one target: nothing to sort, no stream to make (this runs per request).
            targets = targets.size() == 1 ? Collections.singletonList(targets.get(0))
                    : targets.stream().sorted(Comparator.comparingDouble(Target::q).reversed()).toList();
        }
    }

    /** Answer the request with this status instead of forwarding it (404 for an unknown user, 480, 403...). */
    record Reject(int statusCode, String reasonPhrase) implements TargetDecision {

        public Reject {
            if (statusCode < 300 || statusCode > 699) {
                throw new IllegalArgumentException("a rejection is a 3xx-6xx status: " + statusCode);
            }
        }
    }

    /**
     * Answer the request with this response, made by the routing function itself (a registrar's 200 with the
     * bindings, a 401 challenge, a 302 with contacts); build it with {@code SipResponse.forRequest(request, ...)}.
     */
    record Answer(SipResponse response) implements TargetDecision {

        public Answer {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * The decision is not known yet: the proxy holds the request (its server transaction keeps answering
     * retransmissions, and INVITE has had its 100 Trying) and goes on when {@code decision} completes. A failed
     * stage is answered 500.
     */
    record Pending(CompletionStage<TargetDecision> decision) implements TargetDecision {

        public Pending {
            Objects.requireNonNull(decision, "decision");
        }
    }

    static TargetDecision forward(List<Target> targets) {
        return new Forward(targets);
    }

    static TargetDecision reject(int statusCode) {
        return new Reject(statusCode, ReasonPhrases.of(statusCode));
    }

    static TargetDecision later(CompletionStage<TargetDecision> decision) {
        return new Pending(decision);
    }
}
