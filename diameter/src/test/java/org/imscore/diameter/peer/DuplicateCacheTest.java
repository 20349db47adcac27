package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.imscore.diameter.peer.IdentifiersTest.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * The duplicate cache's layout (slots, index, answer ring) at its edges: the ring wrapping and overwriting, answers
 * across arrays, entries leaving by window, capacity and room, many Origin-Hosts sharing End-to-End ids.
 * {@link DuplicateCacheModelTest} compares it with a plain map over a long random run.
 */
class DuplicateCacheTest {

    private static final Duration WINDOW = Duration.ofMinutes(4);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static DuplicateCache.Key key(String host, int endToEndId) {
        return new DuplicateCache.Key(host, endToEndId);
    }

    /** An answer of {@code length} octets that tells which request it answers. */
    private static byte[] answer(int seed, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }

    private static byte[] storedAnswer(DuplicateCache cache, DuplicateCache.Key key) {
        CompletableFuture<byte[]> earlier = cache.register(key);
        assertThat(earlier).as("a duplicate of %s", key).isNotNull().isDone();
        return earlier.join();
    }

    @Test
    void answersStayIntactWhileTheRingWrapsAroundManyTimes() {
        // 4 arrays of 64 octets: a ring of 256, records of 8 + 40 octets, so a record straddles arrays every few.
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 1000, 64, 4);
        for (int i = 0; i < 200; i++) {
            DuplicateCache.Key k = key("hss.ims.test", i);
            assertThat(cache.register(k)).isNull();
            cache.answered(k, answer(i, 37));
            // The 5 latest fit (5 * 48 = 240); the one before was overwritten to make room for the latest.
            for (int back = 0; back < Math.min(5, i + 1); back++) {
                assertThat(storedAnswer(cache, key("hss.ims.test", i - back))).isEqualTo(answer(i - back, 37));
            }
            assertThat(cache.size()).isEqualTo(Math.min(5, i + 1));
        }
        assertThat(cache.register(key("hss.ims.test", 194))).as("overwritten, so new again").isNull();
        cache.answered(key("hss.ims.test", 194), new byte[0]);
        assertThat(storedAnswer(cache, key("hss.ims.test", 194))).isEmpty();
        assertThat(storedAnswer(cache, key("hss.ims.test", 195))).as("8 more octets fit").isEqualTo(answer(195, 37));
    }

    @Test
    void aLightlyLoadedCacheHoldsArraysForItsLiveAnswersOnly() {
        // A ring of 64 arrays of 64 octets; ~10 answers of 48 octets live at a time, while the head goes round
        // the ring a hundred times.
        DuplicateCache cache = new DuplicateCache(clock, Duration.ofSeconds(1), 1000, 64, 64);
        int most = 0;
        for (int i = 0; i < 10_000; i++) {
            clock.advance(Duration.ofMillis(100));
            if (i % 10 == 0) {
                cache.expire();
            }
            cache.register(key("a.ims.test", i));
            cache.answered(key("a.ims.test", i), answer(i, 40));
            most = Math.max(most, cache.answerChunks());
        }
        assertThat(cache.size()).isEqualTo(11);
        assertThat(most).as("arrays held at most").isLessThanOrEqualTo(11);
        assertThat(storedAnswer(cache, key("a.ims.test", 9_990))).isEqualTo(answer(9_990, 40));

        clock.advance(Duration.ofMillis(500));
        cache.expire();
        assertThat(cache.size()).isEqualTo(6);
        assertThat(cache.answerChunks()).as("the sweep hands back what expired answers held").isLessThanOrEqualTo(7);

        clock.advance(Duration.ofSeconds(2));
        cache.expire();
        assertThat(cache.answerChunks()).isZero();
    }

    @Test
    void unansweredEntriesOutliveTheOverwrittenAnswersOfYoungerOnes() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 1000, 64, 2);
        DuplicateCache.Key slow = key("hss.ims.test", 1);
        cache.register(slow);
        for (int i = 2; i < 50; i++) {
            cache.register(key("hss.ims.test", i));
            cache.answered(key("hss.ims.test", i), answer(i, 50)); // one record fills half the ring
        }
        // The ring evicts by answer, not by arrival: the first request, still being processed, is there.
        CompletableFuture<byte[]> duplicate = cache.register(slow);
        assertThat(duplicate).isNotNull().isNotDone();
        assertThat(cache.size()).isEqualTo(3);
        cache.answered(slow, answer(1, 3));
        assertThat(duplicate).isDone();
        assertThat(duplicate.join()).isEqualTo(answer(1, 3));
        assertThat(storedAnswer(cache, slow)).isEqualTo(answer(1, 3));
        assertThat(storedAnswer(cache, key("hss.ims.test", 49))).isEqualTo(answer(49, 50));
        assertThat(cache.register(key("hss.ims.test", 48))).isNull(); // overwritten by the first's answer
    }

    @Test
    void entriesLeaveOneMillisecondAfterTheWindowInTheOrderTheyCame() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 1000);
        cache.register(key("a.ims.test", 1));
        clock.advance(Duration.ofSeconds(10));
        cache.register(key("a.ims.test", 2));
        cache.answered(key("a.ims.test", 2), answer(2, 300));
        cache.answered(key("a.ims.test", 1), answer(1, 300)); // answered later, still the older entry

        clock.advance(WINDOW.minusSeconds(10));
        cache.expire();
        assertThat(cache.size()).as("exactly the window old: kept").isEqualTo(2);
        clock.advance(Duration.ofMillis(1));
        cache.expire();
        assertThat(cache.size()).isEqualTo(1);
        assertThat(storedAnswer(cache, key("a.ims.test", 2))).isEqualTo(answer(2, 300));
        assertThat(cache.register(key("a.ims.test", 1))).isNull();
    }

    @Test
    void atCapacityTheOldestEntryLeavesForANewOne() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 3);
        for (int i = 1; i <= 3; i++) {
            cache.register(key("a.ims.test", i));
            cache.answered(key("a.ims.test", i), answer(i, 10));
        }
        assertThat(cache.size()).isEqualTo(3);

        assertThat(cache.register(key("a.ims.test", 4))).isNull();

        assertThat(cache.size()).isEqualTo(3);
        assertThat(storedAnswer(cache, key("a.ims.test", 2))).isEqualTo(answer(2, 10));
        assertThat(storedAnswer(cache, key("a.ims.test", 3))).isEqualTo(answer(3, 10));
        assertThat(cache.register(key("a.ims.test", 4))).isNotNull().isNotDone();
        assertThat(cache.register(key("a.ims.test", 1))).as("pushed out, so new again").isNull();
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void duplicatesBeforeTheAnswerShareOneFutureThenGetTheStoredBytes() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 1000);
        DuplicateCache.Key k = key("icscf.ims.test", 77);
        cache.register(k);
        CompletableFuture<byte[]> first = cache.register(k);
        CompletableFuture<byte[]> second = cache.register(k);
        assertThat(first).isNotDone().isSameAs(second);

        cache.answered(k, answer(77, 420));

        assertThat(first).isDone();
        assertThat(first.join()).isEqualTo(answer(77, 420));
        assertThat(storedAnswer(cache, k)).isEqualTo(answer(77, 420));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void anAnswerOfAnExpiredRequestIsNotKept() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 1000);
        cache.register(key("a.ims.test", 1));
        clock.advance(WINDOW.plusMillis(1));
        cache.expire();

        cache.answered(key("a.ims.test", 1), answer(1, 100));

        assertThat(cache.size()).isZero();
        assertThat(cache.register(key("a.ims.test", 1))).isNull();
    }

    @Test
    void anAnswerLargerThanAnArrayStraddlesSeveral() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 1000, 64, 16);
        cache.register(key("a.ims.test", 1));
        cache.answered(key("a.ims.test", 1), answer(1, 5)); // so the big one starts mid-array
        cache.register(key("a.ims.test", 2));
        cache.answered(key("a.ims.test", 2), answer(2, 700));
        cache.register(key("a.ims.test", 3));
        cache.answered(key("a.ims.test", 3), answer(3, 300)); // wraps round to the first array

        assertThat(storedAnswer(cache, key("a.ims.test", 2))).isEqualTo(answer(2, 700));
        assertThat(storedAnswer(cache, key("a.ims.test", 3))).isEqualTo(answer(3, 300));
        assertThat(cache.register(key("a.ims.test", 1))).as("overwritten by the third").isNull();
    }

    @Test
    void anAnswerLargerThanTheRingIsNotKeptButStillReachesAnEarlyDuplicate() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 1000, 64, 4);
        cache.register(key("a.ims.test", 1));
        cache.answered(key("a.ims.test", 1), answer(1, 100));
        DuplicateCache.Key big = key("a.ims.test", 2);
        cache.register(big);
        CompletableFuture<byte[]> early = cache.register(big);

        cache.answered(big, answer(2, 249)); // 8 + 256 octets > 256

        assertThat(early).isDone();
        assertThat(early.join()).isEqualTo(answer(2, 249));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(storedAnswer(cache, key("a.ims.test", 1))).as("nothing made room in vain").isEqualTo(answer(1, 100));
        assertThat(cache.register(big)).isNull();
    }

    @Test
    void anAnswerStoredTwiceKeepsTheLatest() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 1000, 64, 2);
        DuplicateCache.Key k = key("a.ims.test", 1);
        cache.register(k);
        cache.answered(k, answer(1, 40));
        cache.answered(k, answer(2, 40)); // the first record is the oldest in the ring; overwriting it keeps the entry
        cache.answered(k, answer(3, 40));

        assertThat(storedAnswer(cache, k)).isEqualTo(answer(3, 40));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void manyOriginHostsAreTrackedAndForgottenWithTheirEntries() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 100_000);
        for (int h = 0; h < 5_000; h++) {
            for (int id = 0; id < 3; id++) {
                DuplicateCache.Key k = key("client" + h + ".ims.test", id);
                assertThat(cache.register(k)).isNull();
                cache.answered(k, answer(h * 3 + id, 20 + h % 50));
            }
        }
        assertThat(cache.size()).isEqualTo(15_000);
        assertThat(cache.originHosts()).isEqualTo(5_000);
        for (int h = 0; h < 5_000; h += 7) {
            for (int id = 0; id < 3; id++) {
                assertThat(storedAnswer(cache, key("client" + h + ".ims.test", id)))
                        .isEqualTo(answer(h * 3 + id, 20 + h % 50));
            }
        }
        assertThat(cache.register(key("client0.ims.test", 3))).isNull();
        assertThat(cache.register(key("CLIENT0.ims.test", 0))).as("Origin-Host compared as sent").isNull();

        clock.advance(WINDOW.plusMillis(1));
        cache.expire();

        assertThat(cache.size()).isZero();
        assertThat(cache.originHosts()).isZero();
        assertThat(cache.answerChunks()).as("an empty cache lets its arrays go").isZero();
        DuplicateCache.Key again = key("client1.ims.test", 1);
        assertThat(cache.register(again)).isNull();
        cache.answered(again, answer(9, 9));
        assertThat(storedAnswer(cache, again)).isEqualTo(answer(9, 9));
    }

    @Test
    void theSameEndToEndIdFromDifferentHostsIsDifferentRequests() {
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 2000);
        List<DuplicateCache.Key> keys = new ArrayList<>();
        for (int h = 0; h < 300; h++) {
            // Ids that differ in the high bits too, where a host id could be confused with them.
            for (int id : new int[] {0, 1, -1, 0x8000_0000, h + 2}) {
                DuplicateCache.Key k = key("peer" + h + ".ims.test", id);
                keys.add(k);
                assertThat(cache.register(k)).as("%s", k).isNull();
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            if (i % 3 != 0) {
                cache.answered(keys.get(i), answer(i, 30));
            }
        }
        assertThat(cache.size()).isEqualTo(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            CompletableFuture<byte[]> earlier = cache.register(keys.get(i));
            if (i % 3 != 0) {
                assertThat(earlier).as("%s", keys.get(i)).isDone();
                assertThat(earlier.join()).as("%s", keys.get(i)).isEqualTo(answer(i, 30));
            } else {
                assertThat(earlier).as("%s", keys.get(i)).isNotDone();
            }
        }
    }

    @Test
    void threadsRegisteringAndAnsweringAtOnceEachGetTheirOwnAnswers() throws Exception {
        // Small enough that entries leave all the time, for capacity and for room, while the others work.
        DuplicateCache cache = new DuplicateCache(clock, WINDOW, 2_000, 4096, 16);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> peers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String host = "peer" + t + ".ims.test";
                int seed = t * 1_000_000;
                SplittableRandom random = new SplittableRandom(t);
                peers.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        assertThat(cache.register(key(host, i))).isNull();
                        cache.answered(key(host, i), answer(seed + i, i % 300));
                        int earlier = Math.max(0, i - random.nextInt(100));
                        CompletableFuture<byte[]> duplicate = cache.register(key(host, earlier));
                        if (duplicate == null) {
                            cache.answered(key(host, earlier), answer(seed + earlier, earlier % 300)); // it left
                        } else {
                            assertThat(duplicate).isDone();
                            assertThat(duplicate.join()).isEqualTo(answer(seed + earlier, earlier % 300));
                        }
                    }
                }));
            }
            for (Future<?> peer : peers) {
                peer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isBetween(1, 2_000);
    }
}
