package org.imscore.sip.transaction;

/**
 * The waits of one delay ({@link TimerService#scheduleWait}), first in first out: since every wait added later falls
 * due later, the oldest is the next due, and a wait costs two array slots instead of a timer object. A ring of tasks
 * beside a ring of deadlines, grown by doubling. Thread-safe: added to by the event loops, drained by the timer's
 * thread.
 */
final class WaitQueue {

    private static final int MIN_CAPACITY = 64;

    final long delayNanos;
    private Runnable[] tasks = new Runnable[MIN_CAPACITY];
    private long[] deadlines = new long[MIN_CAPACITY];
    /** Index of the oldest wait. */
    private int head;
    private int size;

    WaitQueue(long delayNanos) {
        this.delayNanos = delayNanos;
    }

    /** Adds a wait made at {@code nowNanos}; the clock must not go back between calls (System.nanoTime). */
    synchronized void add(Runnable task, long nowNanos) {
        if (size == tasks.length) {
            resize(tasks.length * 2);
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
        if (n > 0 && tasks.length > MIN_CAPACITY && size < tasks.length / 4) {
            resize(tasks.length / 2);
        }
        return n;
    }

    synchronized int size() {
        return size;
    }

    /** The rings' length (tests). */
    synchronized int capacity() {
        return tasks.length;
    }

    /** Moves the waits, oldest first, to rings of {@code capacity} slots (a power of two, at least the size). */
    private void resize(int capacity) {
        Runnable[] t = new Runnable[capacity];
        long[] d = new long[capacity];
        int mask = tasks.length - 1;
        for (int i = 0; i < size; i++) {
            int from = (head + i) & mask;
            t[i] = tasks[from];
            d[i] = deadlines[from];
        }
        tasks = t;
        deadlines = d;
        head = 0;
    }
}
