package org.imscore.sip.auth;

import java.util.Arrays;

/**
 * ESP keys for the IMS sec-agree security associations, derived from the AKA CK and IK that the S-CSCF hands
 * to the P-CSCF in the 401 (TS 33.203 Annex I). The algorithm names are those of the Security-Client /
 * Security-Server {@code alg} and {@code ealg} parameters.
 */
public final class EspKeys {

    private EspKeys() {
    }

    /**
     * The integrity key: {@code hmac-md5-96} uses IK (128 bit); {@code hmac-sha-1-96} uses IK followed by 32
     * zero bits (160 bit).
     *
     * @throws IllegalArgumentException for another algorithm or an IK that is not 16 octets
     */
    public static byte[] integrityKey(String alg, byte[] ik) {
        requireLength(ik, "IK");
        return switch (alg.toLowerCase(java.util.Locale.ROOT)) {
            case "hmac-md5-96" -> ik.clone();
            case "hmac-sha-1-96" -> Arrays.copyOf(ik, 20);
            default -> throw new IllegalArgumentException("unknown ESP integrity algorithm: " + alg);
        };
    }

    /**
     * The encryption key: {@code aes-cbc} uses CK (128 bit); {@code des-ede3-cbc} uses CK1 || CK2 || CK1 where
     * CK = CK1 || CK2 (192 bit); {@code null} has no key (an empty array).
     *
     * @throws IllegalArgumentException for another algorithm or a CK that is not 16 octets
     */
    public static byte[] encryptionKey(String ealg, byte[] ck) {
        requireLength(ck, "CK");
        return switch (ealg.toLowerCase(java.util.Locale.ROOT)) {
            case "aes-cbc" -> ck.clone();
            case "des-ede3-cbc" -> {
                byte[] key = Arrays.copyOf(ck, 24);
                System.arraycopy(ck, 0, key, 16, 8);
                yield key;
            }
            case "null" -> new byte[0];
            default -> throw new IllegalArgumentException("unknown ESP encryption algorithm: " + ealg);
        };
    }

    private static void requireLength(byte[] key, String what) {
        if (key.length != 16) {
            throw new IllegalArgumentException(what + " must be 16 octets, got " + key.length);
        }
    }
}
