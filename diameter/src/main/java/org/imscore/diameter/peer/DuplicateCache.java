package org.imscore.diameter.peer;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Recently received requests by (Origin-Host, End-to-End id) with their answers, for duplicate detection (RFC 6733
 * section 6.2 / 5.5.4: a request retransmitted after failover, flagged T, must not be processed twice; its stored
 * answer is sent again). Entries expire after the window: on a periodic {@link #expire() sweep} and when a request
 * comes.
 *
 * <p>What is kept is small, because under load the window holds every request of the last minutes: a request
 * being processed is its key and receipt time only; an answered one adds the answer's encoded bytes (a few hundred
 * octets, against a few KiB for the decoded message). A duplicate of a request still being processed gets a future
 * that completes with the bytes once they are stored.
 *
 * <p>Thread-safe: every method is synchronised (requests are registered on an event loop, answers stored from the
 * handler's threads).
 */
final class DuplicateCache {

    record Key(String originHost, int endToEndId) {
    }

    private static final class Entry {
        final long receivedMillis;
        byte[] answer;
        /** Only for a duplicate that came before the answer: rare. */
        CompletableFuture<byte[]> waiting;

        Entry(long receivedMillis) {
            this.receivedMillis = receivedMillis;
        }
    }

    private final Clock clock;
    private final long windowMillis;
    private final int capacity;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    DuplicateCache(Clock clock, Duration window, int capacity) {
        this.clock = clock;
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
    }

    /**
     * Registers a fresh request and returns null; for a duplicate, returns the encoded answer of the earlier
     * request (already there, or to come).
     */
    synchronized CompletableFuture<byte[]> register(Key key) {
        long now = clock.millis();
        expire(now);
        Entry existing = entries.get(key);
        if (existing != null) {
            if (existing.answer != null) {
                return CompletableFuture.completedFuture(existing.answer);
            }
            if (existing.waiting == null) {
                existing.waiting = new CompletableFuture<>();
            }
            return existing.waiting;
        }
        entries.put(key, new Entry(now));
        return null;
    }

    /** Stores the encoded answer to the request of {@code key}; the bytes must not change afterwards. */
    void answered(Key key, byte[] encodedAnswer) {
        CompletableFuture<byte[]> waiting;
        synchronized (this) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return; // expired (or pushed out) while it was being processed
            }
            entry.answer = encodedAnswer;
            waiting = entry.waiting;
            entry.waiting = null;
        }
        if (waiting != null) {
            waiting.complete(encodedAnswer);
        }
    }

    /** Drops the entries past the window (the periodic sweep). */
    synchronized void expire() {
        expire(clock.millis());
    }

    synchronized int size() {
        return entries.size();
    }

    private void expire(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (entries.size() > capacity || e.receivedMillis + windowMillis < now) {
                it.remove();
            } else {
                break; // insertion order: the rest is younger
            }
        }
    }
}
