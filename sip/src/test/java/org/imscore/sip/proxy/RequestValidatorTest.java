package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.3: what a proxy rejects before it routes anything, and with which answer. */
class RequestValidatorTest {

    private final RequestValidator validator = new RequestValidator(Wire.LOCAL, Set.of("sec-agree"));

    @Test
    void acceptsAnOrdinaryRequest() {
        assertThat(validator.validate(Wire.invite("sip:bob@example.com"))).isEmpty();
    }

    @Test
    void maxForwardsZeroIsAnswered483WithAToTag() {
        SipRequest req = Wire.invite("sip:bob@example.com").toBuilder().set("Max-Forwards", "0").build();

        SipResponse r = validator.validate(req).orElseThrow();

        assertThat(r.statusCode()).isEqualTo(483);
        assertThat(r.reasonPhrase()).isEqualTo("Too Many Hops");
        assertThat(r.to().tag()).isPresent();
        assertThat(r.vias()).isEqualTo(req.vias());
    }

    @Test
    void maxForwardsOneIsStillForwarded() {
        SipRequest req = Wire.invite("sip:bob@example.com").toBuilder().set("Max-Forwards", "1").build();

        assertThat(validator.validate(req)).isEmpty();
    }

    @Test
    void optionsWithMaxForwardsZeroForTheProxyItselfIsLeftToTheUaCore() {
        SipRequest options = Wire.request("""
                OPTIONS sip:192.0.2.10:5060 SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKopt
                Max-Forwards: 0
                From: <sip:alice@example.net>;tag=o1
                To: <sip:192.0.2.10:5060>
                Call-ID: opt-1
                CSeq: 1 OPTIONS
                Content-Length: 0

                """);

        assertThat(validator.validate(options)).isEmpty();
        assertThat(RequestValidator.isAddressedToUs(options, Wire.LOCAL)).isTrue();
    }

    @Test
    void optionsWithMaxForwardsZeroForSomeoneElseIs483() {
        SipRequest options = Wire.request("""
                OPTIONS sip:192.0.2.10:5070 SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKopt
                Max-Forwards: 0
                From: <sip:alice@example.net>;tag=o1
                To: <sip:192.0.2.10:5070>
                Call-ID: opt-2
                CSeq: 1 OPTIONS
                Content-Length: 0

                """);

        assertThat(validator.validate(options).map(SipResponse::statusCode)).contains(483);
    }

    @Test
    void unknownRequestUriSchemeIs416() {
        SipRequest req = Wire.request("""
                MESSAGE im:bob@example.com SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKim
                Max-Forwards: 70
                From: <sip:alice@example.net>;tag=m1
                To: <sip:bob@example.com>
                Call-ID: im-1
                CSeq: 1 MESSAGE
                Content-Length: 0

                """);

        assertThat(validator.validate(req).map(SipResponse::statusCode)).contains(416);
    }

    @Test
    void telAndSipsAreUnderstood() {
        assertThat(validator.validate(Wire.invite("tel:+15551234567"))).isEmpty();
        assertThat(validator.validate(Wire.invite("sips:bob@example.com"))).isEmpty();
    }

    @Test
    void unsupportedProxyRequireIs420ListingOnlyTheUnsupportedTags() {
        SipRequest req = Wire.invite("sip:bob@example.com", "Proxy-Require: sec-agree, foo", "Proxy-Require: bar",
                "Require: baz");

        SipResponse r = validator.validate(req).orElseThrow();

        assertThat(r.statusCode()).isEqualTo(420);
        assertThat(r.headerValue("Unsupported")).contains("foo, bar");
    }

    @Test
    void supportedProxyRequireAndAnyRequireAreForwarded() {
        SipRequest req = Wire.invite("sip:bob@example.com", "Proxy-Require: sec-agree", "Require: 100rel");

        assertThat(validator.validate(req)).isEmpty();
    }

    @Test
    void badRouteHeaderIs400NamingIt() {
        SipRequest req = Wire.invite("sip:bob@example.com", "Route: <sip:proxy.example.com;lr");

        SipResponse r = validator.validate(req).orElseThrow();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).isEqualTo("Bad Route header");
    }

    @Test
    void requestComingBackUnchangedIsALoop482() throws Exception {
        SipRequest received = Wire.invite("sip:bob@example.com");
        ProxyCore core = new ProxyCore(Wire.LOCAL, r -> null, new NumericNextHops(Wire.LOCAL), false, Set.of());
        // Misrouted back to ourselves: the copy arrives with our Via and the same Request-URI.
        Target toUs = Target.via(received.requestUri(), Endpoint.udp("192.0.2.10", 5060));
        SipRequest back = (SipRequest) Wire.overTheWire(core.forward(received, received, toUs, Wire.UDP).request());

        Optional<SipResponse> r = validator.validate(back);

        assertThat(r.map(SipResponse::statusCode)).contains(482);
    }

    @Test
    void requestComingBackRetargetedIsASpiralAndAccepted() throws Exception {
        SipRequest received = Wire.invite("sip:bob@example.com");
        ProxyCore core = new ProxyCore(Wire.LOCAL, r -> null, new NumericNextHops(Wire.LOCAL), false, Set.of());
        // An application server sent it back with a new Request-URI (as an S-CSCF sees with iFC).
        Target retargeted = Target.via(SipUri.parse("sip:bob-mobile@example.com"),
                Endpoint.udp("192.0.2.10", 5060));
        SipRequest back = (SipRequest) Wire.overTheWire(core.forward(received, received, retargeted, Wire.UDP).request());

        assertThat(validator.validate(back)).isEmpty();
    }

    @Test
    void aBadLowerViaIsAnswered400ForLoopDetectionReadsEveryVia() {
        // RFC 3261 §16.3 step 1: what the loop check (step 4) reads must be well-formed. The parser read the top
        // Via only, so this is where a bad lower one is found.
        SipRequest req = Wire.invite("sip:bob@example.com", "Via: SIP/2.0/UDP 192.0.2.7;;branch=");

        assertThat(validator.validate(req)).hasValueSatisfying(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.reasonPhrase()).isEqualTo("Bad Via header");
        });
    }

    @Test
    void ourViaWithAForeignBranchIsNoLoop() {
        SipRequest req = Wire.invite("sip:bob@example.com", "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKother");

        assertThat(validator.validate(req)).isEmpty();
    }
}
