package org.imscore.diameter.codec;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.imscore.diameter.dictionary.AvpKey;

/**
 * Something that holds an ordered list of AVPs: a {@link DiameterMessage} or a grouped {@link Avp}.
 * Every typed accessor answers empty when the AVP is absent or its value is not of the asked format;
 * none of them throws. They look at the first occurrence; {@link #findAll} gives every one.
 */
public interface AvpContainer {

    /** The AVPs in wire order. */
    List<Avp> avps();

    default Optional<Avp> find(AvpKey key) {
        return Optional.ofNullable(firstOrNull(key));
    }

    /**
     * The first AVP of this key, or null. The typed accessors below use it rather than {@link #find}: they
     * run several times for each message, and an indexed walk makes neither an Optional nor an iterator.
     */
    default Avp firstOrNull(AvpKey key) {
        List<Avp> avps = avps();
        int code = key.code();
        int vendorId = key.vendorId();
        for (int i = 0; i < avps.size(); i++) {
            Avp avp = avps.get(i);
            if (avp.is(code, vendorId)) {
                return avp;
            }
        }
        return null;
    }

    default List<Avp> findAll(AvpKey key) {
        List<Avp> found = new ArrayList<>(2);
        for (Avp avp : avps()) {
            if (avp.is(key)) {
                found.add(avp);
            }
        }
        return found;
    }

    /** The text of every AVP of this key that is valid UTF-8, in order (the others are left out). */
    default List<String> utf8All(AvpKey key) {
        List<Avp> avps = avps();
        List<String> found = null;
        for (int i = 0; i < avps.size(); i++) {
            Avp avp = avps.get(i);
            String text = avp.is(key) ? avp.utf8OrNull() : null;
            if (text != null) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(text);
            }
        }
        return found == null ? List.of() : List.copyOf(found);
    }

    default boolean has(AvpKey key) {
        return firstOrNull(key) != null;
    }

    default Optional<String> utf8(AvpKey key) {
        Avp avp = firstOrNull(key);
        return avp != null ? avp.utf8() : Optional.empty();
    }

    default Optional<byte[]> octets(AvpKey key) {
        Avp avp = firstOrNull(key);
        return avp != null ? Optional.of(avp.data()) : Optional.empty();
    }

    default OptionalLong unsigned32(AvpKey key) {
        Avp avp = firstOrNull(key);
        return avp != null ? avp.unsigned32() : OptionalLong.empty();
    }

    default OptionalInt integer32(AvpKey key) {
        Avp avp = firstOrNull(key);
        return avp != null ? avp.integer32() : OptionalInt.empty();
    }

    /** Unsigned64 and Integer64 values as the 64 raw bits (use {@link Long#toUnsignedString} to print). */
    default OptionalLong integer64(AvpKey key) {
        Avp avp = firstOrNull(key);
        return avp != null ? avp.integer64() : OptionalLong.empty();
    }

    default Optional<InetAddress> address(AvpKey key) {
        return find(key).flatMap(Avp::address);
    }

    default Optional<Instant> time(AvpKey key) {
        return find(key).flatMap(Avp::time);
    }
}
