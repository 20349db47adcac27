package org.imscore.sip.transaction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link TimerService} on a simulated clock: nothing runs until {@link #advance(Duration)} moves the clock,
 * which then runs every due task in deadline order (tasks scheduled while advancing run too if they fall due).
 * Deterministic, so timer behaviour is tested without sleeping. Thread-safe, though tests normally drive it from
 * one thread.
 */
public final class ManualTimerService implements TimerService {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;

    private final class Task implements Timeout, Comparable<Task> {
        final long deadline;
        final long order;
        final Runnable runnable;
        boolean cancelled;
        boolean done;

        Task(long deadline, long order, Runnable runnable) {
            this.deadline = deadline;
            this.order = order;
            this.runnable = runnable;
        }

        @Override
        public boolean cancel() {
            synchronized (ManualTimerService.this) {
                if (cancelled || done) {
                    return false;
                }
                cancelled = true;
                queue.remove(this);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ManualTimerService.this) {
                return cancelled;
            }
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    @Override
    public synchronized Timeout schedule(Duration delay, Runnable task) {
        long d = Math.max(0, delay.toNanos());
        Task t = new Task(nowNanos + d, sequence++, task);
        queue.add(t);
        return t;
    }

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    /** The simulated time elapsed since creation. */
    public synchronized Duration now() {
        return Duration.ofNanos(nowNanos);
    }

    /** Moves the clock forward by {@code delta}, running every task that falls due, in order. */
    public void advance(Duration delta) {
        long target;
        synchronized (this) {
            target = nowNanos + delta.toNanos();
        }
        advanceTo(target);
    }

    /** Runs tasks due now (a zero delay) without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    private void advanceTo(long target) {
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.deadline > target) {
                    nowNanos = target;
                    return;
                }
                queue.poll();
                nowNanos = next.deadline;
                next.done = true;
            }
            next.runnable.run();
        }
    }

    /** How many tasks are scheduled and not cancelled. */
    public synchronized int pending() {
        return queue.size();
    }

    /** The delays from now of the pending tasks, soonest first (for assertions). */
    public synchronized List<Duration> pendingDelays() {
        List<Task> tasks = new ArrayList<>(queue);
        tasks.sort(null);
        List<Duration> out = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            out.add(Duration.ofNanos(t.deadline - nowNanos));
        }
        return out;
    }
}
