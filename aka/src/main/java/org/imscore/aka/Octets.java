package org.imscore.aka;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable string of octets: keys, RAND, AUTN and the other AKA parameters. Arrays handed in or out are
 * copied, so a value can be shared freely between threads.
 */
public final class Octets {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The given octets (copied). */
    public static Octets of(byte... bytes) {
        return new Octets(bytes.clone());
    }

    /** Parses hexadecimal text (either case, no separators), e.g. {@code "8baf473f"}. */
    public static Octets fromHex(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex text must have an even number of digits, got " + hex.length());
        }
        try {
            return new Octets(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hexadecimal text: \"" + hex + "\"", e);
        }
    }

    /** Takes ownership of an array the caller will not touch again. */
    static Octets wrap(byte[] bytes) {
        return new Octets(bytes);
    }

    public int length() {
        return bytes.length;
    }

    /** A copy of the octets. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Octets {@code from} (inclusive) to {@code to} (exclusive). */
    public Octets slice(int from, int to) {
        return new Octets(Arrays.copyOfRange(bytes, from, to));
    }

    public Octets concat(Octets other) {
        byte[] joined = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, joined, bytes.length, other.bytes.length);
        return new Octets(joined);
    }

    /** Lower-case hexadecimal text. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    /**
     * Returns this value if it has exactly {@code expected} octets, otherwise throws an
     * {@link IllegalArgumentException} naming the field.
     */
    public Octets requireLength(String field, int expected) {
        if (bytes.length != expected) {
            throw new IllegalArgumentException(
                    field + " must be " + expected + " octets, got " + bytes.length);
        }
        return this;
    }

    /** Constant-time comparison, for MACs. */
    public boolean sameAs(Octets other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Direct read access for this package's hot paths; callers must not modify the array. */
    byte[] unsafeArray() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
