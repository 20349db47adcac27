package org.imscore.sip.uri;

/** Syntax checks for the host part of sent-by, hostport and received (RFC 3261 §25.1, RFC 5118). */
public final class Hosts {

    private Hosts() {
    }

    /** A host name, an IPv4 address or a bracketed IPv6 reference. */
    public static boolean isValidHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        if (host.charAt(0) == '[') {
            return host.charAt(host.length() - 1) == ']' && UriParser.isIpv6(host, 1, host.length() - 1);
        }
        boolean labelStart = true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (labelStart) {
                    return false;
                }
                labelStart = true;
            } else if (Chars.isHostChar(c)) {
                labelStart = false;
            } else {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 address without brackets (as the Via received parameter carries it, RFC 5118 §4.5). */
    public static boolean isIpv6Address(String text) {
        return text != null && UriParser.isIpv6(text, 0, text.length());
    }

    public static boolean isIpv4Address(String text) {
        return text != null && !text.isEmpty() && UriParser.isIpv4(text, 0, text.length());
    }

    /** Resolves %HH escapes (UTF-8) in a URI component; text without '%' is returned as is. */
    public static String unescape(String text) {
        return UriComparison.unescape(text);
    }
}
