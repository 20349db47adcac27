package org.imscore.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UriTest {

    @Test
    void sipUriParts() {
        SipUri u = SipUri.parse("sips:alice:secret@Atlanta.COM:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
        assertThat(u.secure()).isTrue();
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secret");
        assertThat(u.host()).isEqualTo("Atlanta.COM");
        assertThat(u.port()).isEqualTo(5061);
        assertThat(u.transport()).contains("tcp");
        assertThat(u.lr()).isTrue();
        assertThat(u.maddr()).contains("239.255.255.1");
        assertThat(u.headers().value("subject")).isEqualTo("project%20x");
        assertThat(u.toString()).isEqualTo("sips:alice:secret@Atlanta.COM:5061;transport=tcp;lr;maddr=239.255.255.1"
                + "?subject=project%20x&priority=urgent");
        assertThat(u.portOrDefault()).isEqualTo(5061);
        assertThat(u.bare().toString()).isEqualTo("sips:alice:secret@Atlanta.COM:5061");
    }

    @Test
    void userPartMayHoldSemicolonsAndEscapes() {
        // RFC 4475 §3.1.1.9 semiuri and §3.1.1.3 esc01.
        SipUri semi = SipUri.parse("sip:user;par=u%40example.net@example.com");
        assertThat(semi.user()).isEqualTo("user;par=u%40example.net");
        assertThat(semi.host()).isEqualTo("example.com");
        assertThat(semi.parameters().isEmpty()).isTrue();
        SipUri esc = SipUri.parse("sip:sips%3Auser%40example.com@example.net");
        assertThat(Hosts.unescape(esc.user())).isEqualTo("sips:user@example.com");
    }

    @Test
    void ipv6References() {
        assertThat(SipUri.parse("sip:[2001:db8::10]:5070").port()).isEqualTo(5070);
        assertThat(SipUri.parse("sip:[2001:db8::10:5070]").port()).isEqualTo(-1);
        assertThat(SipUri.parse("sip:user@[::ffff:192.0.2.2]").isIpv6()).isTrue();
        assertThat(Hosts.isIpv6Address("2001:db8::9:255")).isTrue();
        assertThat(Hosts.isIpv6Address("::")).isTrue();
        assertThat(Hosts.isIpv6Address("1:2:3:4:5:6:7:8")).isTrue();
        assertThat(Hosts.isIpv6Address("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(Hosts.isIpv6Address("2001:db8:::1")).isFalse();
        assertThat(Hosts.isIpv6Address("1::2::3")).isFalse();
        assertThat(Hosts.isIpv6Address("::ffff:192.0.2.256")).isFalse();
        assertThat(Hosts.isIpv4Address("192.0.2.1")).isTrue();
        assertThat(Hosts.isIpv4Address("192.0.2")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:", "sip:@host", "sip:user@", "sip:host:99999", "sip:host:", "sip:[2001:db8::1",
        "sip:ho st", "sip:host;;lr", "sip:host;=x", "sip:host?a", "sip:us%4ger@host", "sip:host%zz", "<sip:host>",
        "sip:2001:db8::10", "tel:", "tel:+", "tel:+12a", "1abc:x", ":x", "urn:", "http://a b"})
    void rejected(String text) {
        assertThatThrownBy(() -> Uri.parse(text)).isInstanceOf(InvalidUriException.class);
    }

    /** A URI read where it stands in a longer text is the URI its own text gives, or fails the same way. */
    @ParameterizedTest
    @ValueSource(strings = {"sip:", "sip:@host", "sip:user@", "sip:host:99999", "sip:host:", "sip:[2001:db8::1",
        "sip:ho st", "sip:host;;lr", "sip:host;=x", "sip:host?a", "sip:us%4ger@host", "sip:host%zz", "<sip:host>",
        "sip:2001:db8::10", "tel:", "tel:+", "tel:+12a", "1abc:x", ":x", "urn:", "http://a b", "x",
        "sips:alice:secret@Atlanta.COM:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent",
        "sip:user;par=u%40example.net@example.com", "sip:[2001:db8::10]:5070", "tel:+1-201-555-0123;ext=1234",
        "tel:7042;phone-context=example.com", "urn:service:sos", "sip:alice@example.com;user=phone"})
    void aUriInsideLongerTextParsesAsItsOwnText(String uri) {
        String around = "<" + uri + ">;tag=@x";
        Object own;
        try {
            own = Uri.parse(uri);
        } catch (InvalidUriException e) {
            own = e.getMessage();
        }
        Object inPlace;
        try {
            inPlace = Uri.parse(around, 1, 1 + uri.length());
        } catch (InvalidUriException e) {
            inPlace = e.getMessage();
        }
        assertThat(inPlace).isEqualTo(own);
    }

    @Test
    void telAndOpaqueUris() {
        TelUri global = TelUri.parse("tel:+1-201-555-0123;ext=1234");
        assertThat(global.isGlobal()).isTrue();
        assertThat(global.digits()).isEqualTo("+12015550123");
        assertThat(global.parameters().value("ext")).isEqualTo("1234");
        TelUri local = TelUri.parse("tel:7042;phone-context=example.com");
        assertThat(local.isGlobal()).isFalse();
        assertThat(local.phoneContext()).contains("example.com");
        // IMS networks send local numbers without phone-context (seen in the captures): accepted.
        assertThat(TelUri.parse("tel:0398765432100").phoneContext()).isEmpty();
        Uri opaque = Uri.parse("urn:service:sos");
        assertThat(opaque).isInstanceOf(AbsoluteUri.class);
        assertThat(opaque.scheme()).isEqualTo("urn");
        assertThat(Uri.parse("nobodyKnowsThisScheme:totallyopaquecontent").toString())
                .isEqualTo("nobodyKnowsThisScheme:totallyopaquecontent");
    }

    /** RFC 3261 §19.1.4: the equivalent and non-equivalent examples. */
    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', value = {
        "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
        "sip:carol@chicago.com | sip:carol@chicago.com;security=on",
        "sip:carol@chicago.com;newparam=5 | sip:carol@chicago.com;security=on",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent | sip:alice@atlanta.com?priority=urgent&subject=project%20x",
    })
    void equivalent(String a, String b) {
        assertThat(Uri.parse(a).equivalent(Uri.parse(b))).isTrue();
        assertThat(Uri.parse(b).equivalent(Uri.parse(a))).isTrue();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', value = {
        "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
        "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
        "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
        "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
        "sip:bob@biloxi.com | sips:bob@biloxi.com",
        "sip:bob@biloxi.com | tel:+1555",
    })
    void notEquivalent(String a, String b) {
        assertThat(Uri.parse(a).equivalent(Uri.parse(b))).isFalse();
        assertThat(Uri.parse(b).equivalent(Uri.parse(a))).isFalse();
    }

    /** RFC 3966 §4: visual separators do not matter, parameter order does not matter, global != local. */
    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "tel:+1-201-555-0123 | tel:+1(201)555.0123 | true",
        "tel:7042;phone-context=example.com | tel:7042;PHONE-CONTEXT=Example.COM | true",
        "tel:863-1234;phone-context=+1-914-555 | tel:8631234;phone-context=+1914555 | true",
        "tel:+1234;ext=1;isub=2 | tel:+1234;isub=2;ext=1 | true",
        "tel:+1234 | tel:+1234;ext=1 | false",
        "tel:+1234 | tel:1234;phone-context=+1 | false",
        "tel:7042;phone-context=example.com | tel:7042;phone-context=example.net | false",
    })
    void telEquivalence(String a, String b, boolean expected) {
        assertThat(Uri.parse(a).equivalent(Uri.parse(b))).isEqualTo(expected);
    }
}
