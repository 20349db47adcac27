package org.imscore.sip.proxy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The timers of one forked request (RFC 3261 §16.6, §16.7), on top of the transaction timers (Timer B/F, Timer C).
 *
 * @param branchTimeout how long a branch may go without a final response before its tier is given up (an INVITE
 *     branch is cancelled) and the next tier is tried: the per-target time of sequential forking. Empty: a tier is
 *     left only when its branches have ended.
 * @param noAnswer how long an INVITE may go without a final response upstream, counted from its first branch:
 *     then the pending branches are cancelled and the caller gets 480 (a callee that was reached but did not answer,
 *     RFC 3261 §21.4.18). Empty: the caller's CANCEL, Timer C or the branches decide.
 */
public record ForkTimers(Optional<Duration> branchTimeout, Optional<Duration> noAnswer) {

    /** No forking timers: only the transaction timers run. */
    public static final ForkTimers NONE = new ForkTimers(Optional.empty(), Optional.empty());

    public ForkTimers {
        branchTimeout = positive(branchTimeout, "branchTimeout");
        noAnswer = positive(noAnswer, "noAnswer");
    }

    public ForkTimers withBranchTimeout(Duration timeout) {
        return new ForkTimers(Optional.of(timeout), noAnswer);
    }

    public ForkTimers withNoAnswer(Duration timeout) {
        return new ForkTimers(branchTimeout, Optional.of(timeout));
    }

    private static Optional<Duration> positive(Optional<Duration> d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isPresent() && (d.get().isNegative() || d.get().isZero())) {
            throw new IllegalArgumentException(name + " must be positive, got " + d.get());
        }
        return d;
    }
}
