package org.imscore.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A header name together with the grammar of its value: the key for typed reads such as
 * {@code message.header(HeaderType.CSEQ)} or {@code message.headers(HeaderType.VIA)}.
 *
 * <p>A list type (Via, Contact, Route, Require, ...) splits each field at top-level commas (RFC 3261 §7.3.1) and
 * parses each element; a single type (CSeq, From, Authorization, ...) parses the whole field value. Define more
 * types with {@link #single} and {@link #list}.
 *
 * @param <T> the typed value of one element
 */
public final class HeaderType<T> {

    public static final HeaderType<Via> VIA = scannedList(HeaderNames.VIA, Via::parse);
    public static final HeaderType<NameAddress> FROM = scannedSingle(HeaderNames.FROM, NameAddress::parse);
    public static final HeaderType<NameAddress> TO = scannedSingle(HeaderNames.TO, NameAddress::parse);
    public static final HeaderType<String> CALL_ID = single(HeaderNames.CALL_ID, HeaderType::callId);
    public static final HeaderType<CSeq> CSEQ = single(HeaderNames.CSEQ, CSeq::parse);
    // Read in place (the parser checks both on every message): no string of the value first.
    public static final HeaderType<Integer> MAX_FORWARDS = scannedSingle(HeaderNames.MAX_FORWARDS,
            sc -> (int) sc.restAsNumber(255, "Max-Forwards"));
    public static final HeaderType<Integer> CONTENT_LENGTH = scannedSingle(HeaderNames.CONTENT_LENGTH,
            sc -> (int) sc.restAsNumber(Integer.MAX_VALUE, "Content-Length"));
    public static final HeaderType<MediaType> CONTENT_TYPE = single(HeaderNames.CONTENT_TYPE, MediaType::parse);
    public static final HeaderType<Contact> CONTACT = scannedList(HeaderNames.CONTACT, Contact::parse);
    /** delta-seconds; values above 2**32-1 are kept as read (RFC 3261 §20.19 allows clamping by the reader). */
    public static final HeaderType<Long> EXPIRES = single(HeaderNames.EXPIRES,
            v -> HeaderScanner.number(v, Long.MAX_VALUE / 10, "Expires"));
    public static final HeaderType<Long> MIN_EXPIRES = single(HeaderNames.MIN_EXPIRES,
            v -> HeaderScanner.number(v, Long.MAX_VALUE / 10, "Min-Expires"));
    public static final HeaderType<NameAddress> ROUTE = scannedList(HeaderNames.ROUTE, NameAddress::parse);
    public static final HeaderType<NameAddress> RECORD_ROUTE = scannedList(HeaderNames.RECORD_ROUTE, NameAddress::parse);
    public static final HeaderType<NameAddress> PATH = scannedList(HeaderNames.PATH, NameAddress::parse);
    public static final HeaderType<NameAddress> SERVICE_ROUTE = scannedList(HeaderNames.SERVICE_ROUTE, NameAddress::parse);
    public static final HeaderType<DigestCredentials> AUTHORIZATION =
            scannedSingle(HeaderNames.AUTHORIZATION, DigestCredentials::parse);
    public static final HeaderType<DigestCredentials> PROXY_AUTHORIZATION =
            scannedSingle(HeaderNames.PROXY_AUTHORIZATION, DigestCredentials::parse);
    public static final HeaderType<DigestChallenge> WWW_AUTHENTICATE =
            scannedSingle(HeaderNames.WWW_AUTHENTICATE, DigestChallenge::parse);
    public static final HeaderType<DigestChallenge> PROXY_AUTHENTICATE =
            scannedSingle(HeaderNames.PROXY_AUTHENTICATE, DigestChallenge::parse);
    public static final HeaderType<AuthenticationInfo> AUTHENTICATION_INFO =
            single(HeaderNames.AUTHENTICATION_INFO, AuthenticationInfo::parse);
    public static final HeaderType<String> REQUIRE = list(HeaderNames.REQUIRE, HeaderType::token);
    public static final HeaderType<String> SUPPORTED = list(HeaderNames.SUPPORTED, HeaderType::token);
    public static final HeaderType<String> ALLOW = list(HeaderNames.ALLOW, HeaderType::token);
    public static final HeaderType<String> UNSUPPORTED = list(HeaderNames.UNSUPPORTED, HeaderType::token);
    public static final HeaderType<String> PROXY_REQUIRE = list(HeaderNames.PROXY_REQUIRE, HeaderType::token);
    public static final HeaderType<NameAddress> P_ASSERTED_IDENTITY =
            scannedList(HeaderNames.P_ASSERTED_IDENTITY, NameAddress::parse);
    public static final HeaderType<NameAddress> P_PREFERRED_IDENTITY =
            scannedList(HeaderNames.P_PREFERRED_IDENTITY, NameAddress::parse);
    public static final HeaderType<NameAddress> P_ASSOCIATED_URI =
            scannedList(HeaderNames.P_ASSOCIATED_URI, NameAddress::parse);
    /** Network identifiers (token or quoted-string), unquoted; parameters dropped (RFC 7315 §4.3). */
    public static final HeaderType<String> P_VISITED_NETWORK_ID =
            list(HeaderNames.P_VISITED_NETWORK_ID, HeaderType::visitedNetwork);
    public static final HeaderType<PChargingVector> P_CHARGING_VECTOR =
            single(HeaderNames.P_CHARGING_VECTOR, PChargingVector::parse);
    public static final HeaderType<SecurityMechanism> SECURITY_CLIENT =
            scannedList(HeaderNames.SECURITY_CLIENT, SecurityMechanism::parse);
    public static final HeaderType<SecurityMechanism> SECURITY_SERVER =
            scannedList(HeaderNames.SECURITY_SERVER, SecurityMechanism::parse);
    public static final HeaderType<SecurityMechanism> SECURITY_VERIFY =
            scannedList(HeaderNames.SECURITY_VERIFY, SecurityMechanism::parse);
    public static final HeaderType<EventHeader> EVENT = single(HeaderNames.EVENT, EventHeader::parse);
    public static final HeaderType<SubscriptionState> SUBSCRIPTION_STATE =
            single(HeaderNames.SUBSCRIPTION_STATE, SubscriptionState::parse);
    public static final HeaderType<Long> RSEQ = single(HeaderNames.RSEQ,
            v -> HeaderScanner.number(v, 0xFFFFFFFFL, "RSeq"));
    public static final HeaderType<RAck> RACK = single(HeaderNames.RACK, RAck::parse);

    private final String name;
    private final boolean list;
    private final Function<String, T> parser;
    /** The same grammar as {@link #parser} read in place by a scanner, or null: see {@link #parseRange}. */
    private final Function<HeaderScanner, T> scanner;

    private HeaderType(String name, boolean list, Function<String, T> parser, Function<HeaderScanner, T> scanner) {
        this.name = HeaderNames.canonical(name);
        this.list = list;
        this.parser = parser;
        this.scanner = scanner;
    }

    /** A header whose whole field value is one {@code T}; the parser throws IllegalArgumentException on bad text. */
    public static <T> HeaderType<T> single(String name, Function<String, T> parser) {
        return new HeaderType<>(name, false, parser, null);
    }

    /** A header whose field value is a comma-separated list of {@code T}. */
    public static <T> HeaderType<T> list(String name, Function<String, T> elementParser) {
        return new HeaderType<>(name, true, elementParser, null);
    }

    /**
     * The header types a proxy or registrar reads on every message (Via, From, To, Route, Record-Route, Contact,
     * Authorization, Security-Client, ...) parse a received field in place, from the message head (see
     * {@link #parseRange}): the whole text is parsed by {@code scanner}.
     */
    private static <T> HeaderType<T> scannedSingle(String name, Function<HeaderScanner, T> scanner) {
        return new HeaderType<>(name, false, text -> HeaderScanner.parseAll(text, scanner), scanner);
    }

    private static <T> HeaderType<T> scannedList(String name, Function<HeaderScanner, T> scanner) {
        return new HeaderType<>(name, true, text -> HeaderScanner.parseAll(text, scanner), scanner);
    }

    public String name() {
        return name;
    }

    public boolean isList() {
        return list;
    }

    /** Parses one field value: a {@code T}, or a {@code List<T>} for list types. */
    Object parseField(String value) {
        try {
            if (!list) {
                return parser.apply(value);
            }
            List<String> parts = HeaderScanner.splitTopLevel(value);
            if (parts.size() == 1) {
                return List.of(parser.apply(parts.get(0)));
            }
            List<T> out = new ArrayList<>(parts.size());
            for (String p : parts) {
                out.add(parser.apply(p));
            }
            return List.copyOf(out);
        } catch (IllegalArgumentException e) {
            throw new MalformedHeaderException(name, e.getMessage());
        }
    }

    /** Whether {@link #parseRange} reads a value in place. */
    boolean parsesInPlace() {
        return scanner != null;
    }

    /**
     * As {@link #parseField} for the value {@code s[from, to)}, which has no line break and no white space at either
     * end (a received, unfolded field): the same result and the same errors, without copying the value into a string
     * of its own first. Only for types that {@link #parsesInPlace()}.
     */
    Object parseRange(String s, int from, int to) {
        try {
            if (!list) {
                return HeaderScanner.parseAll(s, from, to, scanner);
            }
            int comma = HeaderScanner.nextTopLevelComma(s, from, to);
            if (comma < 0) {
                // One element, trimmed as String.strip() trims it in parseField.
                while (from < to && Character.isWhitespace(s.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
                    to--;
                }
                return from == to ? List.of() : List.of(HeaderScanner.parseAll(s, from, to, scanner));
            }
            // Elements between top-level commas, trimmed of SP and HTAB, empty ones dropped (splitTopLevel).
            List<T> out = new ArrayList<>(4);
            int start = from;
            while (true) {
                int elementEnd = comma < 0 ? to : comma;
                int a = start;
                int b = elementEnd;
                while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
                    a++;
                }
                while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
                    b--;
                }
                if (b > a) {
                    out.add(HeaderScanner.parseAll(s, a, b, scanner));
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
                comma = HeaderScanner.nextTopLevelComma(s, start, to);
            }
            return out.size() == 1 ? List.of(out.get(0)) : List.copyOf(out);
        } catch (IllegalArgumentException e) {
            throw new MalformedHeaderException(name, e.getMessage());
        }
    }

    private static String token(String v) {
        String t = v.strip();
        if (!HeaderScanner.isToken(t)) {
            throw new HeaderSyntaxException("bad token '" + t + "'");
        }
        return t;
    }

    /** callid = word [ "@" word ] (RFC 3261 §25.1): visible characters, no whitespace. */
    private static String callId(String v) {
        if (v.isEmpty()) {
            throw new HeaderSyntaxException("empty Call-ID");
        }
        int at = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new HeaderSyntaxException("bad character in Call-ID");
            }
            if (c == '@') {
                if (at >= 0 || i == 0 || i == v.length() - 1) {
                    throw new HeaderSyntaxException("bad '@' in Call-ID");
                }
                at = i;
            }
        }
        return v;
    }

    private static String visitedNetwork(String v) {
        HeaderScanner sc = new HeaderScanner(v);
        sc.skipWs();
        String id = sc.peek() == '"' ? sc.quotedString() : sc.token("network id");
        sc.parameters();
        sc.expectEnd();
        return id;
    }

    @Override
    public String toString() {
        return name;
    }
}
