package org.imscore.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * How the transaction layer behaves.
 *
 * @param timers        T1, T2, T4 and Timer C
 * @param sendTrying    whether an INVITE server transaction answers 100 Trying itself (RFC 3261 §17.2.1: it MUST,
 *                      unless the TU is known to answer within 200 ms; a UA that always answers at once may turn it off)
 * @param useTimerC     whether INVITE client transactions run Timer C (RFC 3261 §16.6 step 11; proxies only)
 * @param tryingDelay   how long an INVITE server transaction waits for the TU's first response before it sends the 100
 *                      Trying; zero sends it at once. Waiting is what §17.2.1's state machine says ("send 100 if TU
 *                      won't in 200ms"): a proxy whose next hop answers 180 in time sends no 100 at all, and the
 *                      client, whose first retransmission comes at T1 (500 ms), is answered before it. A retransmitted
 *                      INVITE gets the 100 at once.
 */
public record TransactionConfig(SipTimers timers, boolean sendTrying, boolean useTimerC, Duration tryingDelay) {

    /** The longest wait §17.2.1 allows before the 100 Trying. */
    public static final Duration TRYING_WITHIN = Duration.ofMillis(200);

    /** RFC default timers, 100 Trying sent at once, no Timer C (a user agent). */
    public static final TransactionConfig DEFAULT = new TransactionConfig(SipTimers.DEFAULT, true, false);

    /** RFC default timers, 100 Trying sent at once, Timer C on (a stateful proxy). */
    public static final TransactionConfig PROXY = new TransactionConfig(SipTimers.DEFAULT, true, true);

    public TransactionConfig {
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(tryingDelay, "tryingDelay");
        if (tryingDelay.isNegative() || tryingDelay.compareTo(TRYING_WITHIN) > 0) {
            throw new IllegalArgumentException("tryingDelay must be 0 to 200 ms (RFC 3261 §17.2.1): " + tryingDelay);
        }
    }

    /** A configuration whose INVITE server transactions send 100 Trying at once. */
    public TransactionConfig(SipTimers timers, boolean sendTrying, boolean useTimerC) {
        this(timers, sendTrying, useTimerC, Duration.ZERO);
    }

    public TransactionConfig withTimers(SipTimers newTimers) {
        return new TransactionConfig(newTimers, sendTrying, useTimerC, tryingDelay);
    }

    /** The same configuration with INVITE server transactions waiting {@code delay} for the TU before the 100. */
    public TransactionConfig withTryingDelay(Duration delay) {
        return new TransactionConfig(timers, sendTrying, useTimerC, delay);
    }
}
