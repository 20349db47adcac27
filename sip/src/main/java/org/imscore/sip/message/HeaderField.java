package org.imscore.sip.message;

import java.util.List;
import java.util.Objects;

/**
 * One header field line as it appears in a message: its canonical name, its value, and (for a parsed message)
 * the exact received text, which the serializer writes back unchanged. The typed value is parsed on first read
 * and cached; fields are immutable, so the cache is safe to share between threads.
 */
public final class HeaderField {

    private final String name;
    /** Received text of the whole message head (parsed fields) or null (built fields). */
    private final String source;
    /** True when the source holds only chars below 0x80 (the parser saw no octet with its top bit set). */
    private final boolean asciiSource;
    private final int rawStart;
    private final int valueStart;
    private final int rawEnd;
    private String value;
    private String raw;
    private Cached cached;

    private record Cached(HeaderType<?> type, Object value) {
    }

    private HeaderField(String name, String value, String source, boolean asciiSource, int rawStart, int valueStart,
                        int rawEnd) {
        this.name = name;
        this.value = value;
        this.source = source;
        this.asciiSource = asciiSource;
        this.rawStart = rawStart;
        this.valueStart = valueStart;
        this.rawEnd = rawEnd;
    }

    /**
     * A new field; the value is written after "{@code Name: }".
     *
     * @throws IllegalArgumentException if the name is not a token or the value holds CR or LF (which would let
     *                                  text from elsewhere inject header fields into the message)
     */
    public static HeaderField of(String name, String value) {
        Objects.requireNonNull(value, "value");
        if (!HeaderScanner.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: '" + name + "'");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("CR or LF in the value of " + name);
        }
        return new HeaderField(HeaderNames.canonical(name), value.strip(), null, false, 0, 0, 0);
    }

    /**
     * A field read from {@code source[rawStart, rawEnd)} (name, colon and value, folded lines included, no final
     * CRLF); the value starts at {@code valueStart}. {@code asciiSource} says that all of {@code source} is ASCII,
     * which lets an encoder copy it without looking at each char. Used by the codec.
     */
    public static HeaderField received(String canonicalName, String source, boolean asciiSource, int rawStart,
                                       int valueStart, int rawEnd) {
        return new HeaderField(canonicalName, null, source, asciiSource, rawStart, valueStart, rawEnd);
    }

    public String name() {
        return name;
    }

    /** True when this field has the given name (any spelling or compact form). */
    public boolean is(String headerName) {
        return name.equalsIgnoreCase(headerName) || name.equals(HeaderNames.canonical(headerName));
    }

    /** The value with line folding replaced by a single space and outer whitespace removed (RFC 3261 §7.3.1). */
    public String value() {
        String v = value;
        if (v == null) {
            v = unfold(source, valueStart, rawEnd);
            value = v;
        }
        return v;
    }

    /** The field exactly as received (without the final CRLF), or "{@code Name: value}" for a built field. */
    public String rawText() {
        String r = raw;
        if (r == null) {
            r = source != null ? source.substring(rawStart, rawEnd) : name + ": " + value;
            raw = r;
        }
        return r;
    }

    /** The length of {@link #rawText()} in characters, without building it. */
    public int rawLength() {
        return source != null ? rawEnd - rawStart : name.length() + 2 + value.length();
    }

    /** Whether this field still has its received text. */
    public boolean isReceived() {
        return source != null;
    }

    /** Appends the field as {@link #rawText()} gives it, without copying the received text first. */
    public void appendTo(StringBuilder out) {
        if (source != null) {
            out.append(source, rawStart, rawEnd);
        } else {
            out.append(name).append(": ").append(value);
        }
    }

    /**
     * Hands the field, as {@link #rawText()} gives it, to {@code out} in pieces of existing strings, so an encoder
     * writes it straight to bytes without copying the received text into a new string first.
     */
    public void writeTo(TextSink out) {
        if (source == null) {
            out.writeAscii(name, 0, name.length()); // a token (checked in of)
            out.writeAscii(": ", 0, 2);
            out.write(value, 0, value.length());
        } else if (asciiSource) {
            out.writeAscii(source, rawStart, rawEnd);
        } else {
            out.write(source, rawStart, rawEnd);
        }
    }

