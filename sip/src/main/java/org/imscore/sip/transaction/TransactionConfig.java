package org.imscore.sip.transaction;

import java.util.Objects;

/**
 * How the transaction layer behaves.
 *
 * @param timers        T1, T2, T4 and Timer C
 * @param sendTrying    whether an INVITE server transaction answers 100 Trying at once (RFC 3261 §17.2.1: it MUST,
 *                      unless the TU is known to answer within 200 ms; a UA that always answers at once may turn it off)
 * @param useTimerC     whether INVITE client transactions run Timer C (RFC 3261 §16.6 step 11; proxies only)
 */
public record TransactionConfig(SipTimers timers, boolean sendTrying, boolean useTimerC) {

    /** RFC default timers, 100 Trying sent, no Timer C (a user agent). */
    public static final TransactionConfig DEFAULT = new TransactionConfig(SipTimers.DEFAULT, true, false);

    /** RFC default timers, 100 Trying sent, Timer C on (a stateful proxy). */
    public static final TransactionConfig PROXY = new TransactionConfig(SipTimers.DEFAULT, true, true);

    public TransactionConfig {
        Objects.requireNonNull(timers, "timers");
    }

    public TransactionConfig withTimers(SipTimers newTimers) {
        return new TransactionConfig(newTimers, sendTrying, useTimerC);
    }
}
