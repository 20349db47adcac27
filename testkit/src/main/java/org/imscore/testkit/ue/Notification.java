package org.imscore.testkit.ue;

import java.util.Objects;
import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SubscriptionState;

/**
 * A NOTIFY the UE received in a reg-event subscription and how it answered it.
 *
 * @param request           the NOTIFY as received
 * @param subscriptionState its Subscription-State (RFC 6665 §8.2.3), empty if it had none or a bad one
 * @param regInfo           its reginfo body, empty if it had none or a bad one
 * @param problem           why the NOTIFY was answered with an error (empty when answered 200)
 * @param answeredWith      the status code the UE answered with
 */
public record Notification(SipRequest request, Optional<SubscriptionState> subscriptionState,
                           Optional<RegInfo> regInfo, Optional<String> problem, int answeredWith) {

    public Notification {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(subscriptionState, "subscriptionState");
        Objects.requireNonNull(regInfo, "regInfo");
        Objects.requireNonNull(problem, "problem");
    }

    /** The Subscription-State value: {@code active}, {@code pending} or {@code terminated}. */
    public String state() {
        return subscriptionState.map(SubscriptionState::state).orElse("");
    }

    /** The reginfo, or an {@link IllegalStateException} saying why there is none. */
    public RegInfo reginfo() {
        return regInfo.orElseThrow(() -> new IllegalStateException("NOTIFY without a usable reginfo body: "
                + problem.orElse("no body")));
    }
}
