package org.imscore.diameter.peer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Origin-Host names as small ints, for the keys of a {@link DuplicateCache}: requests come from a few peers (or the
 * clients behind a relay), so one name and one id per host replaces a string reference per entry. Each id counts
 * the entries that use it and is given back with the last of them, so hosts seen once do not pile up.
 *
 * <p>Not thread-safe: the cache calls it under its lock.
 */
final class OriginHosts {

    /** What {@link #find} returns for a host no entry uses. */
    static final int UNKNOWN = -1;

    private final Map<String, Integer> ids = new HashMap<>();
    private String[] names = new String[8];
    private int[] uses = new int[8];
    /** Ids given back, to hand out again before new ones. */
    private int[] free = new int[8];
    private int freeCount;
    private int nextId;

    /** The id of {@code host}, or {@link #UNKNOWN}. */
    int find(String host) {
        Integer id = ids.get(host);
        return id == null ? UNKNOWN : id;
    }

    /** The id of {@code host} (a new one if no entry uses it), counted as used once more. */
    int acquire(String host) {
        Integer known = ids.get(host);
        int id;
        if (known != null) {
            id = known;
        } else {
            id = freeCount > 0 ? free[--freeCount] : nextId++;
            if (id == names.length) {
                names = Arrays.copyOf(names, id * 2);
                uses = Arrays.copyOf(uses, id * 2);
            }
            names[id] = host;
            ids.put(host, id);
        }
        uses[id]++;
        return id;
    }

    /** One use of {@code id} fewer; with the last, the host is forgotten and the id can be handed out again. */
    void release(int id) {
        if (--uses[id] > 0) {
            return;
        }
        ids.remove(names[id]);
        names[id] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = id;
    }

    /** Hosts in use. */
    int size() {
        return ids.size();
    }
}
