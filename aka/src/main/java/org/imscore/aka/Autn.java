package org.imscore.aka;

import java.util.Objects;

/**
 * The authentication token AUTN = (SQN ⊕ AK) ‖ AMF ‖ MAC-A, 16 octets (TS 33.102 §6.3.2).
 */
public record Autn(Octets octets) {

    public static final int LENGTH = 16;

    public Autn {
        Objects.requireNonNull(octets, "AUTN").requireLength("AUTN", LENGTH);
    }

    /** Builds AUTN from the plain SQN, the anonymity key AK (f5), the AMF and MAC-A (f1). */
    public static Autn of(Sqn sqn, Octets ak, Octets amf, Octets macA) {
        ak.requireLength("AK", Milenage.AK_LENGTH);
        amf.requireLength("AMF", Milenage.AMF_LENGTH);
        macA.requireLength("MAC-A", Milenage.MAC_LENGTH);
        byte[] out = new byte[LENGTH];
        byte[] sqnBytes = sqn.toOctets().unsafeArray();
        byte[] akBytes = ak.unsafeArray();
        for (int i = 0; i < Milenage.SQN_LENGTH; i++) {
            out[i] = (byte) (sqnBytes[i] ^ akBytes[i]);
        }
        System.arraycopy(amf.unsafeArray(), 0, out, 6, Milenage.AMF_LENGTH);
        System.arraycopy(macA.unsafeArray(), 0, out, 8, Milenage.MAC_LENGTH);
        return new Autn(Octets.wrap(out));
    }

    /** SQN ⊕ AK, octets 0..5. */
    public Octets concealedSqn() {
        return octets.slice(0, 6);
    }

    /** AMF, octets 6..7. */
    public Octets amf() {
        return octets.slice(6, 8);
    }

    /** MAC-A, octets 8..15. */
    public Octets mac() {
        return octets.slice(8, 16);
    }

    /** SQN recovered with the anonymity key AK = f5(RAND). */
    public Sqn sqn(Octets ak) {
        return Sqn.fromOctets(xor(concealedSqn(), ak.requireLength("AK", Milenage.AK_LENGTH)));
    }

    static Octets xor(Octets a, Octets b) {
        byte[] out = a.toByteArray();
        byte[] mask = b.unsafeArray();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= mask[i];
        }
        return Octets.wrap(out);
    }
}
