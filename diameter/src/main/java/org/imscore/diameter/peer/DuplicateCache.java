package org.imscore.diameter.peer;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Recently received requests by (Origin-Host, End-to-End id) with their answers, for duplicate detection (RFC 6733
 * section 6.2 / 5.5.4: a request retransmitted after failover, flagged T, must not be processed twice; its stored
 * answer is sent again). Entries leave in the order they came: past the window (on a periodic {@link #expire()
 * sweep} and when a request comes), and the oldest when a new request finds the cache at its capacity.
 *
 * <p>What is kept is small, because under load the window holds every request of the last minutes: a request
 * being processed is its key and receipt time only; an answered one adds the answer's encoded bytes (a few hundred
 * octets, against a few KiB for the decoded message). A duplicate of a request still being processed gets a future
 * that completes with the bytes once they are stored.
 *
 * <p>And it is kept without an object per entry, which the collector would copy or mark again and again for the
 * minutes the entry lives:
 * <ul>
 *   <li>an entry is a slot in parallel arrays of primitives: its key packed in a long (the Origin-Host as a small
 *       {@link OriginHosts id}, and the End-to-End id), its receipt time, where its answer is, and links to the
 *       next older and younger entries (the order in which they leave);</li>
 *   <li>the index from key to slot is an open-addressing table of ints (linear probing, deletion by shifting the
 *       following run back, so no tombstones);</li>
 *   <li>the answers are records back to back in an {@link AnswerRing} of large arrays, whose size is the budget
 *       in octets for answers. When an answer does not fit in the room left, the answers stored longest ago are
 *       overwritten and their entries leave early (a duplicate of one of them is then processed as a new
 *       request); an answer larger than the whole ring is not kept, and its entry leaves. The ring holds arrays
 *       only for the stretch from its oldest live answer to its newest, so a lightly loaded cache holds few; all
 *       go when a sweep finds the cache empty.</li>
 * </ul>
 * A duplicate that comes before the answer is rare: its future waits in a small map by slot.
 *
 * <p>Thread-safe: every method is synchronised (requests are registered on an event loop, answers stored from the
 * handler's threads); a waiting future is completed outside the lock.
 */
final class DuplicateCache {

    record Key(String originHost, int endToEndId) {
    }

    /**
     * Octets per array of the ring: a little under 1 MiB, so that with its header an array fits one G1 region of
     * 1 MiB (the smallest size, where it is humongous: allocated straight in the old generation) instead of
     * spilling into a second; with larger regions it is an ordinary array, copied until promoted, once.
     */
    static final int CHUNK_OCTETS = (1 << 20) - 64;
    /** Arrays in the ring by default: ~64 MiB, room for 100,000 answers of up to ~660 octets. */
    static final int DEFAULT_CHUNKS = 64;

    private static final int NONE = -1;
    /** {@link #answerAt} of an entry without an answer yet. */
    private static final long NOT_ANSWERED = -1;
    /** {@link #answerAt} of a slot no entry uses. */
    private static final long FREE = -2;
    private static final int INITIAL_SLOTS = 256;

    private final Clock clock;
    private final long windowMillis;
    private final int capacity;
    private final AnswerRing answers;
    private final AnswerRing.Owners owners = new AnswerRing.Owners() {
        @Override
        public boolean holds(int slot, long position) {
            return slot < answerAt.length && answerAt[slot] == position;
        }

        @Override
        public void evict(int slot) {
            remove(slot);
        }
    };
    private final OriginHosts hosts = new OriginHosts();
    private final Map<Integer, CompletableFuture<byte[]>> waiting = new HashMap<>();

    // An entry per slot; the arrays grow up to the capacity.
    /** Origin-Host id in the high half, End-to-End id in the low half. */
    private long[] keys;
    private long[] receivedMillis;
    /** Position of the answer in the ring, or NOT_ANSWERED, or FREE. */
    private long[] answerAt;
    private int[] older;
    /** The next younger entry; for a free slot, the next free slot. */
    private int[] younger;
    /** Slot + 1 at the place of its key's hash, 0 for none; at least twice as long as the slot arrays. */
    private int[] index;
    private int slotsHandedOut;
    private int firstFree;
    private int oldest;
    private int youngest;
    private int size;

    /**
     * With an answer ring of {@link #DEFAULT_CHUNKS} arrays of {@link #CHUNK_OCTETS}: ~64 MiB, which 100,000
     * answers of the usual few hundred octets do not fill, so the capacity and the window decide; larger answers
     * make the oldest leave earlier.
     */
    DuplicateCache(Clock clock, Duration window, int capacity) {
        this(clock, window, capacity, CHUNK_OCTETS, DEFAULT_CHUNKS);
    }

    /**
     * @param capacity    most entries held
     * @param chunkOctets octets per array of the answer ring, a multiple of 8
     * @param chunkCount  arrays in the ring: the answers (with 8 to 15 octets each of header and padding) share
     *                    {@code chunkOctets * chunkCount} octets
     */
    DuplicateCache(Clock clock, Duration window, int capacity, int chunkOctets, int chunkCount) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
        this.answers = new AnswerRing(chunkOctets, chunkCount);
        emptySlots(Math.min(capacity, INITIAL_SLOTS));
    }

    /**
     * Registers a fresh request and returns null; for a duplicate, returns the encoded answer of the earlier
     * request (already there, as a copy of the stored octets, or to come).
     */
    synchronized CompletableFuture<byte[]> register(Key key) {
        long now = clock.millis();
        expire(now);
        int host = hosts.acquire(key.originHost());
        long packed = pack(host, key.endToEndId());
        int slot = find(packed);
        if (slot != NONE) {
            hosts.release(host);
            if (answerAt[slot] >= 0) {
                return CompletableFuture.completedFuture(answers.read(answerAt[slot]));
            }
            return waiting.computeIfAbsent(slot, s -> new CompletableFuture<>());
        }
        if (size == capacity) {
            remove(oldest);
        }
        slot = newSlot();
        keys[slot] = packed;
        receivedMillis[slot] = now;
        answerAt[slot] = NOT_ANSWERED;
        addToIndex(slot);
        older[slot] = youngest;
        younger[slot] = NONE;
        if (youngest == NONE) {
            oldest = slot;
        } else {
            younger[youngest] = slot;
        }
        youngest = slot;
        size++;
        return null;
    }

    /** Stores the encoded answer to the request of {@code key}; the bytes must not change afterwards. */
    void answered(Key key, byte[] encodedAnswer) {
        CompletableFuture<byte[]> early;
        synchronized (this) {
            int host = hosts.find(key.originHost());
            int slot = host == OriginHosts.UNKNOWN ? NONE : find(pack(host, key.endToEndId()));
            if (slot == NONE) {
                return; // expired (or pushed out) while it was being processed
            }
            early = waiting.isEmpty() ? null : waiting.remove(slot);
            // Answered twice: the earlier record is no longer this entry's, so making room never evicts it.
            answerAt[slot] = NOT_ANSWERED;
            if (answers.fits(encodedAnswer.length)) {
                answerAt[slot] = answers.append(encodedAnswer, slot, owners);
            } else {
                remove(slot);
            }
        }
        if (early != null) {
            early.complete(encodedAnswer);
        }
    }

    /**
     * Drops the entries past the window (the periodic sweep) and hands back the ring's arrays their answers held;
     * an empty cache lets all its arrays go.
     */
    synchronized void expire() {
        expire(clock.millis());
        answers.trim(owners);
        if (size == 0 && slotsHandedOut > 0) {
            answers.release();
            emptySlots(Math.min(capacity, INITIAL_SLOTS));
        }
    }

    synchronized int size() {
        return size;
    }

    /** Origin-Host names the entries use. */
    synchronized int originHosts() {
        return hosts.size();
    }

    /** Arrays the answer ring holds now. */
    synchronized int answerChunks() {
        return answers.allocatedChunks();
    }

    private void expire(long now) {
        while (oldest != NONE && receivedMillis[oldest] + windowMillis < now) {
            remove(oldest);
        }
    }

    private void remove(int slot) {
        removeFromIndex(slot);
        int o = older[slot];
        int y = younger[slot];
        if (o == NONE) {
            oldest = y;
        } else {
            younger[o] = y;
        }
        if (y == NONE) {
            youngest = o;
        } else {
            older[y] = o;
        }
        hosts.release((int) (keys[slot] >>> 32));
        if (!waiting.isEmpty()) {
            waiting.remove(slot); // a duplicate waiting for it goes unanswered: the answer will find no entry
        }
        answerAt[slot] = FREE;
        younger[slot] = firstFree;
        firstFree = slot;
        size--;
    }

    private static long pack(int host, int endToEndId) {
        return (long) host << 32 | (endToEndId & 0xFFFF_FFFFL);
    }

    // Slots

    private void emptySlots(int length) {
        keys = new long[length];
        receivedMillis = new long[length];
        answerAt = new long[length];
        older = new int[length];
        younger = new int[length];
        index = new int[indexLength(length)];
        slotsHandedOut = 0;
        firstFree = NONE;
        oldest = NONE;
        youngest = NONE;
    }

    /** A free slot; the cache is below its capacity. */
    private int newSlot() {
        if (firstFree != NONE) {
            int slot = firstFree;
            firstFree = younger[slot];
            return slot;
        }
        if (slotsHandedOut == keys.length) {
            growSlots((int) Math.min(capacity, 2L * keys.length));
        }
        return slotsHandedOut++;
    }

    private void growSlots(int length) {
        keys = Arrays.copyOf(keys, length);
        receivedMillis = Arrays.copyOf(receivedMillis, length);
        answerAt = Arrays.copyOf(answerAt, length);
        older = Arrays.copyOf(older, length);
        younger = Arrays.copyOf(younger, length);
        index = new int[indexLength(length)];
        for (int slot = oldest; slot != NONE; slot = younger[slot]) {
            addToIndex(slot);
        }
    }

    // Index: open addressing with linear probing, at most half full

    private static int indexLength(int slots) {
        return Math.max(2, Integer.highestOneBit(2 * slots - 1) << 1);
    }

    /** The place a key hashes to (MurmurHash3's 64-bit finaliser: host and id bits spread over the whole). */
    private int home(long key) {
        long h = key;
        h = (h ^ (h >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        h ^= h >>> 33;
        return (int) h & (index.length - 1);
    }

    private int find(long key) {
        int mask = index.length - 1;
        for (int i = home(key); ; i = (i + 1) & mask) {
            int slot = index[i] - 1;
            if (slot == NONE || keys[slot] == key) {
                return slot;
            }
        }
    }

    private void addToIndex(int slot) {
        int mask = index.length - 1;
        int i = home(keys[slot]);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = slot + 1;
    }

    /** Removes the slot and moves back each following key of the run that may sit in the hole (no tombstones). */
    private void removeFromIndex(int slot) {
        int mask = index.length - 1;
        int hole = home(keys[slot]);
        while (index[hole] != slot + 1) {
            hole = (hole + 1) & mask;
        }
        for (int i = (hole + 1) & mask; index[i] != 0; i = (i + 1) & mask) {
            int home = home(keys[index[i] - 1]);
            // The key at i may move to the hole unless its home lies after the hole (cyclically, up to i).
            if (((i - home) & mask) >= ((i - hole) & mask)) {
                index[hole] = index[i];
                hole = i;
            }
        }
        index[hole] = 0;
    }
}
