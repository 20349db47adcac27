package org.imscore.sip.transaction;

import io.netty.util.HashedWheelTimer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TimerService} on Netty's hashed timer wheel: one thread, O(1) scheduling and cancelling, a resolution
 * of one tick (10 ms here, well under T1). Tasks run on the wheel's thread and must not block.
 *
 * <p>{@link #scheduleWait Waits} do not go on the wheel: they are kept per delay in {@link WaitQueue}s, which a
 * sweep on the wheel drains every {@link #WAIT_SWEEP} (so a wait runs up to that much late). Under load nearly every
 * pending timer is such a wait (a completed transaction waiting out Timer J, 32 s); on the wheel each would be two
 * objects visited at every turn of the wheel (5 s), in a queue it is two array slots visited once.
 */
public final class WheelTimerService implements TimerService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WheelTimerService.class);

    /**
     * How often the waits are swept: how late a wait may run. One tick of the wheel, so that each sweep ends few
     * waits: on a core held to one CPU, a sweep of 50 ms' worth (hundreds at 1,000 calls/s) delayed the messages
     * behind it by milliseconds.
     */
    static final Duration WAIT_SWEEP = Duration.ofMillis(10);
    /** Waits run per queue and look before the next look at the clock. */
    private static final int SWEEP_BATCH = 256;

    private final HashedWheelTimer wheel;
    /** One queue per delay in use (a handful: Timer J, K and the like); replaced whole when one is added. */
    private volatile WaitQueue[] waits = new WaitQueue[0];
    /** The sweep's batch, used only on the wheel's thread. */
    private final Runnable[] due = new Runnable[SWEEP_BATCH];
    /** The sweep as the wheel's task: one object for every turn, rather than a new one 100 times a second. */
    private final TimerTask sweep = this::sweepWaits;

    public WheelTimerService() {
        this(Duration.ofMillis(10), 512);
    }

    public WheelTimerService(Duration tick, int ticksPerWheel) {
        this.wheel = new HashedWheelTimer(new DefaultThreadFactory("sip-timers", true), tick.toNanos(),
                TimeUnit.NANOSECONDS, ticksPerWheel);
        wheel.newTimeout(sweep, WAIT_SWEEP.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Timeout schedule(Duration delay, Runnable task) {
        WheelTask t = new WheelTask(task);
        t.timeout = wheel.newTimeout(t, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return t;
    }

    @Override
    public void scheduleWait(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        queueFor(nanos).add(task, System.nanoTime());
    }

    /** How many waits are pending (tests, metrics). */
    public int pendingWaits() {
        int n = 0;
        for (WaitQueue q : waits) {
            n += q.size();
        }
        return n;
    }

    private WaitQueue queueFor(long delayNanos) {
        for (WaitQueue q : waits) {
            if (q.delayNanos == delayNanos) {
                return q;
            }
        }
        synchronized (this) {
            WaitQueue[] now = waits;
            for (WaitQueue q : now) {
                if (q.delayNanos == delayNanos) {
                    return q;
                }
            }
            WaitQueue added = new WaitQueue(delayNanos);
            WaitQueue[] grown = Arrays.copyOf(now, now.length + 1);
            grown[now.length] = added;
            waits = grown;
            return added;
        }
    }

    /** On the wheel's thread: runs the waits that are due, then comes back after {@link #WAIT_SWEEP}. */
    private void sweepWaits(io.netty.util.Timeout self) {
        for (WaitQueue q : waits) {
            int n;
            do {
                n = q.takeDue(System.nanoTime(), due);
                for (int i = 0; i < n; i++) {
                    Runnable task = due[i];
                    due[i] = null;
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.warn("timer task failed", e);
                    }
                }
            } while (n == due.length);
        }
        try {
            wheel.newTimeout(sweep, WAIT_SWEEP.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IllegalStateException stopped) {
            // close() stopped the wheel: pending waits are dropped, like the wheel's own tasks
        }
    }

    /** The task on the wheel and its handle in one object (one allocation per timer besides the wheel's own). */
    private static final class WheelTask implements TimerTask, Timeout {
        private final Runnable task;
        private volatile io.netty.util.Timeout timeout;

        WheelTask(Runnable task) {
            this.task = task;
        }

        @Override
        public void run(io.netty.util.Timeout ignored) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("timer task failed", e);
            }
        }

        @Override
        public boolean cancel() {
            return timeout.cancel();
        }

        @Override
        public boolean isCancelled() {
            return timeout.isCancelled();
        }
    }

    /** Stops the wheel thread; pending tasks are dropped. */
    @Override
    public void close() {
        wheel.stop();
    }
}
