package org.imscore.sip.uri;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written URI grammar (RFC 3261 §25.1, RFC 3966 §3, RFC 5118 for IPv6 references). No regular
 * expressions: this runs for every Request-URI and every name-addr read.
 */
final class UriParser {

    private UriParser() {
    }

    static Uri parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidUriException("empty URI");
        }
        return parse(text, 0, text.length());
    }

    /**
     * Parses the URI written at {@code text[from, to)}. A name-addr's URI is read where it stands in the header
     * value: copying it into a string of its own first cost a string per From, To and Route read. Error messages
     * quote the URI text as {@link #parse(String)} would.
     */
    static Uri parse(String text, int from, int to) {
        if (from >= to) {
            throw new InvalidUriException("empty URI");
        }
        int colon = indexOf(text, ':', from, to);
        if (colon <= from || colon >= to) {
            throw new InvalidUriException("no scheme in URI: " + text.substring(from, to));
        }
        for (int i = from; i < colon; i++) {
            char c = text.charAt(i);
            boolean ok = Chars.isAlpha(c) || (i > from && (Chars.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                throw new InvalidUriException("bad scheme in URI: " + text.substring(from, to));
            }
        }
        int schemeLength = colon - from;
        if (schemeLength == 3 && text.regionMatches(true, from, "sip", 0, 3)) {
            return parseSip(text, false, from, colon + 1, to);
        }
        if (schemeLength == 4 && text.regionMatches(true, from, "sips", 0, 4)) {
            return parseSip(text, true, from, colon + 1, to);
        }
        if (schemeLength == 3 && text.regionMatches(true, from, "tel", 0, 3)) {
            return parseTel(text, from, colon + 1, to);
        }
        return parseAbsolute(text.substring(from, to), colon - from);
    }

    /** A sip or sips URI at {@code s[uriStart, end)} whose scheme ends before {@code start}. */
    private static SipUri parseSip(String s, boolean secure, int uriStart, int start, int end) {
        String user = null;
        String password = null;
        int at = indexOf(s, '@', start, end);
        int hostStart = start;
        if (at >= 0 && at < end) {
            int pw = -1;
            for (int i = start; i < at; i++) {
                char c = s.charAt(i);
                if (c == ':' && pw < 0) {
                    pw = i;
                } else if (!(Chars.isUserChar(c) || (pw >= 0 && Chars.isPasswordChar(c)))) {
                    throw new InvalidUriException("bad character '" + c + "' in user part of "
                            + s.substring(uriStart, end));
                }
            }
            int userEnd = pw < 0 ? at : pw;
            if (userEnd == start) {
                throw new InvalidUriException("empty user part in " + s.substring(uriStart, end));
            }
            checkEscapes(s, start, userEnd, uriStart, end);
            user = s.substring(start, userEnd);
            if (pw >= 0) {
                checkEscapes(s, pw + 1, at, uriStart, end);
                password = s.substring(pw + 1, at);
            }
            hostStart = at + 1;
        }
        int i = hostStart;
        String host;
        if (i < end && s.charAt(i) == '[') {
            int close = indexOf(s, ']', i, end);
            if (close < 0 || close >= end || !isIpv6(s, i + 1, close)) {
                throw new InvalidUriException("bad IPv6 reference in " + s.substring(uriStart, end));
            }
            host = s.substring(i, close + 1);
            i = close + 1;
        } else {
            int h = i;
            while (i < end && Chars.isHostChar(s.charAt(i))) {
                i++;
            }
            if (i == h || !isHostname(s, h, i)) {
                throw new InvalidUriException("bad host in " + s.substring(uriStart, end));
            }
            host = s.substring(h, i);
        }
        int port = -1;
        if (i < end && s.charAt(i) == ':') {
            i++;
            int p = i;
            while (i < end && Chars.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == p || i - p > 5) {
                throw new InvalidUriException("bad port in " + s.substring(uriStart, end));
            }
            port = Integer.parseInt(s, p, i, 10);
            if (port > 65535) {
                throw new InvalidUriException("port out of range in " + s.substring(uriStart, end));
            }
        }
        List<Parameter> params = null;
        while (i < end && s.charAt(i) == ';') {
            int p = ++i;
            while (i < end && s.charAt(i) != ';' && s.charAt(i) != '?') {
                if (!Chars.isParamChar(s.charAt(i)) && s.charAt(i) != '=') {
                    throw new InvalidUriException("bad character '" + s.charAt(i) + "' in parameter of "
                            + s.substring(uriStart, end));
                }
                i++;
            }
            if (params == null) {
                params = new ArrayList<>(4);
            }
            params.add(nameValue(s, p, i, "parameter", uriStart, end));
        }
        List<Parameter> headers = null;
        if (i < end && s.charAt(i) == '?') {
            headers = new ArrayList<>(2);
            do {
                int p = ++i;
                while (i < end && s.charAt(i) != '&') {
                    if (!Chars.isHeaderChar(s.charAt(i)) && s.charAt(i) != '=') {
                        throw new InvalidUriException("bad character '" + s.charAt(i) + "' in header of "
                                + s.substring(uriStart, end));
                    }
                    i++;
                }
                Parameter h = nameValue(s, p, i, "header", uriStart, end);
                if (h.isFlag()) {
                    throw new InvalidUriException("URI header without '=' in " + s.substring(uriStart, end));
                }
                headers.add(h);
            } while (i < end && s.charAt(i) == '&');
        }
        if (i != end) {
            throw new InvalidUriException("unexpected '" + s.charAt(i) + "' in " + s.substring(uriStart, end));
        }
        return new SipUri(secure, user, password, host, port, Parameters.adopt(params), Parameters.adopt(headers));
    }

    /** A parameter or header {@code s[from, to)} of the URI {@code s[uriStart, uriEnd)}. */
    private static Parameter nameValue(String s, int from, int to, String what, int uriStart, int uriEnd) {
        int eq = indexOf(s, '=', from, to);
        if (eq < 0 || eq >= to) {
            if (from == to) {
                throw new InvalidUriException("empty " + what + " in " + s.substring(uriStart, uriEnd));
            }
            checkEscapes(s, from, to, uriStart, uriEnd);
            String name = from + 2 == to && s.startsWith("lr", from) ? "lr" : s.substring(from, to);
            return Parameter.flag(name);
        }
        if (eq == from) {
            throw new InvalidUriException("empty " + what + " name in " + s.substring(uriStart, uriEnd));
        }
        checkEscapes(s, from, eq, uriStart, uriEnd);
        checkEscapes(s, eq + 1, to, uriStart, uriEnd);
        String name = eq - from == 9 && s.startsWith("transport", from) ? "transport"
                : eq - from == 4 && s.startsWith("user", from) ? "user" : s.substring(from, eq);
        return Parameter.of(name, s.substring(eq + 1, to));
    }

    /**
     * Every '%' in {@code s[from, to)} starts an escape of two hex digits; else the URI {@code s[uriStart, uriEnd)},
     * named in the message, is bad.
     */
    private static void checkEscapes(String s, int from, int to, int uriStart, int uriEnd) {
        int pct = indexOf(s, '%', from, to);
        while (pct >= 0 && pct < to) {
            if (pct + 2 >= to || !Chars.isHex(s.charAt(pct + 1)) || !Chars.isHex(s.charAt(pct + 2))) {
                throw new InvalidUriException("bad escape in " + s.substring(uriStart, uriEnd));
            }
            pct = indexOf(s, '%', pct + 3, to);
        }
    }

    /**
     * The first {@code c} in {@code s[from, to)}, or -1. The URI may be a range of a whole message head: a search that
     * ran past {@code to} would walk the rest of the head for every URI read.
     */
    private static int indexOf(String s, char c, int from, int to) {
        return from < to ? s.indexOf(c, from, to) : -1;
    }

    /** hostname / IPv4address: labels of alphanumerics and '-', dot-separated, optional trailing dot. */
    private static boolean isHostname(String s, int from, int to) {
        boolean labelStart = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (labelStart) {
                    return false;
                }
                labelStart = true;
            } else {
                labelStart = false;
            }
        }
        return true;
    }

    /** RFC 4291 §2.2 text forms, including an embedded IPv4 tail and one "::" (RFC 5118 §4.10). */
    static boolean isIpv6(String s, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (to - from < 2) {
            return false;
        }
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            compressed = true;
            i += 2;
            if (i == to) {
                return true;
            }
        }
        while (i < to) {
            int g = i;
            while (i < to && Chars.isHex(s.charAt(i))) {
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // IPv4 tail: must be the last element and takes two groups.
                if (!isIpv4(s, g, to)) {
                    return false;
                }
                groups += 2;
                i = to;
                break;
            }
            if (i == g || i - g > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    static boolean isIpv4(String s, int from, int to) {
        int parts = 0;
        int i = from;
        while (true) {
            int p = i;
            int v = 0;
            while (i < to && Chars.isDigit(s.charAt(i)) && i - p < 3) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == p || v > 255) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    /** A tel URI at {@code s[uriStart, end)} whose scheme ends before {@code start}. */
    private static TelUri parseTel(String s, int uriStart, int start, int end) {
        int i = start;
        boolean global = i < end && s.charAt(i) == '+';
        if (global) {
            i++;
        }
        int digits = 0;
        while (i < end && s.charAt(i) != ';') {
            char c = s.charAt(i);
            if (Chars.isDigit(c) || (!global && (Chars.isHex(c) || c == '*' || c == '#'))) {
                digits++;
            } else if (!Chars.isVisualSeparator(c)) {
                throw new InvalidUriException("bad character '" + c + "' in tel number " + s.substring(uriStart, end));
            }
            i++;
        }
        if (digits == 0) {
            throw new InvalidUriException("tel URI without digits: " + s.substring(uriStart, end));
        }
        String number = s.substring(start, i);
        List<Parameter> params = null;
        while (i < end) {
            int p = ++i;
            while (i < end && s.charAt(i) != ';') {
                char c = s.charAt(i);
                if (!Chars.isParamChar(c) && c != '=' && c != '%') {
                    throw new InvalidUriException("bad character '" + c + "' in tel parameter "
                            + s.substring(uriStart, end));
                }
                i++;
            }
            if (params == null) {
                params = new ArrayList<>(2);
            }
            params.add(nameValue(s, p, i, "parameter", uriStart, end));
        }
        // RFC 3966 §5.1.5 requires phone-context for a local number, but IMS networks send local numbers without
        // one (e.g. tel:0398765432100 in P-Associated-URI from Kamailio S-CSCFs), so it is accepted here;
        // TelUri.phoneContext() is then empty.
        return new TelUri(number, Parameters.adopt(params));
    }

    private static AbsoluteUri parseAbsolute(String s, int colon) {
        if (colon + 1 >= s.length()) {
            throw new InvalidUriException("empty URI after scheme: " + s);
        }
        for (int i = colon + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c >= 0x7f) {
                throw new InvalidUriException("bad character in URI " + s);
            }
        }
        return new AbsoluteUri(s.substring(0, colon).toLowerCase(java.util.Locale.ROOT), s);
    }
}
