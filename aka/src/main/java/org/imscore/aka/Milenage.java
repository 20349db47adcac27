package org.imscore.aka;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Milenage algorithm set of 3GPP TS 35.206 for one subscriber key K and operator variant OPc.
 *
 * <p>Kernel E_K is AES-128 (TS 35.206 §4.1 uses Rijndael with 128-bit blocks and keys). {@code Cipher.getInstance}
 * costs far more than the five blocks of a vector, and an HSS makes an instance per vector, so the ciphers are not
 * made per instance: each thread keeps one AES {@link Cipher} for every instance it runs, and initialises it again
 * only when it encrypts under another key than the last ({@link ThreadCipher}).
 *
 * <p>Thread-safe without locks: an instance holds only immutable state; a {@code Cipher}, which is not thread-safe,
 * is only ever used by the thread that owns it.
 *
 * <p>Arguments and results are plain arrays (results freshly allocated); wrong lengths raise an
 * {@link IllegalArgumentException} that names the parameter and the expected length.
 */
public final class Milenage {

    /** AES block and Milenage key length, octets. */
    public static final int BLOCK = 16;
    public static final int RAND_LENGTH = 16;
    public static final int SQN_LENGTH = 6;
    public static final int AMF_LENGTH = 2;
    public static final int MAC_LENGTH = 8;
    public static final int RES_LENGTH = 8;
    public static final int AK_LENGTH = 6;

    private static final ThreadLocal<ThreadCipher> CIPHERS = ThreadLocal.withInitial(ThreadCipher::new);

    /** K, as the kernel's key; its identity tells a thread's cipher whether it holds this key already. */
    private final SecretKeySpec k;
    private final byte[] opc;
    private final MilenageConstants constants;

    private Milenage(byte[] k, byte[] opc, MilenageConstants constants) {
        this.k = aesKey(k);
        this.opc = opc;
        this.constants = constants;
    }

    /** Milenage for key K with the precomputed OPc, standard constants. */
    public static Milenage withOpc(byte[] k, byte[] opc) {
        return withOpc(k, opc, MilenageConstants.STANDARD);
    }

    public static Milenage withOpc(byte[] k, byte[] opc, MilenageConstants constants) {
        requireLength("K", k, BLOCK);
        requireLength("OPc", opc, BLOCK);
        return new Milenage(k, opc.clone(), Objects.requireNonNull(constants, "constants"));
    }

    /** Milenage for key K and the operator's OP; OPc is derived (TS 35.206 §4.1). */
    public static Milenage withOp(byte[] k, byte[] op) {
        return withOp(k, op, MilenageConstants.STANDARD);
    }

    public static Milenage withOp(byte[] k, byte[] op, MilenageConstants constants) {
        requireLength("K", k, BLOCK);
        requireLength("OP", op, BLOCK);
        return withOpc(k, opc(k, op), constants);
    }

    /** OPc = OP ⊕ E_K(OP) (TS 35.206 §4.1). An HSS stores OPc so that OP need not be kept per subscriber. */
    public static byte[] opc(byte[] k, byte[] op) {
        requireLength("K", k, BLOCK);
        requireLength("OP", op, BLOCK);
        byte[] out = encrypt(aesKey(k), op);
        xorInto(out, op);
        return out;
    }

    /** The OPc this instance uses. */
    public byte[] opc() {
        return opc.clone();
    }

    /** f1: network authentication code MAC-A, 8 octets. */
    public byte[] f1(byte[] rand, byte[] sqn, byte[] amf) {
        return slice(out1(temp(rand), sqn, amf), 0, MAC_LENGTH);
    }

    /** f1*: resynchronisation authentication code MAC-S, 8 octets. */
    public byte[] f1Star(byte[] rand, byte[] sqn, byte[] amf) {
        return slice(out1(temp(rand), sqn, amf), MAC_LENGTH, BLOCK);
    }

    /** f2: the response RES (XRES at the network), 8 octets. */
    public byte[] f2(byte[] rand) {
        return slice(out(temp(rand), constants.r2(), constants.c2()), 8, BLOCK);
    }

    /** f3: the cipher key CK, 16 octets. */
    public byte[] f3(byte[] rand) {
        return out(temp(rand), constants.r3(), constants.c3());
    }

    /** f4: the integrity key IK, 16 octets. */
    public byte[] f4(byte[] rand) {
        return out(temp(rand), constants.r4(), constants.c4());
    }

    /** f5: the anonymity key AK, 6 octets. */
    public byte[] f5(byte[] rand) {
        return slice(out(temp(rand), constants.r2(), constants.c2()), 0, AK_LENGTH);
    }

    /** f5*: the resynchronisation anonymity key AK*, 6 octets. */
    public byte[] f5Star(byte[] rand) {
        return slice(out(temp(rand), constants.r5(), constants.c5()), 0, AK_LENGTH);
    }

    /**
     * f2, f3, f4 and f5 for one RAND with TEMP computed once: four AES blocks instead of eight, which is what both
     * vector generation and the USIM need.
     */
    public ChallengeOutputs f2345(byte[] rand) {
        return challengeOutputs(temp(rand));
    }

