package org.imscore.sip.transaction;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.imscore.sip.message.Via;

/**
 * Via branch values (RFC 3261 §8.1.1.7): the magic cookie {@code z9hG4bK} followed by 64 random bits, unique in
 * space and time for every transaction we start.
 */
public final class Branches {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Branches() {
    }

    /** A new branch: {@code z9hG4bK} and 16 hexadecimal digits. */
    public static String newBranch() {
        return Via.MAGIC_COOKIE + randomHex(8);
    }

    /** {@code bytes} random bytes as lower-case hexadecimal (tags and Call-IDs use it too). */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
