package org.imscore.diameter.peer;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * End-to-End Identifiers as RFC 6733 section 3 suggests: the high 12 bits start as the low 12 bits
 * of the current time (seconds), the low 20 bits random, then the value increments, so ids stay unique
 * across restarts for far longer than the 4 minutes the RFC asks.
 */
final class EndToEndIds {

    private final AtomicInteger next;

    EndToEndIds(Clock clock, RandomGenerator random) {
        int high = (int) (clock.instant().getEpochSecond() & 0xFFF) << 20;
        next = new AtomicInteger(high | (random.nextInt() & 0xFFFFF));
    }

    int next() {
        return next.getAndIncrement();
    }
}
