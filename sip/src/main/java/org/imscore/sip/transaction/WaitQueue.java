package org.imscore.sip.transaction;

import java.util.Arrays;

/**
 * The waits of one delay ({@link TimerService#scheduleWait}), first in first out: since every wait added later falls
 * due later, the oldest is the next due, and a wait costs two array slots instead of a timer object. A ring of tasks
 * beside a ring of deadlines, grown by doubling. Thread-safe: added to by the event loops, drained by the timer's
 * thread.
 */
final class WaitQueue {

    final long delayNanos;
    private Runnable[] tasks = new Runnable[64];
    private long[] deadlines = new long[64];
    /** Index of the oldest wait. */
    private int head;
    private int size;

    WaitQueue(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    /** Adds a wait made at {@code nowNanos}; the clock must not go back between calls (System.nanoTime). */
    synchronized void add(Runnable task, long nowNanos) {
        if (size == tasks.length) {
            grow();
        }
        int tail = (head + size) & (tasks.length - 1);
        tasks[tail] = task;
        deadlines[tail] = nowNanos + delayNanos;
        size++;
    }

    /**
     * Takes out the waits due at {@code nowNanos}, oldest first, at most {@code into.length}; returns how many.
     * The caller runs them outside this lock (a task may add a wait).
     */
    synchronized int takeDue(long nowNanos, Runnable[] into) {
        int n = 0;
        int mask = tasks.length - 1;
        while (n < into.length && size > 0 && deadlines[head] - nowNanos <= 0) {
            into[n++] = tasks[head];
            tasks[head] = null;
            head = (head + 1) & mask;
            size--;
        }
        return n;
    }

    synchronized int size() {
        return size;
    }

    private void grow() {
        int capacity = tasks.length;
        Runnable[] t = new Runnable[capacity * 2];
        long[] d = new long[capacity * 2];
        int first = capacity - head; // from head to the array's end, then the wrapped part
        System.arraycopy(tasks, head, t, 0, first);
        System.arraycopy(tasks, 0, t, first, head);
        System.arraycopy(deadlines, head, d, 0, first);
        System.arraycopy(deadlines, 0, d, first, head);
        Arrays.fill(tasks, null);
        tasks = t;
        deadlines = d;
        head = 0;
    }
}
