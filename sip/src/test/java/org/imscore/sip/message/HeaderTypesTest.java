package org.imscore.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.TelUri;
import org.junit.jupiter.api.Test;

/** Typed header values, read from wire text. */
class HeaderTypesTest {

    private static SipMessage parse(String... headerLines) {
        String text = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: c1@192.0.2.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                + String.join("\r\n", headerLines) + (headerLines.length > 0 ? "\r\n" : "") + "Content-Length: 0\r\n\r\n";
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).message();
    }

    @Test
    void compactFormsAndCaseInsensitiveNames() {
        String text = "INVITE sip:bob@example.com SIP/2.0\r\nv: SIP/2.0/TCP h;branch=z9hG4bKx\r\n"
                + "f: <sip:a@example.com>;tag=1\r\nt: sip:bob@example.com\r\ni: abc\r\nCSEQ: 3 INVITE\r\n"
                + "m: <sip:a@192.0.2.1>\r\nk: 100rel\r\no: reg\r\nu: reg\r\nr: <sip:c@example.com>\r\n"
                + "b: <sip:d@example.com>\r\nx: 1800\r\nc: text/plain\r\ne: gzip\r\ns: hi\r\nl: 2\r\n\r\nhi";
        SipMessage m = SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).message();
        assertThat(m.headerFields()).extracting(HeaderField::name).containsExactly("Via", "From", "To", "Call-ID",
                "CSeq", "Contact", "Supported", "Event", "Allow-Events", "Refer-To", "Referred-By", "Session-Expires",
                "Content-Type", "Content-Encoding", "Subject", "Content-Length");
        assertThat(m.headerValue("call-id")).contains("abc");
        assertThat(m.headerValue("I")).contains("abc");
        assertThat(m.cseq()).isEqualTo(new CSeq(3, "INVITE"));
        assertThat(m.bodyAsString()).isEqualTo("hi");
        assertThat(m.headerFields().get(0).rawText()).isEqualTo("v: SIP/2.0/TCP h;branch=z9hG4bKx");
    }

    @Test
    void foldedMultiValueHeaders() {
        SipMessage m = parse("Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2,\r\n  SIP/2.0/TCP [2001:db8::1]:5070\r\n\t;branch=z9hG4bK3;received=2001:db8::9",
                "Route: <sip:p1.example.com;lr>, \"Proxy, two\" <sip:p2.example.com;lr>", "Route: <sip:p3.example.com;lr>");
        List<Via> vias = m.vias();
        assertThat(vias).hasSize(3);
        assertThat(vias.get(2).host()).isEqualTo("[2001:db8::1]");
        assertThat(vias.get(2).port()).isEqualTo(5070);
        assertThat(vias.get(2).transport()).isEqualTo("TCP");
        assertThat(vias.get(2).received()).contains("2001:db8::9");
        assertThat(m.routes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr", "sip:p3.example.com;lr");
        assertThat(m.routes().get(1).displayName()).isEqualTo("Proxy, two");
    }

    @Test
    void nameAddrForms() {
        NameAddress quoted = NameAddress.parse("\"Mr. \\\"J\\\" \\\\ User\" <sip:j@example.com;transport=tcp>;tag=9;x");
        assertThat(quoted.displayName()).isEqualTo("Mr. \"J\" \\ User");
        assertThat(((SipUri) quoted.uri()).transport()).contains("tcp");
        assertThat(quoted.tag()).contains("9");
        assertThat(quoted.parameters().has("x")).isTrue();
        NameAddress tokens = NameAddress.parse("Bob Smith <sip:bob@example.com>");
        assertThat(tokens.displayName()).isEqualTo("Bob Smith");
        NameAddress spec = NameAddress.parse("sip:bob@example.com;tag=5");
        assertThat(((SipUri) spec.uri()).parameters().isEmpty()).isTrue(); // ;tag belongs to the header
        assertThat(spec.tag()).contains("5");
        assertThat(NameAddress.parse("<tel:+1555>").uri()).isInstanceOf(TelUri.class);
        assertThat(quoted.withTag("10").toString())
                .isEqualTo("\"Mr. \\\"J\\\" \\\\ User\" <sip:j@example.com;transport=tcp>;tag=10;x");
        assertThatThrownBy(() -> NameAddress.parse("\"open <sip:a@b>")).isInstanceOf(HeaderSyntaxException.class);
        assertThatThrownBy(() -> NameAddress.parse("<sip:a@b")).isInstanceOf(HeaderSyntaxException.class);
        assertThatThrownBy(() -> NameAddress.parse("< sip:a@b >")).isInstanceOf(HeaderSyntaxException.class);
        assertThatThrownBy(() -> NameAddress.parse("A, B <sip:a@b>")).isInstanceOf(HeaderSyntaxException.class);
    }

    @Test
    void contacts() {
        SipMessage m = parse("Contact: <sip:192.168.101.5:6300;alias=192.168.101.5~6301~2>;+sip.instance=\"<urn:gsma:imei:35622410-483840-0>\";q=0.5;expires=600;reg-id=1;+g.3gpp.smsip",
                "Contact: sip:b@example.com;expires=0");
        List<Contact> contacts = m.contacts();
        assertThat(contacts.get(0).instance()).contains("<urn:gsma:imei:35622410-483840-0>");
        assertThat(contacts.get(0).q().getAsDouble()).isEqualTo(0.5);
        assertThat(contacts.get(0).expires().getAsLong()).isEqualTo(600);
        assertThat(contacts.get(0).regId().getAsInt()).isEqualTo(1);
        assertThat(contacts.get(0).address().parameters().has("+g.3gpp.smsip")).isTrue();
        assertThat(contacts.get(1).expires().getAsLong()).isZero();
        assertThat(parse("Contact: *", "Expires: 0").contacts()).containsExactly(Contact.WILDCARD);
        assertThat(parse("Expires: 0").header(HeaderType.EXPIRES)).contains(0L);
    }

    @Test
    void badOptionalHeaderFailsOnlyWhenRead() {
        SipMessage m = parse("Contact: <sip:a@b", "Expires: soon", "Require: a b");
        assertThat(m.callId()).isEqualTo("c1@192.0.2.1"); // the message itself parsed
        assertThatThrownBy(m::contacts).isInstanceOf(MalformedHeaderException.class)
                .extracting(e -> ((MalformedHeaderException) e).reasonPhrase()).isEqualTo("Bad Contact header");
        assertThatThrownBy(() -> m.header(HeaderType.EXPIRES)).isInstanceOf(MalformedHeaderException.class)
                .extracting(e -> ((MalformedHeaderException) e).reasonPhrase()).isEqualTo("Bad Expires header");
        assertThatThrownBy(() -> m.headers(HeaderType.REQUIRE)).isInstanceOf(MalformedHeaderException.class);
    }

    @Test
    void tokenListsAndPHeaders() {
        SipMessage m = parse("Require: sec-agree", "Proxy-Require: sec-agree, path", "Supported:",
                "Allow: INVITE,ACK , BYE", "Unsupported: foo",
                "P-Asserted-Identity: \"Alice\" <sip:alice@example.com>, <tel:+15551234>",
                "P-Preferred-Identity: <sip:alice@example.com>",
                "P-Associated-URI: <sip:001011234567893@ims.mnc001.mcc001.3gppnetwork.org>, <tel:0398765432100>",
                "P-Visited-Network-ID: \"Visited network number 1\", other.net;x=1",
                "P-Charging-Vector: icid-value=1234bc9876e;icid-generated-at=192.0.6.8;orig-ioi=home1.net;term-ioi=\"home2.net\"",
                "Path: <sip:term@pcscf1.home1.net;lr>", "Service-Route: <sip:orig@scscf1.home1.net;lr>",
                "Event: reg;id=7", "Subscription-State: active;expires=600000", "RSeq: 988789", "RAck: 776656 1 INVITE",
                "Min-Expires: 60", "Content-Type: application/reginfo+xml;charset=UTF-8");
        assertThat(m.headers(HeaderType.REQUIRE)).containsExactly("sec-agree");
        assertThat(m.headers(HeaderType.PROXY_REQUIRE)).containsExactly("sec-agree", "path");
        assertThat(m.headers(HeaderType.SUPPORTED)).isEmpty();
        assertThat(m.headers(HeaderType.ALLOW)).containsExactly("INVITE", "ACK", "BYE");
        assertThat(m.headers(HeaderType.UNSUPPORTED)).containsExactly("foo");
        assertThat(m.headers(HeaderType.P_ASSERTED_IDENTITY)).extracting(NameAddress::displayName).containsExactly("Alice", null);
        assertThat(m.header(HeaderType.P_PREFERRED_IDENTITY).orElseThrow().uri().toString()).isEqualTo("sip:alice@example.com");
        assertThat(m.headers(HeaderType.P_ASSOCIATED_URI)).hasSize(2);
        assertThat(m.headers(HeaderType.P_VISITED_NETWORK_ID)).containsExactly("Visited network number 1", "other.net");
        PChargingVector pcv = m.header(HeaderType.P_CHARGING_VECTOR).orElseThrow();
        assertThat(pcv.icidValue()).isEqualTo("1234bc9876e");
        assertThat(pcv.icidGeneratedAt()).contains("192.0.6.8");
        assertThat(pcv.origIoi()).contains("home1.net");
        assertThat(pcv.termIoi()).contains("home2.net");
        assertThat(m.header(HeaderType.PATH).orElseThrow().uri().toString()).isEqualTo("sip:term@pcscf1.home1.net;lr");
        assertThat(m.headers(HeaderType.SERVICE_ROUTE)).hasSize(1);
        assertThat(m.header(HeaderType.EVENT).orElseThrow().id()).contains("7");
        SubscriptionState state = m.header(HeaderType.SUBSCRIPTION_STATE).orElseThrow();
        assertThat(state.state()).isEqualTo("active");
        assertThat(state.expires().getAsLong()).isEqualTo(600000);
        assertThat(m.header(HeaderType.RSEQ)).contains(988789L);
        assertThat(m.header(HeaderType.RACK)).contains(new RAck(776656, 1, "INVITE"));
        assertThat(m.header(HeaderType.MIN_EXPIRES)).contains(60L);
        MediaType type = m.contentType().orElseThrow();
        assertThat(type.is("application", "reginfo+xml")).isTrue();
        assertThat(type.parameters().value("charset")).isEqualTo("UTF-8");
    }

    @Test
    void securityAgreement() {
        SipMessage m = parse("Security-Client: ipsec-3gpp;prot=esp;mod=trans;spi-c=25656;spi-s=25657;port-c=6301;port-s=6300;alg=hmac-md5-96;ealg=null, ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4;q=0.1",
                "Security-Verify: ipsec-3gpp;prot=esp;mod=trans;spi-c=100;spi-s=101;port-c=5100;port-s=6100;alg=hmac-md5-96;ealg=null",
                "Security-Server: tls;q=0.2");
        List<SecurityMechanism> client = m.headers(HeaderType.SECURITY_CLIENT);
        assertThat(client).hasSize(2);
        SecurityMechanism first = client.get(0);
        assertThat(first.mechanism()).isEqualTo("ipsec-3gpp");
        assertThat(first.alg()).contains("hmac-md5-96");
        assertThat(first.ealg()).contains("null");
        assertThat(first.prot()).contains("esp");
        assertThat(first.mod()).contains("trans");
        assertThat(first.spiC().getAsLong()).isEqualTo(25656);
        assertThat(first.spiS().getAsLong()).isEqualTo(25657);
        assertThat(first.portC().getAsInt()).isEqualTo(6301);
        assertThat(first.portS().getAsInt()).isEqualTo(6300);
        assertThat(client.get(1).q().getAsDouble()).isEqualTo(0.1);
        assertThat(m.headers(HeaderType.SECURITY_VERIFY).get(0).spiC().getAsLong()).isEqualTo(100);
        assertThat(m.header(HeaderType.SECURITY_SERVER).orElseThrow().mechanism()).isEqualTo("tls");
    }

    @Test
    void digestHeaders() {
        SipMessage m = parse("Authorization: Digest username=\"alice@example.com\", realm=\"example.com\", nonce=\"abc=\", uri=\"sip:example.com\", response=\"\", algorithm=AKAv1-MD5, nc=00000001, cnonce=\"c\", qop=auth, auts=\"RR6L7KQkiKZGT60+wY0=\"",
                "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"n\", qop=\"auth,auth-int\", stale=TRUE, algorithm=MD5, opaque=\"o\"",
                "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, rspauth=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", nc=00000001");
        DigestCredentials c = m.header(HeaderType.AUTHORIZATION).orElseThrow();
        assertThat(c.isDigest()).isTrue();
        assertThat(c.username()).isEqualTo("alice@example.com");
        assertThat(c.response()).isEmpty();
        assertThat(c.auts()).contains("RR6L7KQkiKZGT60+wY0=");
        assertThat(c.nc()).contains("00000001");
        DigestChallenge ch = m.header(HeaderType.PROXY_AUTHENTICATE).orElseThrow();
        assertThat(ch.stale()).isTrue();
        assertThat(ch.qopOptions()).containsExactly("auth", "auth-int");
        assertThat(ch.opaque()).contains("o");
        AuthenticationInfo info = m.header(HeaderType.AUTHENTICATION_INFO).orElseThrow();
        assertThat(info.nextNonce()).contains("47364c23432d2e131a5fb210812c");
        assertThat(info.rspauth()).contains("6629fae49393a05397450978507c4ef1");
        DigestCredentials built = DigestCredentials.digest().with("username", "u").with("realm", "r")
                .with("algorithm", "AKAv1-MD5").with("nc", "00000001");
        assertThat(built.toString()).isEqualTo("Digest username=\"u\", realm=\"r\", algorithm=AKAv1-MD5, nc=00000001");
        assertThat(DigestCredentials.parse(built.toString())).isEqualTo(built);
    }

    @Test
    void countsAreDecimalsWithinTheirLimits() {
        HeaderField maxForwards = HeaderField.of(HeaderNames.MAX_FORWARDS, "70");
        assertThat(maxForwards.as(HeaderType.MAX_FORWARDS)).isEqualTo(70);
        assertThat(HeaderField.of(HeaderNames.CONTENT_LENGTH, "0").as(HeaderType.CONTENT_LENGTH)).isZero();
        assertThatThrownBy(() -> HeaderField.of(HeaderNames.MAX_FORWARDS, "256").as(HeaderType.MAX_FORWARDS))
                .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("Max-Forwards too large: 256");
        assertThatThrownBy(() -> HeaderField.of(HeaderNames.MAX_FORWARDS, "7a").as(HeaderType.MAX_FORWARDS))
                .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("bad Max-Forwards: '7a'");
        assertThatThrownBy(() -> HeaderField.of(HeaderNames.CONTENT_LENGTH, "").as(HeaderType.CONTENT_LENGTH))
                .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("bad Content-Length: ''");
        assertThatThrownBy(() -> HeaderField.of(HeaderNames.CONTENT_LENGTH, "4294967296").as(HeaderType.CONTENT_LENGTH))
                .isInstanceOf(MalformedHeaderException.class).hasMessageContaining("Content-Length too large");
    }

    @Test
    void commonWordsAreSharedConstants() {
        SipMessage m = parse();
        Via via = m.topVia();
        assertThat(via.transport()).isSameAs("UDP");
        assertThat(via.parameters().asList().get(0).name()).isSameAs("branch");
        assertThat(m.from().parameters().asList().get(0).name()).isSameAs("tag");
        // An unusual spelling is kept as written.
        Via odd = Via.parse("SIP/2.0/udp h;Branch=z9hG4bK1");
        assertThat(odd.transport()).isEqualTo("udp");
        assertThat(odd.parameters().asList().get(0).name()).isEqualTo("Branch");
        assertThat(odd.branch()).contains("z9hG4bK1");
    }

    @Test
    void missingRequiredHeadersAreNamed() {
        SipRequest bare = SipRequest.builder(SipRequest.OPTIONS, SipUri.parse("sip:bob@example.com")).build();
        assertThatThrownBy(bare::topVia).isInstanceOf(MalformedHeaderException.class).hasMessageContaining("Via");
        assertThatThrownBy(bare::cseq).isInstanceOf(MalformedHeaderException.class).hasMessageContaining("CSeq");
        assertThatThrownBy(bare::from).isInstanceOf(MalformedHeaderException.class).hasMessageContaining("From");
        assertThatThrownBy(bare::to).isInstanceOf(MalformedHeaderException.class).hasMessageContaining("To");
        assertThatThrownBy(bare::callId).isInstanceOf(MalformedHeaderException.class).hasMessageContaining("Call-ID");
    }

    @Test
    void typedValuesAreCachedPerField() {
        SipMessage m = parse();
        assertThat(m.topVia()).isSameAs(m.topVia());
        assertThat(m.from()).isSameAs(m.from());
    }
}
