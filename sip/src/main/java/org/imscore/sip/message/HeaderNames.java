package org.imscore.sip.message;

/**
 * Canonical header field names and the compact forms of RFC 3261 §7.3.3 and later RFCs. Header names are
 * case-insensitive; the model always stores the canonical spelling, while the raw text keeps the received one.
 */
public final class HeaderNames {

    public static final String VIA = "Via";
    public static final String FROM = "From";
    public static final String TO = "To";
    public static final String CALL_ID = "Call-ID";
    public static final String CSEQ = "CSeq";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String CONTACT = "Contact";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_ENCODING = "Content-Encoding";
    public static final String EXPIRES = "Expires";
    public static final String MIN_EXPIRES = "Min-Expires";
    public static final String ROUTE = "Route";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String PATH = "Path";
    public static final String SERVICE_ROUTE = "Service-Route";
    public static final String AUTHORIZATION = "Authorization";
    public static final String PROXY_AUTHORIZATION = "Proxy-Authorization";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String PROXY_AUTHENTICATE = "Proxy-Authenticate";
    public static final String AUTHENTICATION_INFO = "Authentication-Info";
    public static final String REQUIRE = "Require";
    public static final String SUPPORTED = "Supported";
    public static final String ALLOW = "Allow";
    public static final String UNSUPPORTED = "Unsupported";
    public static final String PROXY_REQUIRE = "Proxy-Require";
    public static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
    public static final String P_PREFERRED_IDENTITY = "P-Preferred-Identity";
    public static final String P_ASSOCIATED_URI = "P-Associated-URI";
    public static final String P_VISITED_NETWORK_ID = "P-Visited-Network-ID";
    public static final String P_CHARGING_VECTOR = "P-Charging-Vector";
    public static final String P_CHARGING_FUNCTION_ADDRESSES = "P-Charging-Function-Addresses";
    public static final String P_ACCESS_NETWORK_INFO = "P-Access-Network-Info";
    public static final String SECURITY_CLIENT = "Security-Client";
    public static final String SECURITY_SERVER = "Security-Server";
    public static final String SECURITY_VERIFY = "Security-Verify";
    public static final String EVENT = "Event";
    public static final String ALLOW_EVENTS = "Allow-Events";
    public static final String SUBSCRIPTION_STATE = "Subscription-State";
    public static final String RSEQ = "RSeq";
    public static final String RACK = "RAck";
    public static final String SUBJECT = "Subject";
    public static final String REFER_TO = "Refer-To";
    public static final String REFERRED_BY = "Referred-By";
    public static final String SESSION_EXPIRES = "Session-Expires";
    public static final String MIN_SE = "Min-SE";
    public static final String IDENTITY = "Identity";
    public static final String ACCEPT = "Accept";
    public static final String ACCEPT_CONTACT = "Accept-Contact";
    public static final String REJECT_CONTACT = "Reject-Contact";
    public static final String REQUEST_DISPOSITION = "Request-Disposition";
    public static final String USER_AGENT = "User-Agent";
    public static final String SERVER = "Server";
    public static final String TIMESTAMP = "Timestamp";
    public static final String DATE = "Date";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String WARNING = "Warning";
    public static final String PRIVACY = "Privacy";

    /** Every name above plus a few common ones, so parsing maps them without allocating. */
    private static final String[] KNOWN = {
        VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, CONTACT, CONTENT_LENGTH, CONTENT_TYPE, CONTENT_ENCODING,
        EXPIRES, MIN_EXPIRES, ROUTE, RECORD_ROUTE, PATH, SERVICE_ROUTE, AUTHORIZATION, PROXY_AUTHORIZATION,
        WWW_AUTHENTICATE, PROXY_AUTHENTICATE, AUTHENTICATION_INFO, REQUIRE, SUPPORTED, ALLOW, UNSUPPORTED,
        PROXY_REQUIRE, P_ASSERTED_IDENTITY, P_PREFERRED_IDENTITY, P_ASSOCIATED_URI, P_VISITED_NETWORK_ID,
        P_CHARGING_VECTOR, P_CHARGING_FUNCTION_ADDRESSES, P_ACCESS_NETWORK_INFO, SECURITY_CLIENT,
        SECURITY_SERVER, SECURITY_VERIFY, EVENT, ALLOW_EVENTS, SUBSCRIPTION_STATE, RSEQ, RACK, SUBJECT,
        REFER_TO, REFERRED_BY, SESSION_EXPIRES, MIN_SE, IDENTITY, ACCEPT, ACCEPT_CONTACT, REJECT_CONTACT,
        REQUEST_DISPOSITION, USER_AGENT, SERVER, TIMESTAMP, DATE, RETRY_AFTER, WARNING, PRIVACY,
        "Accept-Encoding", "Accept-Language", "Alert-Info", "Call-Info", "Content-Disposition",
        "Content-Language", "Error-Info", "In-Reply-To", "MIME-Version", "Organization", "Priority",
        "Reply-To", "P-Called-Party-ID", "P-Served-User", "P-Early-Media", "Reason", "Feature-Caps",
        "P-Associated-URI", "Identity-Info", "Replaces", "Join", "History-Info", "Diversion",
        "Record-Route", "Session-ID", "Geolocation", "X-Real-IP",
    };

