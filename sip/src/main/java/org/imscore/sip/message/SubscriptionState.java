package org.imscore.sip.message;

import java.util.Optional;
import java.util.OptionalLong;
import org.imscore.sip.uri.Parameters;

/** Subscription-State (RFC 6665 §8.2.3): active / pending / terminated with expires, reason, retry-after. */
public record SubscriptionState(String state, Parameters parameters) {

    public static SubscriptionState parse(String text) {
        return HeaderScanner.parseAll(text,
                sc -> new SubscriptionState(sc.token("subscription state"), sc.parameters()));
    }

    public OptionalLong expires() {
        String v = parameters.value("expires");
        return v == null ? OptionalLong.empty() : OptionalLong.of(HeaderScanner.number(v, Long.MAX_VALUE, "expires"));
    }

    public Optional<String> reason() {
        return parameters.get("reason");
    }

    public OptionalLong retryAfter() {
        String v = parameters.value("retry-after");
        return v == null ? OptionalLong.empty() : OptionalLong.of(HeaderScanner.number(v, Long.MAX_VALUE, "retry-after"));
    }

    @Override
    public String toString() {
        return state + parameters;
    }
}
