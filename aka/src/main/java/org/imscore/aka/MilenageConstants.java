package org.imscore.aka;

import java.util.Objects;

/**
 * The operator-selectable constants of Milenage (TS 35.206 §4.1): the 128-bit additive constants c1..c5 and the
 * rotation amounts r1..r5 in bits. {@link #STANDARD} holds the values the specification fixes by default and that
 * every TS 35.208 test set uses.
 */
public record MilenageConstants(
        Octets c1, Octets c2, Octets c3, Octets c4, Octets c5,
        int r1, int r2, int r3, int r4, int r5) {

    /** TS 35.206 §4.1: c1 = 0, c2..c5 = 1, 2, 4, 8 in the last bit positions; r1..r5 = 64, 0, 32, 64, 96. */
    public static final MilenageConstants STANDARD = new MilenageConstants(
            constant(0x00), constant(0x01), constant(0x02), constant(0x04), constant(0x08),
            64, 0, 32, 64, 96);

    public MilenageConstants {
        requireBlock("c1", c1);
        requireBlock("c2", c2);
        requireBlock("c3", c3);
        requireBlock("c4", c4);
        requireBlock("c5", c5);
        requireRotation("r1", r1);
        requireRotation("r2", r2);
        requireRotation("r3", r3);
        requireRotation("r4", r4);
        requireRotation("r5", r5);
    }

    private static Octets constant(int lastOctet) {
        byte[] block = new byte[Milenage.BLOCK];
        block[Milenage.BLOCK - 1] = (byte) lastOctet;
        return Octets.wrap(block);
    }

    private static void requireBlock(String name, Octets value) {
        Objects.requireNonNull(value, name).requireLength("Milenage constant " + name, Milenage.BLOCK);
    }

    private static void requireRotation(String name, int bits) {
        if (bits < 0 || bits > 127) {
            throw new IllegalArgumentException(
                    "Milenage rotation " + name + " must be 0..127 bits, got " + bits);
        }
    }
}
