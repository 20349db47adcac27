package org.imscore.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.Via;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5118 §4: the twelve IPv6 torture messages with the handling the RFC describes for each. */
class Rfc5118Test {

    /** Messages to reject, with the reason naming the bad element. */
    static final Map<String, String> REJECTED = Map.of(
            "ipv6-bad", "Bad Request-URI",                 // §4.2 IPv6 in R-URI without brackets
            "ipv6-bug-abnf-3-colons", "Bad Request-URI");  // §4.10 "2001:db8:::192.0.2.1"

    /** Messages to accept, with what the parser must read from them. */
    static final Map<String, Consumer<SipMessage>> ACCEPTED = Map.of(
            "ipv6-good", m -> {                             // §4.1
                assertThat(uri(m).host()).isEqualTo("[2001:db8::10]");
                assertThat(m.topVia().host()).isEqualTo("[2001:db8::9:1]");
                assertThat(m.contacts().get(0).address().uri().toString()).isEqualTo("sip:caller@[2001:db8::1]");
            },
            "port-ambiguous", m -> {                        // §4.3 the whole thing is the address, no port
                assertThat(uri(m).host()).isEqualTo("[2001:db8::10:5070]");
                assertThat(uri(m).port()).isEqualTo(-1);
            },
            "port-unambiguous", m -> {                      // §4.4
                assertThat(uri(m).host()).isEqualTo("[2001:db8::10]");
                assertThat(uri(m).port()).isEqualTo(5070);
            },
            "via-received-param-with-delim", m ->           // §4.5 both forms are accepted
                    assertThat(m.topVia().received()).contains("[2001:db8::9:255]"),
            "via-received-param-no-delim", m ->
                    assertThat(m.topVia().received()).contains("2001:db8::9:255"),
            "ipv6-in-sdp", m -> assertThat(m.bodyAsString()).contains("IP6 2001:db8::"),   // §4.6
            "mult-ip-in-header", m -> {                     // §4.7
                List<Via> vias = m.vias();
                assertThat(vias).extracting(Via::host)
                        .containsExactly("[2001:db8::9:1]", "192.0.2.1", "[2001:db8::9:255]");
                assertThat(vias.get(0).port()).isEqualTo(6050);
                assertThat(vias.get(2).received()).contains("192.0.2.200");
            },
            "mult-ip-in-sdp", m -> assertThat(m.bodyAsString()).contains("IP4").contains("IP6"),  // §4.8
            "ipv4-mapped-ipv6", m -> {                      // §4.9
                assertThat(m.topVia().host()).isEqualTo("[::ffff:192.0.2.10]");
                assertThat(m.topVia().port()).isEqualTo(19823);
            },
            "ipv6-correct-abnf-2-colons", m ->              // §4.10
                    assertThat(uri(m).host()).isEqualTo("[2001:db8::192.0.2.1]"));

    static List<String> files() {
        return TestData.files("rfc5118", ".dat").stream().map(TestData::baseName).toList();
    }

    private static SipUri uri(SipMessage m) {
        return (SipUri) ((SipRequest) m).requestUri();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void handledAsRfc5118Says(String name) {
        byte[] wire = TestData.resource("rfc5118/" + name + ".dat");
        SipParseResult result = SipParser.parse(wire);
        if (REJECTED.containsKey(name)) {
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.errorResponse().orElseThrow().reasonPhrase()).isEqualTo(REJECTED.get(name));
            return;
        }
        assertThat(result.error()).isEmpty();
        assertThat(SipValidator.strict(result.message())).isEmpty();
        ACCEPTED.get(name).accept(result.message());
        assertThat(SipParser.parse(SipSerializer.serialize(result.message())).message()).isEqualTo(result.message());
    }

    @Test
    void everyFileIsInATable() {
        assertThat(files()).hasSize(12);
        assertThat(files()).allMatch(f -> REJECTED.containsKey(f) || ACCEPTED.containsKey(f));
    }
}
