package org.imscore.cscf.scscf;

import java.time.Duration;
import java.util.Objects;
import org.imscore.sip.proxy.ForkingMode;

/**
 * How the S-CSCF tries the registered contacts of a callee (TS 24.229 §5.4.3.3 step 4, RFC 3261 §16.6).
 *
 * @param defaultMode   {@code PARALLEL}: every contact at once; {@code SEQUENTIAL}: by q-value, highest first, the
 *                      contacts of equal q-value at once. A caller's Request-Disposition (RFC 3841 §9.1) chooses per
 *                      request.
 * @param branchTimeout sequential: how long the contacts of one q-value may go without a final response before they
 *                      are cancelled and the next ones are tried
 * @param noAnswer      how long an INVITE may go unanswered after it reached the contacts: then they are cancelled and
 *                      the caller gets 480
 */
public record ForkingConfig(ForkingMode defaultMode, Duration branchTimeout, Duration noAnswer) {

    public ForkingConfig {
        Objects.requireNonNull(defaultMode, "defaultMode");
        requirePositive(branchTimeout, "branchTimeout");
        requirePositive(noAnswer, "noAnswer");
    }

    /** Parallel, 20 s per sequential branch, 60 s without an answer. */
    public static ForkingConfig defaults() {
        return new ForkingConfig(ForkingMode.PARALLEL, Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
