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
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidUriException("no scheme in URI: " + text);
        }
        for (int i = 0; i < colon; i++) {
            char c = text.charAt(i);
            boolean ok = Chars.isAlpha(c) || (i > 0 && (Chars.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                throw new InvalidUriException("bad scheme in URI: " + text);
            }
        }
        if (colon == 3 && text.regionMatches(true, 0, "sip", 0, 3)) {
            return parseSip(text, false, 4);
        }
        if (colon == 4 && text.regionMatches(true, 0, "sips", 0, 4)) {
            return parseSip(text, true, 5);
        }
        if (colon == 3 && text.regionMatches(true, 0, "tel", 0, 3)) {
            return parseTel(text, 4);
        }
        return parseAbsolute(text, colon);
    }

    private static SipUri parseSip(String s, boolean secure, int start) {
        int end = s.length();
        String user = null;
        String password = null;
        int at = s.indexOf('@', start);
        int hostStart = start;
        if (at >= 0) {
            int pw = -1;
            for (int i = start; i < at; i++) {
                char c = s.charAt(i);
                if (c == ':' && pw < 0) {
                    pw = i;
                } else if (!(Chars.isUserChar(c) || (pw >= 0 && Chars.isPasswordChar(c)))) {
                    throw new InvalidUriException("bad character '" + c + "' in user part of " + s);
                }
            }
            int userEnd = pw < 0 ? at : pw;
            if (userEnd == start) {
                throw new InvalidUriException("empty user part in " + s);
            }
            user = s.substring(start, userEnd);
            checkEscapes(user, s);
            if (pw >= 0) {
                password = s.substring(pw + 1, at);
                checkEscapes(password, s);
            }
            hostStart = at + 1;
        }
        int i = hostStart;
        String host;
        if (i < end && s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0 || !isIpv6(s, i + 1, close)) {
                throw new InvalidUriException("bad IPv6 reference in " + s);
            }
            host = s.substring(i, close + 1);
            i = close + 1;
        } else {
            int h = i;
            while (i < end && Chars.isHostChar(s.charAt(i))) {
                i++;
            }
            if (i == h || !isHostname(s, h, i)) {
                throw new InvalidUriException("bad host in " + s);
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
                throw new InvalidUriException("bad port in " + s);
            }
            port = Integer.parseInt(s, p, i, 10);
            if (port > 65535) {
                throw new InvalidUriException("port out of range in " + s);
            }
        }
        List<Parameter> params = null;
        while (i < end && s.charAt(i) == ';') {
            int p = ++i;
            while (i < end && s.charAt(i) != ';' && s.charAt(i) != '?') {
                if (!Chars.isParamChar(s.charAt(i)) && s.charAt(i) != '=') {
                    throw new InvalidUriException("bad character '" + s.charAt(i) + "' in parameter of " + s);
                }
                i++;
            }
            if (params == null) {
                params = new ArrayList<>(4);
            }
            params.add(nameValue(s, p, i, "parameter"));
        }
        List<Parameter> headers = null;
        if (i < end && s.charAt(i) == '?') {
            headers = new ArrayList<>(2);
            do {
                int p = ++i;
                while (i < end && s.charAt(i) != '&') {
                    if (!Chars.isHeaderChar(s.charAt(i)) && s.charAt(i) != '=') {
                        throw new InvalidUriException("bad character '" + s.charAt(i) + "' in header of " + s);
                    }
                    i++;
                }
                Parameter h = nameValue(s, p, i, "header");
                if (h.isFlag()) {
                    throw new InvalidUriException("URI header without '=' in " + s);
                }
                headers.add(h);
            } while (i < end && s.charAt(i) == '&');
        }
        if (i != end) {
            throw new InvalidUriException("unexpected '" + s.charAt(i) + "' in " + s);
        }
        return new SipUri(secure, user, password, host, port, Parameters.adopt(params), Parameters.adopt(headers));
    }

    private static Parameter nameValue(String s, int from, int to, String what) {
        int eq = s.indexOf('=', from);
        if (eq < 0 || eq >= to) {
            if (from == to) {
                throw new InvalidUriException("empty " + what + " in " + s);
            }
            String name = from + 2 == to && s.startsWith("lr", from) ? "lr" : s.substring(from, to);
            checkEscapes(name, s);
            return Parameter.flag(name);
        }
        if (eq == from) {
            throw new InvalidUriException("empty " + what + " name in " + s);
        }
        String name = eq - from == 9 && s.startsWith("transport", from) ? "transport"
                : eq - from == 4 && s.startsWith("user", from) ? "user" : s.substring(from, eq);
        String value = s.substring(eq + 1, to);
        checkEscapes(name, s);
        checkEscapes(value, s);
        return Parameter.of(name, value);
    }

    private static void checkEscapes(String part, String whole) {
        int pct = part.indexOf('%');
        while (pct >= 0) {
            if (pct + 2 >= part.length()
                    || !Chars.isHex(part.charAt(pct + 1)) || !Chars.isHex(part.charAt(pct + 2))) {
                throw new InvalidUriException("bad escape in " + whole);
            }
            pct = part.indexOf('%', pct + 3);
        }
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

    private static TelUri parseTel(String s, int start) {
        int end = s.length();
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
                throw new InvalidUriException("bad character '" + c + "' in tel number " + s);
            }
            i++;
        }
        if (digits == 0) {
            throw new InvalidUriException("tel URI without digits: " + s);
        }
        String number = s.substring(start, i);
        List<Parameter> params = null;
        while (i < end) {
            int p = ++i;
            while (i < end && s.charAt(i) != ';') {
                char c = s.charAt(i);
                if (!Chars.isParamChar(c) && c != '=' && c != '%') {
                    throw new InvalidUriException("bad character '" + c + "' in tel parameter " + s);
                }
                i++;
            }
            if (params == null) {
                params = new ArrayList<>(2);
            }
            params.add(nameValue(s, p, i, "parameter"));
        }
        // RFC 3966 §5.1.5 requires phone-context for a local number, but IMS networks send local numbers without
        // one (e.g. tel:0398765432100 in P-Associated-URI from Kamailio S-CSCFs), so it is accepted here;
        // TelUri.phoneContext() is then empty.
        TelUri uri = new TelUri(number, Parameters.adopt(params));
        return uri;
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
