package org.imscore.cscf.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An index from a key to the values added under it, in the order they were added, for the indexes where nearly
 * every key has exactly one value: the reg-event subscription watching a user, the Call-ID of the subscription a
 * P-CSCF holds for a user. A key with one value costs its map entry alone; only a key with more holds a list (a list
 * of one would cost a fifth of a registered user's state in each such index).
 *
 * <p>Not thread-safe: the owner guards it with its own lock.
 *
 * @param <K> the key, with value equality
 * @param <V> the values, with value equality
 */
public final class OneOrMoreIndex<K, V> {

    /** Two values or more under one key, oldest first; any other map value is the key's only value. */
    private record Several(List<Object> values) {
    }

    private final Map<K, Object> byKey = new HashMap<>();

    /** Adds {@code value} under {@code key}, after the values already there. */
    public void add(K key, V value) {
        Objects.requireNonNull(value, "value");
        byKey.merge(key, value, (old, one) -> {
            List<Object> all = new ArrayList<>(old instanceof Several s ? s.values() : List.of(old));
            all.add(one);
            return new Several(List.copyOf(all));
        });
    }

    /** Removes {@code value} from under {@code key} (the key goes with its last value); false when it was not there. */
    public boolean remove(K key, V value) {
        Object held = byKey.get(key);
        if (held == null) {
            return false;
        }
        if (!(held instanceof Several s)) {
            return held.equals(value) && byKey.remove(key, held);
        }
        List<Object> rest = s.values().stream().filter(v -> !v.equals(value)).toList();
        if (rest.size() == s.values().size()) {
            return false;
        }
        byKey.put(key, rest.size() == 1 ? rest.get(0) : new Several(rest));
        return true;
    }

    /** The values under {@code key}, oldest first; empty when none. */
    @SuppressWarnings("unchecked")
    public List<V> get(K key) {
        Object held = byKey.get(key);
        if (held == null) {
            return List.of();
        }
        return held instanceof Several s ? (List<V>) (List<?>) s.values() : List.of((V) held);
    }

    public boolean containsKey(K key) {
        return byKey.containsKey(key);
    }

    /** How many keys have a value. */
    public int keys() {
        return byKey.size();
    }
}
