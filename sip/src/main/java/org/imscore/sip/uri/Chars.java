package org.imscore.sip.uri;

/** Character classes of RFC 3261 §25.1, as table look-ups. */
final class Chars {

    private static final int USER = 1;
    private static final int PASSWORD = 2;
    private static final int PARAM = 4;
    private static final int HEADER = 8;
    private static final int HOST = 16;
    private static final byte[] CLASSES = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            int k = 0;
            boolean alnum = isAlpha(c) || isDigit(c);
            boolean unreserved = alnum || "-_.!~*'()".indexOf(c) >= 0;
            if (unreserved || c == '%' || "&=+$,;?/".indexOf(c) >= 0) {
                k |= USER;
            }
            if (unreserved || c == '%' || "&=+$,".indexOf(c) >= 0) {
                k |= PASSWORD;
            }
            if (unreserved || c == '%' || "[]/:&+$".indexOf(c) >= 0) {
                k |= PARAM;
            }
            if (unreserved || c == '%' || "[]/?:+$".indexOf(c) >= 0) {
                k |= HEADER;
            }
            if (alnum || c == '-' || c == '.' || c == '_') {
                k |= HOST;
            }
            CLASSES[c] = (byte) k;
        }
    }

    private Chars() {
    }

    static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isVisualSeparator(char c) {
        return c == '-' || c == '.' || c == '(' || c == ')';
    }

    static boolean isUserChar(char c) {
        return c < 128 && (CLASSES[c] & USER) != 0;
    }

    static boolean isPasswordChar(char c) {
        return c < 128 && (CLASSES[c] & PASSWORD) != 0;
    }

    static boolean isParamChar(char c) {
        return c < 128 && (CLASSES[c] & PARAM) != 0;
    }

    static boolean isHeaderChar(char c) {
        return c < 128 && (CLASSES[c] & HEADER) != 0;
    }

    static boolean isHostChar(char c) {
        return c < 128 && (CLASSES[c] & HOST) != 0;
    }
}
