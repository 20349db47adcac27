package org.imscore.cscf.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per distinct value, for the values that many long-lived records would otherwise each hold an equal
 * copy of: the Path to a P-CSCF, the Service-Route of an S-CSCF, the filter criteria of a service profile most users
 * share. With tens of thousands of registered users, one shared instance instead of one per user is most of what a
 * registration costs in heap.
 *
 * <p>Bounded: once {@code capacity} distinct values are known, new ones are returned as they are, so a peer that
 * sends ever-different values cannot make it grow. Values must be immutable with value equality. Thread-safe.
 *
 * @param <T> an immutable value type
 */
public final class Interner<T> {

    private final Map<T, T> known = new ConcurrentHashMap<>();
    private final int capacity;

    public Interner(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** The instance equal to {@code value} that was seen first, or {@code value} itself. */
    public T intern(T value) {
        T shared = known.get(value);
        if (shared != null) {
            return shared;
        }
        if (known.size() >= capacity) {
            return value;
        }
        T raced = known.putIfAbsent(value, value);
        return raced != null ? raced : value;
    }

    /** How many distinct values are shared. */
    public int size() {
        return known.size();
    }
}
