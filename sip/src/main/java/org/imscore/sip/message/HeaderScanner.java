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
        skipWs();
        int from = pos;
        while (pos < end && isTokenChar(s.charAt(pos))) {
            pos++;
        }
        if (pos == from) {
            throw error("expected " + what);
        }
        return s.substring(from, pos);
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

    Parameter parameter() {
        String name = token("parameter name");
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
