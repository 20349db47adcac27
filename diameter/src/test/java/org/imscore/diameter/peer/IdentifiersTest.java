package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

/** End-to-End ids (RFC 6733 3) and the duplicate cache, with an injected clock. */
class IdentifiersTest {

    /** A clock a test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void endToEndIdsStartFromTheClockAndIncrement() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0xABC_5678L), ZoneOffset.UTC);
        EndToEndIds ids = new EndToEndIds(clock, RandomGenerator.of("L64X128MixRandom"));
        int first = ids.next();
        assertThat(first >>> 20).isEqualTo(0x678); // low 12 bits of the time in the high 12 bits
        assertThat(ids.next()).isEqualTo(first + 1);
    }

    @Test
    void duplicatesAreRecognisedWithinTheWindowOnly() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        DuplicateCache cache = new DuplicateCache(clock, Duration.ofMinutes(4), 1000);
        DuplicateCache.Key key = new DuplicateCache.Key("scscf.ims.test", 42);
        assertThat(cache.register(key)).isNull();
        CompletableFuture<byte[]> duplicate = cache.register(key);
        assertThat(duplicate).isNotNull().isNotDone();
        assertThat(cache.register(new DuplicateCache.Key("other.ims.test", 42))).isNull();
        clock.advance(Duration.ofMinutes(5));
        assertThat(cache.register(new DuplicateCache.Key("x", 1))).isNull();
        assertThat(cache.register(key)).isNull(); // expired, a new request
    }

    @Test
    void aDuplicateGetsTheStoredAnswerBytesAlsoWhenItCameBeforeThem() {
        DuplicateCache cache = new DuplicateCache(Clock.systemUTC(), Duration.ofMinutes(4), 1000);
        DuplicateCache.Key key = new DuplicateCache.Key("scscf.ims.test", 7);
        byte[] answer = {1, 2, 3};
        cache.register(key);
        CompletableFuture<byte[]> early = cache.register(key);

        cache.answered(key, answer);

        assertThat(early).isCompletedWithValue(answer);
        CompletableFuture<byte[]> late = cache.register(key);
        assertThat(late).isDone();
        assertThat(late.join()).isEqualTo(answer); // a copy: the cache keeps the octets, not the array
    }

    @Test
    void theSweepExpiresEntriesWithoutANewRequest() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        DuplicateCache cache = new DuplicateCache(clock, Duration.ofMinutes(4), 1000);
        for (int i = 0; i < 10; i++) {
            cache.register(new DuplicateCache.Key("h", i));
            cache.answered(new DuplicateCache.Key("h", i), new byte[300]);
        }
        clock.advance(Duration.ofMinutes(3));
        cache.register(new DuplicateCache.Key("h", 99));
        clock.advance(Duration.ofMinutes(2));

        cache.expire();

        assertThat(cache.size()).isEqualTo(1); // the younger one stays until its own window ends
    }

    @Test
    void capacityBoundsTheCache() {
        DuplicateCache cache = new DuplicateCache(Clock.systemUTC(), Duration.ofMinutes(4), 10);
        for (int i = 0; i < 100; i++) {
            cache.register(new DuplicateCache.Key("h", i));
        }
        assertThat(cache.size()).isEqualTo(10);
    }
}
