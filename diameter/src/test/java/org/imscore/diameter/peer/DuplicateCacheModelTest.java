package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import org.imscore.diameter.peer.IdentifiersTest.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * The duplicate cache against a model written the plain way, over 100,000 random operations with a fixed seed: a
 * {@link LinkedHashMap} in arrival order for the entries, and a queue of the answers in the order they were stored
 * for the room in the ring. Small limits, so that entries leave by each way: window, capacity, room, and answers
 * too large to keep.
 */
class DuplicateCacheModelTest {

    private static final long WINDOW_MILLIS = 1_000;
    private static final int CAPACITY = 200;
    private static final int CHUNK_OCTETS = 256;
    private static final int CHUNKS = 64;
    private static final long RING_OCTETS = (long) CHUNK_OCTETS * CHUNKS;
    private static final String[] PEERS = {"scscf1.ims.test", "scscf2.ims.test", "icscf.ims.test", "as.ims.test"};

    /** What the cache should hold, and how many entries left by each way. */
    private static final class Model {

        static final class Entry {
            final long receivedMillis;
            byte[] answer;
            long record = -1;
            final List<CompletableFuture<byte[]>> waiting = new ArrayList<>();

            Entry(long receivedMillis) {
                this.receivedMillis = receivedMillis;
            }
        }

        /** An answer in the ring: which entry's, and its record size (8 octets of header, padded to 8). */
        record Stored(DuplicateCache.Key key, long record, long octets) {
        }

        final Map<DuplicateCache.Key, Entry> entries = new LinkedHashMap<>();
        final ArrayDeque<Stored> ring = new ArrayDeque<>();
        long ringUsed;
        long records;
        int byWindow;
        int byCapacity;
        int byRoom;
        int tooLarge;

        /** Null for a fresh request, else the earlier request's entry. */
        Entry register(DuplicateCache.Key key, long now) {
            expire(now);
            Entry earlier = entries.get(key);
            if (earlier != null) {
                return earlier;
            }
            if (entries.size() == CAPACITY) {
                Iterator<Entry> eldest = entries.values().iterator();
                eldest.next();
                eldest.remove();
                byCapacity++;
            }
            entries.put(key, new Entry(now));
            return null;
        }

        /** The entry the answer was for, or null if there is none. */
        Entry answered(DuplicateCache.Key key, byte[] answer) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            entry.answer = null;
            entry.record = -1;
            long octets = 8 + (answer.length + 7) / 8 * 8;
            if (octets > RING_OCTETS) {
                entries.remove(key);
                tooLarge++;
                return entry;
            }
            while (ringUsed + octets > RING_OCTETS) {
                Stored oldest = ring.removeFirst();
                ringUsed -= oldest.octets();
                Entry owner = entries.get(oldest.key());
                if (owner != null && owner.record == oldest.record()) {
                    entries.remove(oldest.key());
                    byRoom++;
                }
            }
            entry.answer = answer;
            entry.record = ++records;
            ring.addLast(new Stored(key, entry.record, octets));
            ringUsed += octets;
            return entry;
        }

        void expire(long now) {
            Iterator<Entry> it = entries.values().iterator();
            while (it.hasNext() && it.next().receivedMillis + WINDOW_MILLIS < now) {
                it.remove();
                byWindow++;
            }
        }

        /** The periodic sweep: an empty cache starts its ring afresh. */
        void sweep(long now) {
            expire(now);
            if (entries.isEmpty()) {
                ring.clear();
                ringUsed = 0;
            }
        }

