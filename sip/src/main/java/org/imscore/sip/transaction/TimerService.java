package org.imscore.sip.transaction;

import java.time.Duration;

/**
 * Schedules the transaction timers. Production uses {@link WheelTimerService} (a hashed timer wheel: cheap for the
 * many short-lived timers a SIP element holds); tests use {@link ManualTimerService}, whose clock moves only when
 * the test advances it.
 */
public interface TimerService {

    /**
     * Runs {@code task} once after {@code delay}. Tasks must not block: they run on the timer's thread.
     *
     * @return a handle to cancel the task before it runs
     */
    Timeout schedule(Duration delay, Runnable task);

    /** The clock the timers run on, in nanoseconds from an arbitrary origin (for durations in logs). */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** A scheduled task. */
    interface Timeout {

        /** Cancels the task if it has not run yet; returns whether it was cancelled by this call. */
        boolean cancel();

        boolean isCancelled();
    }
}
