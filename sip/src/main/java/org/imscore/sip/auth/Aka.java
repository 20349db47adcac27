package org.imscore.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * IMS AKA over HTTP Digest: the nonce layout of RFC 3310 §3.2, the AKAv1 password (RES as raw octets, §3.4),
 * the AKAv2 password of RFC 4169 §4, and the auts token of a synchronisation failure (§3.4).
 */
public final class Aka {

    public static final String AKAV1_MD5 = "AKAv1-MD5";
    public static final String AKAV2_MD5 = "AKAv2-MD5";
    private static final byte[] AKAV2_LABEL = "http-digest-akav2-password".getBytes(StandardCharsets.US_ASCII);

    private Aka() {
    }

    /** The parts of an AKA nonce: RAND (16), AUTN (16) and optional server data. */
    public record Nonce(byte[] rand, byte[] autn, byte[] serverData) {

        public Nonce {
            if (rand.length != 16 || autn.length != 16) {
                throw new IllegalArgumentException("RAND and AUTN are 16 octets each");
            }
            serverData = serverData == null ? new byte[0] : serverData;
        }

        /** base64(RAND || AUTN || server data). */
        public String encode() {
            byte[] all = new byte[32 + serverData.length];
            System.arraycopy(rand, 0, all, 0, 16);
            System.arraycopy(autn, 0, all, 16, 16);
            System.arraycopy(serverData, 0, all, 32, serverData.length);
            return Base64.getEncoder().encodeToString(all);
        }

        /**
         * Decodes a nonce.
         *
         * @throws IllegalArgumentException if it is not base64 of at least 32 octets
         */
        public static Nonce decode(String nonce) {
            byte[] all = Base64.getDecoder().decode(nonce);
            if (all.length < 32) {
                throw new IllegalArgumentException("AKA nonce shorter than RAND||AUTN: " + all.length + " octets");
            }
            return new Nonce(Arrays.copyOfRange(all, 0, 16), Arrays.copyOfRange(all, 16, 32),
                    Arrays.copyOfRange(all, 32, all.length));
        }
    }

    public static String nonce(byte[] rand, byte[] autn) {
        return new Nonce(rand, autn, null).encode();
    }

    /** AKAv1-MD5: the Digest password is RES (or XRES at the server) as raw octets, not hex text. */
    public static byte[] akav1Password(byte[] res) {
        return res.clone();
    }

    /** AKAv2-MD5: base64(HMAC-MD5(key = RES || IK || CK, "http-digest-akav2-password")), used as text. */
    public static byte[] akav2Password(byte[] res, byte[] ik, byte[] ck) {
        byte[] key = new byte[res.length + ik.length + ck.length];
        System.arraycopy(res, 0, key, 0, res.length);
        System.arraycopy(ik, 0, key, res.length, ik.length);
        System.arraycopy(ck, 0, key, res.length + ik.length, ck.length);
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            String b64 = Base64.getEncoder().encodeToString(mac.doFinal(AKAV2_LABEL));
            return b64.getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is a mandatory JCA algorithm", e);
        }
    }

    /** The password for an AKA algorithm name (AKAv1-MD5 or AKAv2-MD5). */
    public static byte[] password(String algorithm, byte[] res, byte[] ik, byte[] ck) {
        if (AKAV1_MD5.equalsIgnoreCase(algorithm)) {
            return akav1Password(res);
        }
        if (AKAV2_MD5.equalsIgnoreCase(algorithm)) {
            return akav2Password(res, ik, ck);
        }
        throw new IllegalArgumentException("not an AKA algorithm: " + algorithm);
    }

    /** HA1 for AKA: MD5(username ":" realm ":" password). After a sync failure the password is empty (§3.4). */
    public static String ha1(String username, String realm, String algorithm, byte[] res, byte[] ik, byte[] ck) {
        return Digest.ha1(username, realm, password(algorithm, res, ik, ck));
    }

    /** The 14-octet AUTS from the auts parameter. */
    public static byte[] decodeAuts(String auts) {
        byte[] b = Base64.getDecoder().decode(auts);
        if (b.length != 14) {
            throw new IllegalArgumentException("AUTS must be 14 octets, got " + b.length);
        }
        return b;
    }

    /**
     * What the S-CSCF puts in the Cx MAR SIP-Authorization AVP after a synchronisation failure: RAND (from the
     * nonce it sent) followed by AUTS (from the auts parameter), 30 octets (TS 29.229 §6.3.10).
     */
    public static byte[] resynchronisationInfo(byte[] rand, byte[] auts) {
        if (rand.length != 16 || auts.length != 14) {
            throw new IllegalArgumentException("RAND is 16 octets and AUTS 14");
        }
        byte[] out = Arrays.copyOf(rand, 30);
        System.arraycopy(auts, 0, out, 16, 14);
        return out;
    }

    public static String encodeAuts(byte[] auts) {
        if (auts.length != 14) {
            throw new IllegalArgumentException("AUTS must be 14 octets, got " + auts.length);
        }
        return Base64.getEncoder().encodeToString(auts);
    }
}
