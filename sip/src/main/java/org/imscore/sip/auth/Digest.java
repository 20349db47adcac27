package org.imscore.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.imscore.sip.message.DigestCredentials;

/**
 * HTTP Digest as SIP uses it (RFC 2617 §3.2.2, RFC 3261 §22.4): HA1, HA2 and the request-digest, with and
 * without qop, for qop=auth and auth-int, MD5 and MD5-sess. AKA algorithms (RFC 3310, RFC 4169) use the same
 * computation with the password from {@link Aka}; SIP-Digest from an HSS supplies HA1 directly (TS 29.229
 * Digest-HA1), which is why every computation here starts from HA1.
 */
public final class Digest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte COLON = ':';
    /** The prototype {@link #md5()} clones; never updated itself. */
    private static final MessageDigest MD5 = newMd5();

    private Digest() {
    }

    /** HA1 = MD5(username ":" realm ":" password) with the password as raw octets (AKA RES, RFC 3310 §3.4). */
    public static String ha1(String username, String realm, byte[] password) {
        MessageDigest md = md5();
        md.update(utf8(username));
        md.update(COLON);
        md.update(utf8(realm));
        md.update(COLON);
        md.update(password);
        return HEX.formatHex(md.digest());
    }

    /** HA1 for a text password (UTF-8). */
    public static String ha1(String username, String realm, String password) {
        return ha1(username, realm, utf8(password));
    }

    /** MD5-sess: HA1' = MD5(HA1 ":" nonce ":" cnonce) (RFC 2617 §3.2.2.2). */
    public static String ha1Session(String ha1, String nonce, String cnonce) {
        return md5Hex(ha1 + ":" + nonce + ":" + cnonce);
    }

    /**
     * HA2 = MD5(method ":" digest-uri) for qop absent or "auth"; MD5(method ":" digest-uri ":" MD5(body)) for
     * "auth-int" (an empty body hashes to d41d8cd98f00b204e9800998ecf8427e).
     */
    public static String ha2(String method, String digestUri, String qop, byte[] body) {
        if ("auth-int".equalsIgnoreCase(qop)) {
            String bodyHash = HEX.formatHex(md5().digest(body == null ? new byte[0] : body));
            return md5Hex(method + ":" + digestUri + ":" + bodyHash);
        }
        return md5Hex(method + ":" + digestUri);
    }

    /**
     * request-digest = MD5(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2) with qop, or MD5(HA1 ":" nonce ":"
     * HA2) when {@code qop} is null (RFC 2069 compatibility).
     */
    public static String response(String ha1, String nonce, String nc, String cnonce, String qop, String ha2) {
        if (qop == null || qop.isEmpty()) {
            return md5Hex(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /**
     * The response the credentials should carry for this request, from HA1 (applies MD5-sess if the credentials
     * name it). Uses the credentials' uri, nonce, nc, cnonce and qop.
     */
    public static String expectedResponse(DigestCredentials credentials, String method, String ha1, byte[] body) {
        String qop = credentials.qop().orElse(null);
        String cnonce = credentials.cnonce().orElse("");
        String effectiveHa1 = credentials.algorithm().toLowerCase(java.util.Locale.ROOT).endsWith("-sess")
                ? ha1Session(ha1, credentials.nonce(), cnonce) : ha1;
        String ha2 = ha2(method, credentials.uri(), qop, body);
        return response(effectiveHa1, credentials.nonce(), credentials.nc().orElse(""), cnonce, qop, ha2);
    }

    /** Whether the credentials' response matches, compared in constant time. */
    public static boolean verify(DigestCredentials credentials, String method, String ha1, byte[] body) {
        String got = credentials.response();
        if (got == null || credentials.nonce() == null || credentials.uri() == null) {
            return false;
        }
        String want = expectedResponse(credentials, method, ha1, body);
        return MessageDigest.isEqual(utf8(want), utf8(got.toLowerCase(java.util.Locale.ROOT)));
    }

    public static String md5Hex(String text) {
        return HEX.formatHex(md5().digest(utf8(text)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A fresh MD5 digest, cloned from {@link #MD5}: {@code getInstance} looks the provider's service up on every call
     * (a key object and a map walk per digest, and a registration costs six digests). The prototype is never updated,
     * only cloned, so sharing it between threads is safe.
     */
    static MessageDigest md5() {
        try {
            return (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            return newMd5(); // a provider whose MD5 cannot be cloned: look it up each time
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
