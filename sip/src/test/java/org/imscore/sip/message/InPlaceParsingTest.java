package org.imscore.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A received field of the types a proxy reads on every message (Via, From, To, Route, Record-Route, ...) is parsed in
 * place in the message head; it must give what parsing its value as a string of its own gives: the same typed value,
 * or the same error naming the same position.
 */
class InPlaceParsingTest {

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of(HeaderType.VIA, "SIP/2.0/UDP 192.168.101.5:6300;branch=z9hG4bK3261a7d1;rport"),
                Arguments.of(HeaderType.VIA, "  SIP / 2.0 / UDP  host.example.com ; branch = z9hG4bK1 ;received=1.2.3.4 "),
                Arguments.of(HeaderType.VIA, "SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP [2001:db8::9]:5061"),
                Arguments.of(HeaderType.VIA, "SIP/2.0/UDP a;branch=z9hG4bK1 ,, , SIP/2.0/UDP b;x=\"q,uo\\\"ted\""),
                Arguments.of(HeaderType.VIA, "SIP/2.0/UDP [2001:db8::9"),
                Arguments.of(HeaderType.VIA, "SIP/2.0/UDP [2001:db8::9, SIP/2.0/UDP b]:5060"),
                Arguments.of(HeaderType.VIA, "SIP/2.0/UDP host:99999"),
                Arguments.of(HeaderType.VIA, "SIP/2.0 UDP host"),
                Arguments.of(HeaderType.VIA, ","),
                Arguments.of(HeaderType.VIA, "SIP/2.0/UDP host;branch=\"open"),
                Arguments.of(HeaderType.VIA, "SIP/2.0/UDP h1\u000b"),
                Arguments.of(HeaderType.FROM, "\"Alice, A.\" <sip:alice@example.com>;tag=1928301774"),
                Arguments.of(HeaderType.FROM, "Alice <sip:alice@example.com>;tag=x"),
                Arguments.of(HeaderType.FROM, "sip:alice@example.com;tag=x"),
                Arguments.of(HeaderType.FROM, "<sip:alice@example.com;tag=x"),
                Arguments.of(HeaderType.FROM, "<sip:alice@example.com>, <sip:bob@example.com>"),
                Arguments.of(HeaderType.TO, "<tel:+15551234567>"),
                Arguments.of(HeaderType.TO, "sip:bob@example.com?Subject=x"),
                Arguments.of(HeaderType.ROUTE, "<sip:10.4.128.21:5060;lr>, <sip:scscf.example.org;lr>"),
                Arguments.of(HeaderType.ROUTE, "<sip:a;lr>,<sip:b>;x=\">,<\""),
                Arguments.of(HeaderType.ROUTE, "<sip:a;lr> <sip:b>"),
                Arguments.of(HeaderType.RECORD_ROUTE, "<sip:10.4.128.21:5060;transport=udp;lr>"),
                Arguments.of(HeaderType.P_ASSERTED_IDENTITY, "\"Bob\" <sip:bob@example.com>, <tel:+15551234567>"),
                Arguments.of(HeaderType.PATH, "<sip:term@pcscf.example.org;lr>"),
                Arguments.of(HeaderType.FROM, "<sip:us%4ger@host>;tag=1"),
                Arguments.of(HeaderType.FROM, "<sip:host:99999>;tag=1"),
                Arguments.of(HeaderType.FROM, "<>;tag=1"),
                Arguments.of(HeaderType.TO, "<tel:+12a>"),
                Arguments.of(HeaderType.TO, "<tel:+1-201-555-0123;ext=1234;phone-context=x%zz>"),
                Arguments.of(HeaderType.TO, "<urn:service:sos>"),
                Arguments.of(HeaderType.ROUTE, "<sip:[2001:db8::1;lr>"),
                Arguments.of(HeaderType.CONTACT, "*"),
                Arguments.of(HeaderType.CONTACT, " * "),
                Arguments.of(HeaderType.CONTACT, "*, <sip:a@b>"),
                Arguments.of(HeaderType.CONTACT,
                        "<sip:alice@192.0.2.4:5060>;expires=600;+sip.instance=\"<urn:uuid:1>\""),
                Arguments.of(HeaderType.CONTACT, "sip:alice@192.0.2.4;q=0.5, \"A\" <sip:b@c>;expires=0"),
                Arguments.of(HeaderType.CONTACT, "<sip:alice@192.0.2.4"),
                Arguments.of(HeaderType.AUTHORIZATION, "Digest username=\"u@r\", realm=\"r\", nonce=\"bjU=\", "
                        + "uri=\"sip:r\", response=\"0123\", algorithm=AKAv1-MD5, qop=auth, nc=00000001, cnonce=\"x\""),
                Arguments.of(HeaderType.AUTHORIZATION, "Digest"),
                Arguments.of(HeaderType.AUTHORIZATION, "Digest username=\"open"),
                Arguments.of(HeaderType.PROXY_AUTHORIZATION, "Digest ,, username=\"u\" ,"),
                Arguments.of(HeaderType.WWW_AUTHENTICATE, "Digest realm=\"r\", nonce=\"bjU=\", algorithm=AKAv1-MD5, "
                        + "qop=\"auth\", ck=\"00\", ik=\"11\""),
                Arguments.of(HeaderType.WWW_AUTHENTICATE, "Digest realm=\"r\" x"),
                Arguments.of(HeaderType.SECURITY_CLIENT, "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=5062;"
                        + "port-s=5064, ipsec-3gpp;alg=hmac-md5-96"),
                Arguments.of(HeaderType.SECURITY_VERIFY, "ipsec-3gpp;q=0.1;;"),
                Arguments.of(HeaderType.MAX_FORWARDS, "70"),
                Arguments.of(HeaderType.MAX_FORWARDS, "256"),
                Arguments.of(HeaderType.MAX_FORWARDS, "7a"),
                Arguments.of(HeaderType.MAX_FORWARDS, "  "),
                Arguments.of(HeaderType.CONTENT_LENGTH, "0"),
                Arguments.of(HeaderType.CONTENT_LENGTH, "123456789012345678901"),
                Arguments.of(HeaderType.CONTENT_LENGTH, "-1"));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void aFieldParsedInPlaceIsWhatItsValueParses(HeaderType<?> type, String value) {
        String line = type.name() + ": " + value;
        HeaderField inPlace = HeaderField.received(type.name(), line, true, 0, type.name().length() + 1, line.length());
        HeaderField asString = HeaderField.received(type.name(), line, true, 0, type.name().length() + 1,
                line.length());
        String unfolded = asString.value(); // made first: the typed read below then parses this string

        Object inPlaceResult = parse(inPlace, type);
        Object stringResult = parse(asString, type);

        assertThat(inPlaceResult).isEqualTo(stringResult);
        assertThat(inPlace.value()).isEqualTo(unfolded);
    }

    /** The typed values, or the message of the error. */
    private static Object parse(HeaderField field, HeaderType<?> type) {
        Throwable error = catchThrowable(() -> field.asList(type));
        return error != null ? error.getClass().getSimpleName() + ": " + error.getMessage() : field.asList(type);
    }

    @ParameterizedTest
    @MethodSource("fields")
    void aFoldedFieldGivesWhatItsUnfoldedValueGives(HeaderType<?> type, String value) {
        int space = value.indexOf(' ', 2);
        if (space < 0) {
            return; // nothing to fold
        }
        String folded = value.substring(0, space) + "\r\n  " + value.substring(space + 1);
        String line = type.name() + ": " + folded;
        HeaderField field = HeaderField.received(type.name(), line, true, 0, type.name().length() + 1, line.length());
        HeaderField unfolded = HeaderField.of(type.name(), value.substring(0, space) + " " + value.substring(space + 1));
        assertThat(parse(field, type)).isEqualTo(parse(unfolded, type));
    }
}
