package org.imscore.testkit.ue;

import java.util.List;
import java.util.Objects;
import org.imscore.sip.message.SipResponse;

/**
 * How one REGISTER attempt ended (initial registration, refresh or de-registration), with every REGISTER sent and
 * its response in {@link #exchanges()}.
 */
public sealed interface RegisterResult {

    /** The REGISTER transactions of this attempt, in order. */
    List<Exchange> exchanges();

    /** The last response. */
    default SipResponse response() {
        return exchanges().get(exchanges().size() - 1).response();
    }

    default int status() {
        return response().statusCode();
    }

    /** A 2xx: registered (or, for a de-registration, the bindings removed). */
    record Registered(Registration registration, List<Exchange> exchanges) implements RegisterResult {
        public Registered {
            Objects.requireNonNull(registration, "registration");
            exchanges = List.copyOf(exchanges);
        }
    }

    /** Anything else; {@link #reason} says which kind of failure. */
    record Failed(Reason reason, String detail, List<Exchange> exchanges) implements RegisterResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            exchanges = List.copyOf(exchanges);
        }
    }

    enum Reason {
        /** The network answered with a final non-2xx response other than a challenge (403, 404, 408, 503...). */
        REJECTED,
        /** The USIM found the network's MAC wrong; the REGISTER with the empty response was sent and answered. */
        NETWORK_NOT_AUTHENTIC,
        /** Still challenged after {@link UeConfig#maxChallenges()} answers. */
        TOO_MANY_CHALLENGES,
        /** A challenge the credentials cannot answer (see the detail). */
        UNANSWERABLE_CHALLENGE
    }

    /** The registration, or an {@link IllegalStateException} that names the failure (handy in tests). */
    default Registration registration() {
        if (this instanceof Registered r) {
            return r.registration();
        }
        Failed f = (Failed) this;
        throw new IllegalStateException("not registered: " + f.reason() + " (" + f.detail() + "), last response "
                + response().statusCode() + " " + response().reasonPhrase());
    }
}