    /** KNOWN bucketed by name length, for allocation-free look-up of a name inside the received text. */
    private static final String[][] BY_LENGTH = new String[40][];

    static {
        for (String name : KNOWN) {
            int n = name.length();
            String[] bucket = BY_LENGTH[n];
            if (bucket == null) {
                BY_LENGTH[n] = new String[] {name};
            } else if (!java.util.Arrays.asList(bucket).contains(name)) {
                String[] grown = java.util.Arrays.copyOf(bucket, bucket.length + 1);
                grown[bucket.length] = name;
                BY_LENGTH[n] = grown;
            }
        }
    }

    private HeaderNames() {
    }

    /** The canonical name for any spelling or compact form: "v" and "VIA" give "Via"; unknown names as given. */
    public static String canonical(String name) {
        return canonical(name, 0, name.length());
    }

    /** As {@link #canonical(String)} for {@code text[from, to)}; allocates only for unknown names. */
    public static String canonical(String text, int from, int to) {
        int n = to - from;
        if (n == 1) {
            String full = compact(text.charAt(from));
            if (full != null) {
                return full;
            }
        } else if (n < BY_LENGTH.length && BY_LENGTH[n] != null) {
            char first = (char) (text.charAt(from) & ~0x20); // known names start with a letter
            for (String known : BY_LENGTH[n]) {
                if (known.charAt(0) == first && text.regionMatches(true, from, known, 0, n)) {
                    return known;
                }
            }
        }
        return text.substring(from, to);
    }

    /**
     * Whether {@code name} is one of this class's canonical constants (the very instance, as
     * {@link #canonical} returns it). Fields of a known header always carry that instance as their name, so such
     * names can be compared by identity.
     */
    public static boolean isKnown(String name) {
        return isKnownInstance(name);
    }

    static boolean isKnownInstance(String name) {
        int n = name.length();
        if (n < BY_LENGTH.length && BY_LENGTH[n] != null) {
            for (String known : BY_LENGTH[n]) {
                if (known == name) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Compact forms: RFC 3261 §7.3.3 (i m e l c f s k t v), RFC 6665 (o u), RFC 3515 (r), RFC 3892 (b),
     * RFC 4028 (x), RFC 8224 (y), RFC 3841 (a j d), RFC 4474 (n).
     */
    public static String compact(char c) {
        return switch (Character.toLowerCase(c)) {
            case 'i' -> CALL_ID;
            case 'm' -> CONTACT;
            case 'e' -> CONTENT_ENCODING;
            case 'l' -> CONTENT_LENGTH;
            case 'c' -> CONTENT_TYPE;
            case 'f' -> FROM;
            case 's' -> SUBJECT;
            case 'k' -> SUPPORTED;
            case 't' -> TO;
            case 'v' -> VIA;
            case 'o' -> EVENT;
            case 'u' -> ALLOW_EVENTS;
            case 'r' -> REFER_TO;
            case 'b' -> REFERRED_BY;
            case 'x' -> SESSION_EXPIRES;
            case 'y' -> IDENTITY;
            case 'a' -> ACCEPT_CONTACT;
            case 'j' -> REJECT_CONTACT;
            case 'd' -> REQUEST_DISPOSITION;
            case 'n' -> "Identity-Info";
            default -> null;
        };
    }
}
