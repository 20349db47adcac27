package org.imscore.sip.codec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.SipMessage;

/**
 * Strict validation: every header the model has a type for is parsed, plus a few grammar checks on headers
 * without one (Date). The parser leaves optional headers lazy; this is what a torture test or a conformance
 * check runs, and what an element may run before acting on a message it must fully trust.
 */
public final class SipValidator {

    private static final Map<String, HeaderType<?>> TYPES = Map.ofEntries(
            entry(HeaderType.VIA), entry(HeaderType.FROM), entry(HeaderType.TO), entry(HeaderType.CALL_ID),
            entry(HeaderType.CSEQ), entry(HeaderType.MAX_FORWARDS), entry(HeaderType.CONTENT_LENGTH),
            entry(HeaderType.CONTENT_TYPE), entry(HeaderType.CONTACT), entry(HeaderType.EXPIRES),
            entry(HeaderType.MIN_EXPIRES), entry(HeaderType.ROUTE), entry(HeaderType.RECORD_ROUTE),
            entry(HeaderType.PATH), entry(HeaderType.SERVICE_ROUTE), entry(HeaderType.AUTHORIZATION),
            entry(HeaderType.PROXY_AUTHORIZATION), entry(HeaderType.WWW_AUTHENTICATE),
            entry(HeaderType.PROXY_AUTHENTICATE), entry(HeaderType.AUTHENTICATION_INFO), entry(HeaderType.REQUIRE),
            entry(HeaderType.SUPPORTED), entry(HeaderType.ALLOW), entry(HeaderType.UNSUPPORTED),
            entry(HeaderType.PROXY_REQUIRE), entry(HeaderType.P_ASSERTED_IDENTITY),
            entry(HeaderType.P_PREFERRED_IDENTITY), entry(HeaderType.P_ASSOCIATED_URI),
            entry(HeaderType.P_VISITED_NETWORK_ID), entry(HeaderType.P_CHARGING_VECTOR),
            entry(HeaderType.SECURITY_CLIENT), entry(HeaderType.SECURITY_SERVER), entry(HeaderType.SECURITY_VERIFY),
            entry(HeaderType.EVENT), entry(HeaderType.SUBSCRIPTION_STATE), entry(HeaderType.RSEQ),
            entry(HeaderType.RACK));

    private static final List<String> WEEKDAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private SipValidator() {
    }

    private static Map.Entry<String, HeaderType<?>> entry(HeaderType<?> type) {
        return Map.entry(type.name(), type);
    }

    /** The first problem found, as the 400 to answer with; empty if every typed header parses. */
    public static Optional<SipParseError> strict(SipMessage message) {
        for (HeaderField f : message.headerFields()) {
            HeaderType<?> type = TYPES.get(f.name());
            try {
                if (type != null) {
                    f.asList(type);
                } else if (f.name().equals(HeaderNames.DATE) && !isRfc1123Date(f.value())) {
                    // SIP-date is rfc1123-date and always GMT (RFC 3261 §20.17; RFC 4475 §3.1.2.12).
                    return Optional.of(SipParseError.badRequest("Bad Date header", "not an RFC 1123 GMT date"));
                }
            } catch (MalformedHeaderException e) {
                return Optional.of(SipParseError.badRequest(e.reasonPhrase(), e.getMessage()));
            }
        }
        return Optional.empty();
    }

    /** {@code wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT"}. */
    static boolean isRfc1123Date(String v) {
        if (v.length() != 29) {
            return false;
        }
        return WEEKDAYS.contains(v.substring(0, 3)) && v.startsWith(", ", 3) && digits(v, 5, 7)
                && v.charAt(7) == ' ' && MONTHS.contains(v.substring(8, 11)) && v.charAt(11) == ' '
                && digits(v, 12, 16) && v.charAt(16) == ' ' && digits(v, 17, 19) && v.charAt(19) == ':'
                && digits(v, 20, 22) && v.charAt(22) == ':' && digits(v, 23, 25) && v.endsWith(" GMT");
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
