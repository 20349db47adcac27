package org.imscore.diameter.peer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.imscore.diameter.codec.DiameterMessage;

/**
 * Recently received requests by (Origin-Host, End-to-End id) with their answers, for duplicate
 * detection (RFC 6733 section 6.2 / 5.5.4: a request retransmitted after failover, flagged T, must not
 * be processed twice; its stored answer is sent again). Entries expire after the window. Used on one
 * event loop at a time, synchronised for the rare cross-loop case.
 */
final class DuplicateCache {

    record Key(String originHost, int endToEndId) {
    }

    private record Entry(CompletableFuture<DiameterMessage> answer, Instant received) {
    }

    private final Clock clock;
    private final Duration window;
    private final int capacity;
    private final Map<Key, Entry> entries = new LinkedHashMap<>();

    DuplicateCache(Clock clock, Duration window, int capacity) {
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
    }

    /**
     * Registers a fresh request and returns null, or returns the answer future of the earlier request
     * with the same key.
     */
    synchronized CompletableFuture<DiameterMessage> register(Key key, CompletableFuture<DiameterMessage> answer) {
        Instant now = clock.instant();
        expire(now);
        Entry existing = entries.get(key);
        if (existing != null) {
            return existing.answer;
        }
        entries.put(key, new Entry(answer, now));
        return null;
    }

    synchronized int size() {
        return entries.size();
    }

    private void expire(Instant now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (entries.size() > capacity || e.received.plus(window).isBefore(now)) {
                it.remove();
            } else {
                break; // insertion order: the rest is younger
            }
        }
    }
}
