package org.imscore.aka;

/**
 * A 48-bit sequence number (TS 33.102 §6.3.2, §C.1). How its bits split into SEQ and IND is a property of the
 * {@link SqnScheme}, not of the number.
 */
public record Sqn(long value) implements Comparable<Sqn> {

    public static final long MAX = (1L << 48) - 1;
    public static final Sqn ZERO = new Sqn(0);

    public Sqn {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("SQN must be 0..2^48-1 (48 bits), got " + value);
        }
    }

    /** The 6-octet big-endian form carried (concealed) in AUTN and AUTS. */
    public static Sqn fromOctets(Octets octets) {
        octets.requireLength("SQN", Milenage.SQN_LENGTH);
        long v = 0;
        for (byte b : octets.unsafeArray()) {
            v = (v << 8) | (b & 0xff);
        }
        return new Sqn(v);
    }

    public static Sqn fromHex(String hex) {
        return fromOctets(Octets.fromHex(hex));
    }

    public Octets toOctets() {
        byte[] out = new byte[Milenage.SQN_LENGTH];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (value >>> (8 * (out.length - 1 - i)));
        }
        return Octets.wrap(out);
    }

    @Override
    public int compareTo(Sqn other) {
        return Long.compare(value, other.value);
    }

    /** Twelve hex digits, as the SQN appears in traces and in TS 35.208. */
    @Override
    public String toString() {
        return String.format("%012x", value);
    }
}