    /**
     * Everything the network needs for one authentication vector: f1 (MAC-A) and f2..f5, in five AES blocks
     * (TEMP, OUT1..OUT4).
     */
    public VectorOutputs vectorOutputs(byte[] rand, byte[] sqn, byte[] amf) {
        byte[] temp = temp(rand);
        byte[] macA = slice(out1(temp, sqn, amf), 0, MAC_LENGTH);
        return new VectorOutputs(Octets.wrap(macA), challengeOutputs(temp));
    }

    private ChallengeOutputs challengeOutputs(byte[] temp) {
        byte[] out2 = out(temp, constants.r2(), constants.c2());
        return new ChallengeOutputs(
                Octets.wrap(slice(out2, 8, BLOCK)),
                Octets.wrap(out(temp, constants.r3(), constants.c3())),
                Octets.wrap(out(temp, constants.r4(), constants.c4())),
                Octets.wrap(slice(out2, 0, AK_LENGTH)));
    }

    /** RES, CK, IK and AK for one RAND. */
    public record ChallengeOutputs(Octets res, Octets ck, Octets ik, Octets ak) {
    }

    /** MAC-A with RES, CK, IK and AK for one RAND, SQN and AMF. */
    public record VectorOutputs(Octets macA, ChallengeOutputs challenge) {
    }

    // TEMP = E_K(RAND ⊕ OPc)
    private byte[] temp(byte[] rand) {
        requireLength("RAND", rand, RAND_LENGTH);
        byte[] block = rand.clone();
        xorInto(block, opc);
        return encrypt(block);
    }

    // OUT1 = E_K(TEMP ⊕ rot(IN1 ⊕ OPc, r1) ⊕ c1) ⊕ OPc, with IN1 = SQN ‖ AMF ‖ SQN ‖ AMF
    private byte[] out1(byte[] temp, byte[] sqn, byte[] amf) {
        requireLength("SQN", sqn, SQN_LENGTH);
        requireLength("AMF", amf, AMF_LENGTH);
        byte[] in1 = new byte[BLOCK];
        System.arraycopy(sqn, 0, in1, 0, SQN_LENGTH);
        System.arraycopy(amf, 0, in1, 6, AMF_LENGTH);
        System.arraycopy(sqn, 0, in1, 8, SQN_LENGTH);
        System.arraycopy(amf, 0, in1, 14, AMF_LENGTH);
        xorInto(in1, opc);
        byte[] block = rotateLeft(in1, constants.r1());
        xorInto(block, temp);
        xorInto(block, constants.c1().unsafeArray());
        byte[] out = encrypt(block);
        xorInto(out, opc);
        return out;
    }

    // OUTn = E_K(rot(TEMP ⊕ OPc, rn) ⊕ cn) ⊕ OPc for n = 2..5
    private byte[] out(byte[] temp, int rotation, Octets c) {
        byte[] block = temp.clone();
        xorInto(block, opc);
        block = rotateLeft(block, rotation);
        xorInto(block, c.unsafeArray());
        byte[] out = encrypt(block);
        xorInto(out, opc);
        return out;
    }

    private byte[] encrypt(byte[] block) {
        return encrypt(k, block);
    }

    private static byte[] encrypt(SecretKeySpec key, byte[] block) {
        byte[] out = new byte[BLOCK];
        try {
            CIPHERS.get().keyedWith(key).doFinal(block, 0, BLOCK, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128 block encryption failed", e);
        }
        return out;
    }

    private static SecretKeySpec aesKey(byte[] k) {
        return new SecretKeySpec(k, "AES");
    }

    /**
     * One thread's AES cipher and the key it was last initialised with. Consecutive blocks under one key (the five
     * of a vector, the vectors of one MAR) skip the initialisation; a block under another key pays one key
     * expansion, still far less than the {@code Cipher.getInstance} each instance used to make.
     */
    private static final class ThreadCipher {

        private final Cipher cipher;
        private SecretKeySpec key;

        ThreadCipher() {
            try {
                cipher = Cipher.getInstance("AES/ECB/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK offers no AES/ECB/NoPadding cipher", e);
            }
        }

        Cipher keyedWith(SecretKeySpec wanted) throws GeneralSecurityException {
            if (key != wanted) {
                key = null; // a failed init leaves the cipher keyed with nothing known
                cipher.init(Cipher.ENCRYPT_MODE, wanted);
                key = wanted;
            }
            return cipher;
        }
    }

    /** Cyclic left rotation of a 128-bit block by {@code bits} (TS 35.206 §4.1 "rot"). */
    static byte[] rotateLeft(byte[] block, int bits) {
        int octets = bits >>> 3;
        int shift = bits & 7;
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            int hi = block[(i + octets) % BLOCK] & 0xff;
            int lo = block[(i + octets + 1) % BLOCK] & 0xff;
            out[i] = (byte) (shift == 0 ? hi : (hi << shift) | (lo >>> (8 - shift)));
        }
        return out;
    }

    private static void xorInto(byte[] target, byte[] mask) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= mask[i];
        }
    }

    private static byte[] slice(byte[] source, int from, int to) {
        return Arrays.copyOfRange(source, from, to);
    }

    static void requireLength(String field, byte[] value, int expected) {
        Objects.requireNonNull(value, field);
        if (value.length != expected) {
            throw new IllegalArgumentException(field + " must be " + expected + " octets, got " + value.length);
        }
    }

    @Override
    public String toString() {
        return "Milenage[K and OPc hidden]";
    }
}
