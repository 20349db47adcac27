package org.imscore.sip.uri;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** URI equivalence: RFC 3261 §19.1.4 (sip/sips) and RFC 3966 §4 (tel). */
final class UriComparison {

    /** uri-parameters that, when present in either URI, must be present and equal in both (§19.1.4). */
    private static final String[] SIGNIFICANT = {"user", "ttl", "method", "maddr", "transport"};

    private UriComparison() {
    }

    static boolean sipEquivalent(SipUri a, SipUri b) {
        if (a.secure() != b.secure() || a.port() != b.port()) {
            return false;
        }
        // User info is case-sensitive, compared after unescaping.
        if (!nullableEquals(unescape(a.user()), unescape(b.user()))
                || !nullableEquals(unescape(a.password()), unescape(b.password()))) {
            return false;
        }
        if (!a.host().equalsIgnoreCase(b.host())) {
            return false;
        }
        for (String name : SIGNIFICANT) {
            if (a.parameters().has(name) || b.parameters().has(name)) {
                if (!a.parameters().has(name) || !b.parameters().has(name)
                        || !equalsIgnoreCaseUnescaped(a.parameters().value(name), b.parameters().value(name))) {
                    return false;
                }
            }
        }
        for (Parameter p : a.parameters().asList()) {
            if (b.parameters().has(p.name())
                    && !equalsIgnoreCaseUnescaped(p.value(), b.parameters().value(p.name()))) {
                return false;
            }
        }
        // Header components are never ignored: both must carry the same set.
        if (a.headers().size() != b.headers().size()) {
            return false;
        }
        for (Parameter h : a.headers().asList()) {
            String other = b.headers().value(h.name());
            if (other == null || !unescape(h.value()).equals(unescape(other))) {
                return false;
            }
        }
        return true;
    }

    static boolean telEquivalent(TelUri a, TelUri b) {
        if (a.isGlobal() != b.isGlobal()
                || !stripVisualSeparators(a.number()).equalsIgnoreCase(stripVisualSeparators(b.number()))) {
            return false;
        }
        // Parameters: same set regardless of order; names and values case-insensitive; isub/ext/phone-context
        // compared without visual separators.
        if (a.parameters().size() != b.parameters().size()) {
            return false;
        }
        for (Parameter p : a.parameters().asList()) {
            if (!b.parameters().has(p.name())) {
                return false;
            }
            String va = p.value();
            String vb = b.parameters().value(p.name());
            if (va == null || vb == null) {
                if (va != vb) {
                    return false;
                }
                continue;
            }
            String n = p.name().toLowerCase(java.util.Locale.ROOT);
            if (n.equals("isub") || n.equals("ext") || n.equals("phone-context")) {
                va = stripVisualSeparators(va);
                vb = stripVisualSeparators(vb);
            }
            if (!unescape(va).equalsIgnoreCase(unescape(vb))) {
                return false;
            }
        }
        return true;
    }

    static String stripVisualSeparators(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Chars.isVisualSeparator(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean nullableEquals(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static boolean equalsIgnoreCaseUnescaped(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return unescape(a).equalsIgnoreCase(unescape(b));
    }

    /** Resolves %HH escapes (UTF-8). Text without '%' is returned as is. */
    static String unescape(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Chars.isHex(s.charAt(i + 1)) && Chars.isHex(s.charAt(i + 2))) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
