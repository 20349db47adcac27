package org.imscore.sip.uri;

/**
 * One {@code ;name[=value]} parameter of a URI or a header field value.
 *
 * @param name   the name as written (compared case-insensitively)
 * @param value  the value without surrounding quotes and with quoted-pair escapes resolved, or {@code null}
 *               for a flag parameter such as {@code ;lr}
 * @param quoted whether the value is written as a quoted-string on the wire
 */
public record Parameter(String name, String value, boolean quoted) {

    public Parameter {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("parameter name is empty");
        }
    }

    public static Parameter flag(String name) {
        return new Parameter(name, null, false);
    }

    public static Parameter of(String name, String value) {
        return new Parameter(name, value, false);
    }

    public static Parameter quoted(String name, String value) {
        return new Parameter(name, value, true);
    }

    public boolean isFlag() {
        return value == null;
    }

    /** Appends {@code name[=value]} in wire form, quoting and escaping the value if it is quoted. */
    void appendTo(StringBuilder out) {
        out.append(name);
        if (value != null) {
            out.append('=');
            if (quoted) {
                appendQuoted(out, value);
            } else {
                out.append(value);
            }
        }
    }

    /** Writes {@code "text"} escaping {@code "} and {@code \} as quoted-pairs (RFC 3261 §25.1). */
    public static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
