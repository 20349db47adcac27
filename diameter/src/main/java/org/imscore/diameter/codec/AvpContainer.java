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
        for (Avp avp : avps()) {
            if (avp.is(key)) {
                return Optional.of(avp);
            }
        }
        return Optional.empty();
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

    default boolean has(AvpKey key) {
        return find(key).isPresent();
    }

    default Optional<String> utf8(AvpKey key) {
        return find(key).flatMap(Avp::utf8);
    }

    default Optional<byte[]> octets(AvpKey key) {
        return find(key).map(Avp::data);
    }

    default OptionalLong unsigned32(AvpKey key) {
        Optional<Avp> avp = find(key);
        return avp.isPresent() ? avp.get().unsigned32() : OptionalLong.empty();
    }

    default OptionalInt integer32(AvpKey key) {
        Optional<Avp> avp = find(key);
        return avp.isPresent() ? avp.get().integer32() : OptionalInt.empty();
    }

    /** Unsigned64 and Integer64 values as the 64 raw bits (use {@link Long#toUnsignedString} to print). */
    default OptionalLong integer64(AvpKey key) {
        Optional<Avp> avp = find(key);
        return avp.isPresent() ? avp.get().integer64() : OptionalLong.empty();
    }

    default Optional<InetAddress> address(AvpKey key) {
        return find(key).flatMap(Avp::address);
    }

    default Optional<Instant> time(AvpKey key) {
        return find(key).flatMap(Avp::time);
    }
}