        Set<String> hosts() {
            Set<String> hosts = new HashSet<>();
            entries.keySet().forEach(k -> hosts.add(k.originHost()));
            return hosts;
        }
    }

    private enum Phase { BURST, QUIET, LARGE_ANSWERS }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SplittableRandom random = new SplittableRandom(20_260_101L);
    private final DuplicateCache cache = new DuplicateCache(clock, Duration.ofMillis(WINDOW_MILLIS), CAPACITY,
            CHUNK_OCTETS, CHUNKS);
    private final Model model = new Model();
    /** Requests registered fresh and not answered yet, as the node would answer them. */
    private final List<DuplicateCache.Key> processing = new ArrayList<>();

    @Test
    void behavesLikeTheModelOverALongRandomRun() {
        for (int op = 0; op < 100_000; op++) {
            // Phases of 5,000 operations: a burst (the capacity binds), a quiet spell (the window binds), large
            // answers (the ring's room binds).
            Phase phase = Phase.values()[op / 5_000 % Phase.values().length];
            int dice = random.nextInt(100);
            if (dice < 40) {
                register(randomKey());
            } else if (dice < 80) {
                answer(phase);
            } else if (dice < 95) {
                clock.advance(Duration.ofMillis(random.nextInt(phase == Phase.QUIET ? 60 : 5)));
            } else {
                cache.expire();
                model.sweep(clock.millis());
            }
            assertThat(cache.size()).as("size after operation %d", op).isEqualTo(model.entries.size());
            if (op % 500 == 0) {
                compareEveryEntry(op);
            }
        }
        // Every way out taken often enough to matter.
        String ways = "left by window %d, by capacity %d, for room %d, too large %d".formatted(model.byWindow,
                model.byCapacity, model.byRoom, model.tooLarge);
        assertThat(model.byWindow).as(ways).isGreaterThan(1_000);
        assertThat(model.byCapacity).as(ways).isGreaterThan(1_000);
        assertThat(model.byRoom).as(ways).isGreaterThan(1_000);
        assertThat(model.tooLarge).as(ways).isGreaterThan(100);
    }

    private DuplicateCache.Key randomKey() {
        int dice = random.nextInt(100);
        if (dice < 85) {
            return new DuplicateCache.Key(PEERS[random.nextInt(PEERS.length)], random.nextInt(400));
        }
        // A client behind a relay; fresh strings, equal to earlier ones, as decoded from the wire.
        String host = new StringBuilder("client").append(random.nextInt(300)).append(".ims.test").toString();
        return new DuplicateCache.Key(host, dice < 95 ? random.nextInt(400) : random.nextInt());
    }

    private void register(DuplicateCache.Key key) {
        CompletableFuture<byte[]> actual = cache.register(key);
        Model.Entry expected = model.register(key, clock.millis());
        if (expected == null) {
            assertThat(actual).as("fresh %s", key).isNull();
            processing.add(key);
        } else if (expected.answer != null) {
            assertThat(actual).as("answered %s", key).isDone();
            assertThat(actual.join()).as("answered %s", key).isEqualTo(expected.answer);
        } else {
            assertThat(actual).as("processing %s", key).isNotNull().isNotDone();
            if (!expected.waiting.isEmpty()) {
                assertThat(actual).isSameAs(expected.waiting.getFirst());
            }
            expected.waiting.add(actual);
        }
    }

    private void answer(Phase phase) {
        DuplicateCache.Key key;
        if (!processing.isEmpty() && random.nextInt(10) > 0) {
            // One of the latest: the handler answers in about the order it was asked.
            int i = processing.size() - 1 - random.nextInt(Math.min(processing.size(), 20));
            key = processing.get(i);
            processing.set(i, processing.getLast());
            processing.removeLast();
        } else {
            key = randomKey(); // answered twice, or after its entry left, or never registered
        }
        byte[] answer = new byte[answerLength(phase)];
        random.nextBytes(answer);
        cache.answered(key, answer);
        Model.Entry entry = model.answered(key, answer);
        if (entry != null) {
            for (CompletableFuture<byte[]> early : entry.waiting) {
                assertThat(early).as("early duplicate of %s", key).isDone();
                assertThat(early.join()).as("early duplicate of %s", key).isEqualTo(answer);
            }
            entry.waiting.clear();
        }
    }

    private int answerLength(Phase phase) {
        int dice = random.nextInt(1000);
        if (dice < (phase == Phase.LARGE_ANSWERS ? 100 : 900)) {
            return random.nextInt(40);
        }
        if (dice < 990) {
            return 40 + random.nextInt(600);
        }
        return 15_000 + random.nextInt(3_000); // some larger than the whole ring (16,384 octets)
    }

    private void compareEveryEntry(int op) {
        model.expire(clock.millis());
        for (Map.Entry<DuplicateCache.Key, Model.Entry> e : model.entries.entrySet()) {
            CompletableFuture<byte[]> actual = cache.register(e.getKey());
            assertThat(actual).as("%s at operation %d", e.getKey(), op).isNotNull();
            if (e.getValue().answer != null) {
                assertThat(actual).isDone();
                assertThat(actual.join()).isEqualTo(e.getValue().answer);
            } else {
                assertThat(actual).isNotDone();
                e.getValue().waiting.add(actual);
            }
        }
        assertThat(cache.size()).isEqualTo(model.entries.size());
        assertThat(cache.originHosts()).as("hosts at operation %d", op).isEqualTo(model.hosts().size());
    }
}
