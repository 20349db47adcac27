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

    /**
     * Runs {@code task} once, {@code delay} or a little later: a wait that cannot be cancelled, for the records that
     * only wait out Timer D, I, J, K, L or M. Such a wait outlives nearly every other timer (32 s over UDP) and there
     * are tens of thousands of them under load, so an implementation may keep them in first-in first-out order per
     * delay (every wait of one delay falls due in the order it was made) and run them in batches, a fraction of a
     * second late - which those timers allow, since each only bounds how long retransmissions are absorbed. The task
     * itself finds out whether there is still something to do. Tasks must not block.
     */
    default void scheduleWait(Duration delay, Runnable task) {
        schedule(delay, task);
    }

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
