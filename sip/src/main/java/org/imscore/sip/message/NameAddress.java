package org.imscore.sip.message;

import java.util.Optional;
import org.imscore.sip.uri.InvalidUriException;
import org.imscore.sip.uri.Parameter;
import org.imscore.sip.uri.Parameters;
import org.imscore.sip.uri.Uri;

/**
 * A {@code name-addr} or {@code addr-spec} with its header parameters (From, To, Route, Record-Route, Path,
 * Service-Route, P-Asserted-Identity, P-Associated-URI, ...). In the addr-spec form, parameters after the URI
 * belong to the header, not the URI (RFC 3261 §20.10).
 *
 * @param displayName the display name, unquoted, or {@code null}
 * @param uri         the address
 * @param parameters  header parameters such as {@code tag}
 */
public record NameAddress(String displayName, Uri uri, Parameters parameters) {

    public NameAddress {
        java.util.Objects.requireNonNull(uri, "uri");
        parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static NameAddress of(Uri uri) {
        return new NameAddress(null, uri, Parameters.EMPTY);
    }

    public static NameAddress parse(String text) {
        return HeaderScanner.parseAll(text, NameAddress::parse);
    }

    /** Reads one name-addr/addr-spec with parameters at the cursor, stopping before ',' or the end. */
    static NameAddress parse(HeaderScanner sc) {
        sc.skipWs();
        String display = null;
        String s = sc.s;
        if (sc.peek() == '"') {
            display = sc.quotedString();
            sc.skipWs();
            if (sc.peek() != '<') {
                throw sc.error("expected '<' after display name");
            }
        } else if (sc.peek() != '<') {
            int i = sc.pos;
            while (i < sc.end && (HeaderScanner.isTokenChar(s.charAt(i)) || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i < sc.end && s.charAt(i) == '<' && i > sc.pos) {
                display = s.substring(sc.pos, i).strip();
                sc.pos = i;
            }
        }
        Uri uri;
        if (sc.peek() == '<') {
            int gt = s.indexOf('>', sc.pos);
            if (gt < 0 || gt >= sc.end) {
                throw sc.error("missing '>'");
            }
            uri = uri(sc, sc.pos + 1, gt);
            sc.pos = gt + 1;
        } else {
            int from = sc.pos;
            while (sc.pos < sc.end) {
                char c = s.charAt(sc.pos);
                if (c == ';' || c == ',' || c == ' ' || c == '\t') {
                    break;
                }
                if (c == '?') {
                    // §20: a URI with headers (or ',' ';') must be enclosed in <> (RFC 4475 §3.1.2.13).
                    throw sc.error("URI with '?' not enclosed in <>");
                }
                sc.pos++;
            }
            uri = uri(sc, from, sc.pos);
        }
        return new NameAddress(display == null || display.isEmpty() ? null : display, uri, sc.parameters());
    }

    /** The URI at {@code sc.s[from, to)}, read in place. */
    private static Uri uri(HeaderScanner sc, int from, int to) {
        try {
            return Uri.parse(sc.s, from, to);
        } catch (InvalidUriException e) {
            throw sc.error(e.getMessage());
        }
    }

    /** The {@code tag} parameter (From/To, RFC 3261 §19.3). */
    public Optional<String> tag() {
        return parameters.get("tag");
    }

    public NameAddress withTag(String tag) {
        return withParameter("tag", tag);
    }

    public NameAddress withParameter(String name, String value) {
        return new NameAddress(displayName, uri,
                parameters.with(value == null ? Parameter.flag(name) : Parameter.of(name, value)));
    }

    public NameAddress withoutParameter(String name) {
        return new NameAddress(displayName, uri, parameters.without(name));
    }

    /** Wire form; the URI is always written in angle brackets, the display name always quoted. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64);
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        if (displayName != null) {
            Parameter.appendQuoted(sb, displayName);
            sb.append(' ');
        }
        sb.append('<');
        uri.appendTo(sb);
        sb.append('>');
        parameters.appendTo(sb, ';');
    }
}
