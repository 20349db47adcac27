package org.imscore.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.imscore.sip.uri.Parameter;
import org.imscore.sip.uri.Parameters;

/**
 * A cursor over one unfolded header value with the lexical rules of RFC 3261 §25.1: tokens, quoted-strings with
 * quoted-pairs, parameters, and top-level comma splitting. Every error is a {@link HeaderSyntaxException}; its
 * position counts from the start of the value.
 *
 * <p>The value is {@code s[base, end)}: a whole string, or a range of a received message head, which a parser then
 * reads in place (no copy of the value first). Parsers read {@link #s} only below {@link #end}.
 */
final class HeaderScanner {

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-.!%*_+`'~".indexOf(c) >= 0;
        }
    }

    /** The auth scheme of nearly every Authorization and WWW-Authenticate, for {@link #token(String, CommonWords)}. */
    static final CommonWords DIGEST = new CommonWords("Digest");

    final String s;
    int pos;
    final int end;
    /** Where the value starts in {@link #s}: positions in error messages count from here. */
    private final int base;

    HeaderScanner(String s) {
        this(s, 0, s.length());
    }

    /** A cursor over {@code s[from, to)}. */
    HeaderScanner(String s, int from, int to) {
        this.s = s;
        this.pos = from;
        this.base = from;
        this.end = to;
    }

    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    boolean atEnd() {
        return pos >= end;
    }

    char peek() {
        return pos < end ? s.charAt(pos) : '\0';
    }

    void skipWs() {
        while (pos < end && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** Skips whitespace, then consumes {@code c} if it is next. */
    boolean accept(char c) {
        skipWs();
        if (pos < end && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c, String what) {
        if (!accept(c)) {
            throw error("expected '" + c + "' " + what);
        }
    }

    String token(String what) {
        int from = skipToken(what);
        return s.substring(from, pos);
    }

    /**
     * As {@link #token(String)}, answering the shared constant of {@code common} when the token is spelt exactly like
     * it: the names and words every message repeats ("branch", "tag", "SIP", "UDP") then make no string.
     */
    String token(String what, CommonWords common) {
        int from = skipToken(what);
        String word = common.find(s, from, pos);
        return word != null ? word : s.substring(from, pos);
    }

    /**
     * Words a header parser meets in nearly every message, looked up by length and then spelling (a scan of every
     * word's length cost more than the string it saved). Immutable; safe to share.
     */
    static final class CommonWords {
        private final String[][] byLength;

        CommonWords(String... words) {
            int longest = 0;
            for (String w : words) {
                longest = Math.max(longest, w.length());
            }
            byLength = new String[longest + 1][];
            for (String w : words) {
                String[] bucket = byLength[w.length()];
                byLength[w.length()] = bucket == null ? new String[] {w} : append(bucket, w);
            }
        }

        private static String[] append(String[] bucket, String word) {
            String[] grown = java.util.Arrays.copyOf(bucket, bucket.length + 1);
            grown[bucket.length] = word;
            return grown;
        }

        /** The word spelt exactly as {@code s[from, to)}, or null. */
        String find(String s, int from, int to) {
            int n = to - from;
            String[] bucket = n < byLength.length ? byLength[n] : null;
            if (bucket != null) {
                char first = s.charAt(from);
                for (String w : bucket) {
                    if (w.charAt(0) == first && s.startsWith(w, from)) {
                        return w;
                    }
                }
            }
            return null;
        }
    }

    /** Skips white space and a token; returns where the token starts. */
    int skipToken(String what) {
        skipWs();
        int from = pos;
        while (pos < end && isTokenChar(s.charAt(pos))) {
            pos++;
        }
        if (pos == from) {
            throw error("expected " + what);
        }
        return from;
    }

    /** A quoted-string at the cursor, returned without quotes and with quoted-pairs resolved. */
    String quotedString() {
        skipWs();
        if (peek() != '"') {
            throw error("expected quoted-string");
        }
        pos++;
        StringBuilder sb = null;
        int from = pos;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '"') {
                String text = sb == null ? s.substring(from, pos) : sb.append(s, from, pos).toString();
                pos++;
                return text;
            }
            if (c == '\\') {
                if (pos + 1 >= end) {
                    break;
                }
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, from, pos).append(s.charAt(pos + 1));
                pos += 2;
                from = pos;
                continue;
            }
            pos++;
        }
        throw error("unterminated quoted-string");
    }

    /**
     * Parameters {@code *( SEMI name [ EQUAL value ] )} where value is a token, a host (IPv6 included, with or
     * without brackets) or a quoted-string; stops before ',' or at the end.
     */
    Parameters parameters() {
        List<Parameter> list = null;
        while (accept(';')) {
            if (list == null) {
                list = new ArrayList<>(4);
            }
            list.add(parameter());
        }
        return list == null ? Parameters.EMPTY : Parameters.adopting(list);
    }

    /**
     * Parameter names of the headers every request and response carries (Via, From, To, Contact, Route,
     * Authorization, WWW-Authenticate), most frequent first; see {@link #token(String, CommonWords)}.
     */
    private static final CommonWords COMMON_PARAMETER_NAMES = new CommonWords("branch", "tag", "rport", "received",
            "lr", "transport", "expires", "q", "username", "realm", "nonce", "uri", "response", "algorithm", "qop", "nc",
            "cnonce", "opaque", "integrity-protected", "ck", "ik", "+sip.instance", "reg-id", "ob", "maddr", "ttl",
            "icid-value", "orig-ioi", "term-ioi", "user", "method");

    Parameter parameter() {
        String name = token("parameter name", COMMON_PARAMETER_NAMES);
        if (!accept('=')) {
            return Parameter.flag(name);
        }
        skipWs();
        if (peek() == '"') {
            return Parameter.quoted(name, quotedString());
        }
        int from = pos;
        while (pos < end) {
            char c = s.charAt(pos);
            if (isTokenChar(c) || c == ':' || c == '[' || c == ']') {
                pos++;
            } else {
                break;
            }
        }
        if (pos == from) {
            throw error("empty value of parameter " + name);
        }
        return Parameter.of(name, s.substring(from, pos));
    }

    /** Parameters separated by commas (digest auth-params, Authentication-Info). */
    Parameters commaParameters() {
        List<Parameter> list = new ArrayList<>(10);
        skipWs();
        if (atEnd()) {
            return Parameters.EMPTY;
        }
        do {
            skipWs();
            if (peek() == ',') {
                continue; // empty list elements are allowed by the #rule
            }
            list.add(parameter());
        } while (accept(','));
        expectEnd();
        return Parameters.adopting(list);
    }

    /** Parses all of {@code text} with {@code parser}; anything the parser leaves but white space is an error. */
    static <T> T parseAll(String text, Function<HeaderScanner, T> parser) {
        return parseAll(text, 0, text.length(), parser);
    }

    /** Parses all of {@code text[from, to)} with {@code parser}, as {@link #parseAll(String, Function)}. */
    static <T> T parseAll(String text, int from, int to, Function<HeaderScanner, T> parser) {
        HeaderScanner sc = new HeaderScanner(text, from, to);
        T value = parser.apply(sc);
        sc.expectEnd();
        return value;
    }

    void expectEnd() {
        skipWs();
        if (pos < end) {
            throw error("unexpected '" + s.charAt(pos) + "'");
        }
    }

    HeaderSyntaxException error(String detail) {
        return new HeaderSyntaxException(detail + " at position " + (pos - base));
    }

    /** Splits at commas outside quoted-strings and angle brackets; elements trimmed; empty elements dropped. */
    static List<String> splitTopLevel(String s) {
        int comma = nextTopLevelComma(s, 0);
        if (comma < 0) {
            String t = s.strip();
            return t.isEmpty() ? List.of() : List.of(t);
        }
        List<String> out = new ArrayList<>(4);
        int from = 0;
        while (comma >= 0) {
            addTrimmed(out, s, from, comma);
            from = comma + 1;
            comma = nextTopLevelComma(s, from);
        }
        addTrimmed(out, s, from, s.length());
        return out;
    }

    /** Index of the first top-level comma, or -1. */
    static int firstTopLevelComma(String s) {
        return nextTopLevelComma(s, 0);
    }

    /**
     * Index of the first comma at or after {@code from} that is outside quoted-strings and angle brackets, or -1.
     * {@code from} is the start of the value or just past a top-level comma, so no quote or bracket is open there.
     */
    private static int nextTopLevelComma(String s, int from) {
        return nextTopLevelComma(s, from, s.length());
    }

    /** As {@link #nextTopLevelComma(String, int)}, looking only below {@code to}. */
    static int nextTopLevelComma(String s, int from, int to) {
        boolean quoted = false;
        boolean angle = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                return i;
            }
        }
        return -1;
    }

    private static void addTrimmed(List<String> out, String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        if (to > from) {
            out.add(s.substring(from, to));
        }
    }

    /** The rest of the value, trimmed as {@link String#strip()} trims it, as {@link #number(String, long, String)}. */
    long restAsNumber(long max, String what) {
        int from = pos;
        int to = end;
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        pos = end;
        return number(s, from, to, max, what);
    }

    /** An unsigned decimal that fits in {@code max}. */
    static long number(String s, long max, String what) {
        String t = s.strip();
        return number(t, 0, t.length(), max, what);
    }

    /** As {@link #number(String, long, String)} for {@code s[from, to)}, which has no white space at either end. */
    static long number(String s, int from, int to, long max, String what) {
        if (from == to || to - from > 19) {
            throw new HeaderSyntaxException("bad " + what + ": '" + s.substring(from, to) + "'");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new HeaderSyntaxException("bad " + what + ": '" + s.substring(from, to) + "'");
            }
            v = v * 10 + (c - '0');
        }
        if (v > max) {
            throw new HeaderSyntaxException(what + " too large: " + s.substring(from, to));
        }
        return v;
    }
}
