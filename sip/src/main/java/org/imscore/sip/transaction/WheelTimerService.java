package org.imscore.sip.transaction;

import io.netty.util.HashedWheelTimer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TimerService} on Netty's hashed timer wheel: one thread, O(1) scheduling and cancelling, a resolution
 * of one tick (10 ms here, well under T1). Tasks run on the wheel's thread and must not block.
 */
public final class WheelTimerService implements TimerService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WheelTimerService.class);

    private final HashedWheelTimer wheel;

    public WheelTimerService() {
        this(Duration.ofMillis(10), 512);
    }

    public WheelTimerService(Duration tick, int ticksPerWheel) {
        this.wheel = new HashedWheelTimer(new DefaultThreadFactory("sip-timers", true), tick.toNanos(),
                TimeUnit.NANOSECONDS, ticksPerWheel);
    }

    @Override
    public Timeout schedule(Duration delay, Runnable task) {
        WheelTask t = new WheelTask(task);
        t.timeout = wheel.newTimeout(t, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return t;
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
