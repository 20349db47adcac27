package org.imscore.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The RFC 3261 timer base values (§17.1.1.1, Table 4 of Appendix A) from which every transaction timer is derived.
 *
 * <pre>
 * T1  500 ms   RTT estimate                       Timer A initially T1, doubling (INVITE request retransmit, UDP)
 * T2  4 s      max retransmit interval (non-INVITE Timer B  64*T1     INVITE transaction timeout
 *              requests and INVITE responses)     Timer C  &gt; 3 min   proxy INVITE transaction timeout
 * T4  5 s      max duration a message stays in    Timer D  &gt; 32 s UDP, 0 reliable: wait for response retransmits
 *              the network                        Timer E  T1 doubling up to T2 (non-INVITE request retransmit, UDP)
 *                                                 Timer F  64*T1     non-INVITE transaction timeout
 *                                                 Timer G  T1 doubling up to T2 (INVITE response retransmit)
 *                                                 Timer H  64*T1     wait time for ACK receipt
 *                                                 Timer I  T4 UDP, 0 reliable: wait time for ACK retransmits
 *                                                 Timer J  64*T1 UDP, 0 reliable: wait for non-INVITE retransmits
 *                                                 Timer K  T4 UDP, 0 reliable: wait for response retransmits
 *                                                 Timer L  64*T1     (RFC 6026) INVITE server Accepted state
 *                                                 Timer M  64*T1     (RFC 6026) INVITE client Accepted state
 * </pre>
 *
 * @param t1     round-trip time estimate
 * @param t2     maximum retransmission interval for non-INVITE requests and INVITE responses
 * @param t4     maximum time a message remains in the network
 * @param timerC the proxy INVITE transaction timeout (RFC 3261 §16.6 step 11: greater than 3 minutes)
 */
public record SipTimers(Duration t1, Duration t2, Duration t4, Duration timerC) {

    /** T1 500 ms, T2 4 s, T4 5 s, Timer C 3 min 1 s. */
    public static final SipTimers DEFAULT = new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofSeconds(5), Duration.ofSeconds(181));

    /** Timer D on an unreliable transport is "at least 32 seconds" (§17.1.1.2), independent of T1. */
    public static final Duration TIMER_D_UNRELIABLE = Duration.ofSeconds(32);

    public SipTimers {
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        Objects.requireNonNull(timerC, "timerC");
        if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative()) {
            throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 >= 0: " + t1 + ", " + t2 + ", " + t4);
        }
    }

    /** Timer A: the first INVITE retransmission interval; it doubles after each retransmission. */
    public Duration timerA() {
        return t1;
    }

    /** Timer B: 64*T1. */
    public Duration timerB() {
        return sixtyFourT1();
    }

    /** Timer D: 32 s over an unreliable transport, zero over a reliable one. */
    public Duration timerD(boolean reliable) {
        return reliable ? Duration.ZERO : TIMER_D_UNRELIABLE;
    }

    /** Timer E: the first non-INVITE retransmission interval; doubles up to T2. */
    public Duration timerE() {
        return t1;
    }

    /** Timer F: 64*T1. */
    public Duration timerF() {
        return sixtyFourT1();
    }

    /** Timer G: the first INVITE final-response retransmission interval; doubles up to T2. */
    public Duration timerG() {
        return t1;
    }

    /** Timer H: 64*T1. */
    public Duration timerH() {
        return sixtyFourT1();
    }

    /** Timer I: T4 over an unreliable transport, zero over a reliable one. */
    public Duration timerI(boolean reliable) {
        return reliable ? Duration.ZERO : t4;
    }

    /** Timer J: 64*T1 over an unreliable transport, zero over a reliable one. */
    public Duration timerJ(boolean reliable) {
        return reliable ? Duration.ZERO : sixtyFourT1();
    }

    /** Timer K: T4 over an unreliable transport, zero over a reliable one. */
    public Duration timerK(boolean reliable) {
        return reliable ? Duration.ZERO : t4;
    }

    /** Timer L (RFC 6026 §8.7): 64*T1. */
    public Duration timerL() {
        return sixtyFourT1();
    }

    /** Timer M (RFC 6026 §8.4): 64*T1. */
    public Duration timerM() {
        return sixtyFourT1();
    }

    /** The next retransmission interval after {@code current}: doubled, capped at T2 (Timers E and G). */
    Duration doubledUpToT2(Duration current) {
        Duration next = current.plus(current);
        return next.compareTo(t2) > 0 ? t2 : next;
    }

    /** 64*T1 (Timers B, F, H, J, L, M), computed on nanoseconds: Duration.multipliedBy goes through BigDecimal. */
    private Duration sixtyFourT1() {
        return Duration.ofNanos(Math.multiplyExact(t1.toNanos(), 64L));
    }
}
