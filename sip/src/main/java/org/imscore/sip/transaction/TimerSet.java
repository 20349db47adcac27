package org.imscore.sip.transaction;

/**
 * The RFC timers one live transaction runs, woken by one {@link TimerService} timeout at a time instead of one per
 * timer. At most three run at once (A, B and C of a proxy's INVITE client transaction; E and F; G and H). Starting,
 * restarting (Timer C on every provisional response, §16.7 step 2) or stopping a timer only changes a deadline: the
 * scheduled wake-up is replaced only when a timer must fire before it, and a wake-up that finds nothing due simply
 * schedules the next one. Due timers fire in deadline order, timers due at the same instant in the order they were
 * started, as separate timeouts would.
 *
 * <p>Not thread-safe: used under its transaction's lock.
 */
final class TimerSet {

    private static final int CAPACITY = 3;

    private final RfcTimer[] timers = new RfcTimer[CAPACITY];
    private final long[] deadlines = new long[CAPACITY];
    private final int[] startOrder = new int[CAPACITY];
    private int starts;
    /** The scheduled wake-up, or null. */
    private TimerService.Timeout wake;
    private long wakeAt;

    /** Starts {@code timer} to fire at {@code deadline} (clock nanoseconds), replacing a running one of that name. */
    void start(RfcTimer timer, long deadline) {
        int slot = slotOf(timer);
        if (slot < 0) {
            slot = slotOf(null);
            if (slot < 0) {
                throw new IllegalStateException("more than " + CAPACITY + " timers at once: " + timer);
            }
        }
        timers[slot] = timer;
        deadlines[slot] = deadline;
        startOrder[slot] = starts++;
    }

    /** Stops {@code timer} if it runs. */
    void stop(RfcTimer timer) {
        int slot = slotOf(timer);
        if (slot >= 0) {
            timers[slot] = null;
        }
    }

    boolean isRunning(RfcTimer timer) {
        return slotOf(timer) >= 0;
    }

    /** Stops every timer and cancels the wake-up. */
    void clear() {
        for (int i = 0; i < CAPACITY; i++) {
            timers[i] = null;
        }
        if (wake != null) {
            wake.cancel();
            wake = null;
        }
    }

    /**
     * Takes the timer due at {@code now} that fires first (earliest deadline, then earliest started) off the set.
     *
     * @return the timer, or null when none is due
     */
    RfcTimer pollDue(long now) {
        int best = -1;
        for (int i = 0; i < CAPACITY; i++) {
            if (timers[i] == null || deadlines[i] - now > 0) {
                continue;
            }
            if (best < 0 || deadlines[i] - deadlines[best] < 0
                    || (deadlines[i] == deadlines[best] && startOrder[i] < startOrder[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        RfcTimer due = timers[best];
        timers[best] = null;
        return due;
    }

    /** Called first thing by a wake-up at {@code now}: forgets the wake-up it was (or an earlier, stale one). */
    void woke(long now) {
        if (wake != null && wakeAt - now <= 0) {
            wake = null;
        }
    }

    /**
     * Makes sure a wake-up comes by the earliest deadline: schedules one when there is none or the scheduled one is
     * too late; cancels it when no timer runs. A wake-up that is early (its timer was stopped or moved later) is
     * left: it will find nothing due and come back here.
     */
    void rearm(TimerService service, long now, Runnable onWake) {
        int earliest = -1;
        for (int i = 0; i < CAPACITY; i++) {
            if (timers[i] != null && (earliest < 0 || deadlines[i] - deadlines[earliest] < 0)) {
                earliest = i;
            }
        }
        if (earliest < 0) {
            if (wake != null) {
                wake.cancel();
                wake = null;
            }
            return;
        }
        long at = deadlines[earliest];
        if (wake != null && wakeAt - at <= 0) {
            return;
        }
        if (wake != null) {
            wake.cancel();
        }
        wakeAt = at;
        wake = service.schedule(java.time.Duration.ofNanos(Math.max(0, at - now)), onWake);
    }

    private int slotOf(RfcTimer timer) {
        for (int i = 0; i < CAPACITY; i++) {
            if (timers[i] == timer) {
                return i;
            }
        }
        return -1;
    }
}
