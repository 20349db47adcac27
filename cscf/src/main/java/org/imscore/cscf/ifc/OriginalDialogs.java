package org.imscore.cscf.ifc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The requests the S-CSCF has sent to an AS and expects back (TS 24.229 §5.4.3.2 step 4c, §5.4.3.3 step 3): the
 * original-dialog identifier it put in its own Route towards the AS names what it needs to go on with the service
 * logic when the request returns. An AS that ends the request itself never returns it, so entries also age out.
 */
public final class OriginalDialogs {

    /** ODI parameter of the S-CSCF's Route towards the AS. */
    public static final String ODI = "odi";

    /**
     * What the S-CSCF had decided when it sent the request to an AS.
     *
     * @param sessionCase    the case the request is served in
     * @param servedIdentity the served user's public identity
     * @param priority       the priority of the criterion whose AS has the request; evaluation goes on after it
     * @param criteria       the served user's criteria, so a returning request sees the profile it left with
     */
    public record Pending(SessionCase sessionCase, String servedIdentity, int priority,
                          List<FilterCriterion> criteria) {
        public Pending {
            Objects.requireNonNull(sessionCase, "sessionCase");
            Objects.requireNonNull(servedIdentity, "servedIdentity");
            criteria = List.copyOf(criteria);
        }
    }

    private record Entry(Pending pending, Instant created) {
    }

    private final Map<String, Entry> open = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Supplier<String> tokens;
    private final Duration lifetime;

    /**
     * @param tokens   unguessable identifiers (the AS sees them; another party must not resume a request)
     * @param lifetime how long a request may stay at an AS before its entry is forgotten
     */
    public OriginalDialogs(Clock clock, Supplier<String> tokens, Duration lifetime) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** Records {@code pending} and returns its identifier. */
    public String open(Pending pending) {
        Instant now = clock.instant();
        open.values().removeIf(e -> e.created().plus(lifetime).isBefore(now));
        String token = tokens.get();
        open.put(token, new Entry(pending, now));
        return token;
    }

    /** The entry of {@code token}, removed: a request returns once. */
    public Optional<Pending> take(String token) {
        return Optional.ofNullable(open.remove(token)).map(Entry::pending);
    }

    public int size() {
        return open.size();
    }
}
