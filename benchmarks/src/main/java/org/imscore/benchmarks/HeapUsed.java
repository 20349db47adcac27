package org.imscore.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The live heap as the footprint tools read it. */
public final class HeapUsed {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapUsed() {
    }

    /**
     * Used heap after full collections: the lowest of five readings, each after {@code System.gc()} and a pause, so
     * that garbage a concurrent collector had not yet freed does not count.
     */
    public static long afterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
