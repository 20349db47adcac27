package org.imscore.sip.transaction;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A concurrent table of transactions by key that gives its memory back once a burst is over.
 *
 * <p>A layer's table holds every transaction for as long as its timers run, completed ones included: a non-INVITE
 * server transaction over UDP stays 32 s after its response (Timer J), so at 800 requests a second a table holds
 * some 25,000 entries. A {@link java.util.concurrent.ConcurrentHashMap} keeps the array it grew to for that peak for
 * good (half a megabyte per server table of each CSCF after 800 registrations a second), which a core that carried
 * a burst then holds beside every registered user. Here the keys are spread over shards, each a plain map under its
 * own lock, and a shard that has shed seven eighths of its peak is copied into a map sized for what is left.
 *
 * <p>Thread-safe. A lookup takes its shard's lock; the network threads that share a table rarely meet on one shard.
 */
final class TransactionTable<K, V> {

    private static final int SHARD_BITS = 4;
    /** Below this peak a shard keeps its map: copying would save less than it costs. */
    private static final int SHRINK_FROM = 256;

    private final Shard<K, V>[] shards;

    @SuppressWarnings("unchecked")
    TransactionTable() {
        shards = new Shard[1 << SHARD_BITS];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard<>();
        }
    }

    V get(K key) {
        Shard<K, V> shard = shard(key);
        synchronized (shard) {
            return shard.map.get(key);
        }
    }

    /** Adds {@code value} unless the key is taken; returns what holds it then, or null when {@code value} went in. */
    V putIfAbsent(K key, V value) {
        Objects.requireNonNull(value, "value");
        Shard<K, V> shard = shard(key);
        synchronized (shard) {
            V existing = shard.map.putIfAbsent(key, value);
            if (existing == null) {
                shard.peak = Math.max(shard.peak, shard.map.size());
            }
            return existing;
        }
    }

    /**
     * Puts {@code value} in the place of {@code expected} if the key still maps to that entry (by {@code equals},
     * which for transactions and their records is identity).
     */
    boolean replace(K key, V expected, V value) {
        Objects.requireNonNull(value, "value");
        Shard<K, V> shard = shard(key);
        synchronized (shard) {
            return shard.map.replace(key, expected, value);
        }
    }

    /** Removes the key if it still maps to {@code expected} (by {@code equals}, as {@link #replace}). */
    boolean remove(K key, V expected) {
        if (expected == null) {
            return false;
        }
        Shard<K, V> shard = shard(key);
        synchronized (shard) {
            if (!shard.map.remove(key, expected)) {
                return false;
            }
            shard.shrinkIfDrained();
            return true;
        }
    }

    /** How many entries the table holds; exact only when nothing changes meanwhile. */
    int size() {
        int n = 0;
        for (Shard<K, V> shard : shards) {
            synchronized (shard) {
                n += shard.map.size();
            }
        }
        return n;
    }

    /**
     * The entries the shards' maps are sized for: the sum of each shard's peak since its map was made. Falls back
     * towards {@link #size()} as a drained table shrinks.
     */
    int sizedFor() {
        int n = 0;
        for (Shard<K, V> shard : shards) {
            synchronized (shard) {
                n += shard.peak;
            }
        }
        return n;
    }

    private Shard<K, V> shard(K key) {
        // The high bits of a multiplicative hash: the map in the shard buckets by the low bits of the key's hash.
        return shards[(key.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS)];
    }

    private static final class Shard<K, V> {

        private Map<K, V> map = new HashMap<>();
        /** The most entries {@link #map} held since it was made. */
        private int peak;

        private void shrinkIfDrained() {
            int size = map.size();
            if (peak >= SHRINK_FROM && size <= peak / 8) {
                map = new HashMap<>(map);
                peak = size;
            }
        }
    }
}
