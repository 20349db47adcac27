package org.imscore.cscf.state;

/**
 * A 64-bit token (a To tag, a reg-event registration or contact id) held as a {@code long} and written as exactly 16
 * lower-case hex digits. A long-lived record holds 8 bytes instead of a 16-character string (about 56 bytes); the
 * text is made only when a message or document is written, and is the same text every time, so a peer that echoes
 * it (a To tag in a refresh) is matched by parsing it back with {@link #parse}. Stateless, so thread-safe.
 */
public final class Token {

    /** The length of every token's text. */
    public static final int LENGTH = 16;
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Token() {
    }

    /** The token's text: 16 lower-case hex digits, leading zeros kept. */
    public static String text(long token) {
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = DIGITS[(int) (token & 0xf)];
            token >>>= 4;
        }
        return new String(out);
    }

    /**
     * Whether {@code text} is the text of a token, exactly as {@link #text} writes it: 16 lower-case hex digits. Tags
     * compare case-sensitively (RFC 3261 §12.2.1.1 matches dialogs by string), so an upper-case variant is not ours.
     */
    public static boolean isToken(CharSequence text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (digit(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The token {@code text} writes.
     *
     * @throws IllegalArgumentException when it is not a token's text ({@link #isToken})
     */
    public static long parse(CharSequence text) {
        if (!isToken(text)) {
            throw new IllegalArgumentException("not a token: " + text);
        }
        long value = 0;
        for (int i = 0; i < LENGTH; i++) {
            value = (value << 4) | digit(text.charAt(i));
        }
        return value;
    }

    /** Whether {@code text} is exactly the text of {@code token}, compared without making that text. */
    public static boolean is(long token, CharSequence text) {
        return isToken(text) && parse(text) == token;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