    /** Receives text as {@code text[from, to)}. */
    public interface TextSink {
        void write(String text, int from, int to);

        /** Like {@link #write}, for text known to hold only chars below 0x80. */
        void writeAscii(String text, int from, int to);
    }

    /**
     * Whether the value has no top-level comma (outside quotes and angle brackets): one element of a list header.
     * A received field is looked at in place (line folding changes no comma, quote or bracket).
     */
    boolean isSingleValue() {
        String v = value;
        if (v != null) {
            return HeaderScanner.firstTopLevelComma(v) < 0;
        }
        return HeaderScanner.nextTopLevelComma(source, valueStart, rawEnd) < 0;
    }

    /** The value split at top-level commas (not inside quotes or angle brackets), each trimmed. */
    public List<String> values() {
        return HeaderScanner.splitTopLevel(value());
    }

    /**
     * The typed value for a single-valued type, or the list of values for a list type, parsed once.
     *
     * @throws MalformedHeaderException if the value does not follow the type's grammar
     */
    @SuppressWarnings("unchecked")
    <T> Object parsed(HeaderType<T> type) {
        Cached c = cached;
        if (c != null && c.type == type) {
            return c.value;
        }
        Object v = value == null && source != null && type.parsesInPlace()
                ? parseReceived(type) : type.parseField(value());
        cached = new Cached(type, v);
        return v;
    }

    /**
     * Parses a received field in place in the message head when it is on one line, as it nearly always is: the value
     * as a string of its own is made only if something asks for {@link #value()}. A folded field is unfolded first.
     */
    private Object parseReceived(HeaderType<?> type) {
        int from = valueStart;
        int to = rawEnd;
        // The bounds value() would cut: white space (and line ends) off both ends.
        while (from < to && isWhite(source.charAt(from))) {
            from++;
        }
        while (to > from && isWhite(source.charAt(to - 1))) {
            to--;
        }
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if (c == '\r' || c == '\n') {
                return type.parseField(value());
            }
        }
        return type.parseRange(source, from, to);
    }

    /** The typed value of a single-valued header type. */
    @SuppressWarnings("unchecked")
    public <T> T as(HeaderType<T> type) {
        if (type.isList()) {
            List<T> list = (List<T>) parsed(type);
            if (list.isEmpty()) {
                throw new MalformedHeaderException(name, "empty value");
            }
            return list.get(0);
        }
        return (T) parsed(type);
    }

    /** The typed values of this field (one for single-valued types). */
    @SuppressWarnings("unchecked")
    public <T> List<T> asList(HeaderType<T> type) {
        Object v = parsed(type);
        return type.isList() ? (List<T>) v : List.of((T) v);
    }

    private static String unfold(String s, int from, int to) {
        while (from < to && isWhite(s.charAt(from))) {
            from++;
        }
        while (to > from && isWhite(s.charAt(to - 1))) {
            to--;
        }
        int nl = s.indexOf('\n', from);
        int cr = s.indexOf('\r', from);
        boolean folded = (nl >= 0 && nl < to) || (cr >= 0 && cr < to);
        if (!folded) {
            return s.substring(from, to);
        }
        // LWS = [*WSP CRLF] 1*WSP: the whole run becomes one SP.
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (isWhite(c)) {
                while (i < to && isWhite(s.charAt(i))) {
                    i++;
                }
                sb.append(' ');
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Same name and same (unfolded) value; the raw spelling is not compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f && name.equalsIgnoreCase(f.name) && value().equals(f.value());
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(java.util.Locale.ROOT).hashCode() * 31 + value().hashCode();
    }

    @Override
    public String toString() {
        return name + ": " + value();
    }
}
