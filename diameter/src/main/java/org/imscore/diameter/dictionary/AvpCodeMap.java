package org.imscore.diameter.dictionary;

import java.util.Arrays;
import java.util.Map;

/**
 * A read-only map from an AVP's code and vendor to a value, looked up by the two ints without making
 * an {@link AvpCode}: the validator and the dictionary look up every AVP of every received request, and
 * a key object per lookup was a measurable share of the allocation per message. The entries are kept
 * as sorted {@code (code, vendor)} longs and searched by bisection. Immutable and safe to share.
 *
 * @param <V> the value type
 */
public final class AvpCodeMap<V> {

    private final long[] keys;
    private final Object[] values;

    private AvpCodeMap(long[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** A map of these entries; keys name an AVP by code and vendor (vendor 0 for IETF AVPs). */
    public static <V> AvpCodeMap<V> of(Map<? extends AvpKey, ? extends V> entries) {
        long[] sorted = new long[entries.size()];
        int n = 0;
        for (AvpKey key : entries.keySet()) {
            sorted[n++] = pack(key.code(), key.vendorId());
        }
        Arrays.sort(sorted);
        Object[] values = new Object[n];
        for (Map.Entry<? extends AvpKey, ? extends V> e : entries.entrySet()) {
            values[Arrays.binarySearch(sorted, pack(e.getKey().code(), e.getKey().vendorId()))] = e.getValue();
        }
        return new AvpCodeMap<>(sorted, values);
    }

    /** The value for this code and vendor, or null. */
    @SuppressWarnings("unchecked")
    public V get(int code, int vendorId) {
        int i = Arrays.binarySearch(keys, pack(code, vendorId));
        return i >= 0 ? (V) values[i] : null;
    }

    public int size() {
        return keys.length;
    }

    /** Code in the high half, vendor in the low half, both unsigned, so the order is (code, vendor). */
    private static long pack(int code, int vendorId) {
        return ((code & 0xFFFF_FFFFL) << 32) | (vendorId & 0xFFFF_FFFFL);
    }
}
