package org.imscore.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

class BuilderTest {

    private static final String INVITE = "INVITE sip:bob@biloxi.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK0\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: Bob <sip:bob@biloxi.com>\r\n"
            + "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Route: <sip:p1.atlanta.com;lr>, <sip:p2.biloxi.com;lr>\r\n"
            + "Contact: <sip:alice@pc33.atlanta.com>\r\n"
            + "Timestamp: 54\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 4\r\n\r\nv=0\n";

    private static SipRequest invite() {
        return (SipRequest) SipParser.parse(INVITE.getBytes(StandardCharsets.UTF_8)).message();
    }

    @Test
    void newRequestGetsContentLength() {
        SipRequest req = SipRequest.builder("OPTIONS", SipUri.parse("sip:bob@example.com"))
                .add(HeaderType.VIA, Via.of("UDP", "192.0.2.1", 5060, "z9hG4bK1"))
                .add("Max-Forwards", "70")
                .add(HeaderType.FROM, NameAddress.of(SipUri.parse("sip:alice@example.com")).withTag("a"))
                .add(HeaderType.TO, NameAddress.of(SipUri.parse("sip:bob@example.com")))
                .add("Call-ID", "x@y")
                .add(HeaderType.CSEQ, new CSeq(1, "OPTIONS"))
                .build();
        String wire = new String(SipSerializer.serialize(req), StandardCharsets.UTF_8);
        assertThat(wire).isEqualTo("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: x@y\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertThat(SipParser.parse(wire.getBytes(StandardCharsets.UTF_8)).message()).isEqualTo(req);
    }

    @Test
    void aMessageBuiltStaysAsItWasWhenItsBuilderGoesOn() {
        // build() hands its field list over without copying it; each change after that must copy it first.
        SipRequest.Builder b = invite().toBuilder();
        SipRequest first = b.build();
        String firstWire = new String(SipSerializer.serialize(first), StandardCharsets.UTF_8);

        SipRequest second = b.prepend("Via", "SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2").add("Subject", "x")
                .removeFirstValue("Route").set("Max-Forwards", "69").remove("Timestamp").build();
        SipRequest third = b.remove("Subject").build();

        assertThat(first).isEqualTo(invite());
        assertThat(new String(SipSerializer.serialize(first), StandardCharsets.UTF_8)).isEqualTo(firstWire)
                .isEqualTo(INVITE);
        assertThat(second.vias()).hasSize(3);
        assertThat(second.headerValue("Subject")).hasValue("x");
        assertThat(second.headerValue("Timestamp")).isEmpty();
        assertThat(second.headerValue("Max-Forwards")).hasValue("69");
        assertThat(third.headerValue("Subject")).isEmpty();
        assertThat(third.vias()).hasSize(3);
        assertThat(SipResponse.forRequest(first, 200).toTag("t").build().to().tag()).hasValue("t");
    }

    /** RFC 3261 §8.2.6: Via (all), From, To (+tag), Call-ID, CSeq copied; Timestamp for 100. */
    @Test
    void responseFromRequest() {
        SipRequest req = invite();
        SipResponse ringing = SipResponse.forRequest(req, 180).toTag("bobtag").build();
        assertThat(ringing.startLine()).isEqualTo("SIP/2.0 180 Ringing");
        assertThat(ringing.headerFields()).extracting(HeaderField::name)
                .containsExactly("Via", "To", "From", "Call-ID", "CSeq", "Content-Length");
        assertThat(ringing.vias()).hasSize(2);
        assertThat(ringing.to().tag()).contains("bobtag");
        assertThat(ringing.to().displayName()).isEqualTo("Bob");
        assertThat(ringing.headerValue("Content-Length")).contains("0");
        SipResponse trying = SipResponse.forRequest(req, 100).build();
        assertThat(trying.headerValue("Timestamp")).contains("54");
        assertThat(trying.to().tag()).isEmpty();
        // a tag already present is kept
        SipResponse again = SipResponse.forRequest((SipRequest) SipParser.parse(SipSerializer.serialize(
                req.toBuilder().set("To", "<sip:bob@biloxi.com>;tag=old").build())).message(), 200).toTag("new").build();
        assertThat(again.to().tag()).contains("old");
    }

    @Test
    void proxyStyleModifications() {
        SipRequest req = invite();
        SipRequest fwd = req.toBuilder()
                .prepend(HeaderType.VIA, Via.of("UDP", "proxy.example.com", 5060, "z9hG4bKp"))
                .set("Max-Forwards", Integer.toString(req.maxForwards().orElseThrow() - 1))
                .removeFirstValue("Route")
                .add(HeaderType.RECORD_ROUTE, NameAddress.of(SipUri.parse("sip:proxy.example.com;lr")))
                .build();
        assertThat(fwd.vias()).extracting(Via::host).containsExactly("proxy.example.com", "pc33.atlanta.com", "192.0.2.9");
        assertThat(fwd.maxForwards()).contains(69);
        assertThat(fwd.routes()).extracting(r -> r.uri().toString()).containsExactly("sip:p2.biloxi.com;lr");
        assertThat(fwd.recordRoutes()).hasSize(1);
        // untouched fields keep their received text; the body and Content-Length are unchanged
        assertThat(fwd.headerFields(HeaderNames.FROM).get(0).rawText()).isEqualTo("From: Alice <sip:alice@atlanta.com>;tag=1928301774");
        assertThat(fwd.bodyAsString()).isEqualTo("v=0\n");
        assertThat(fwd.headerValue("Content-Length")).contains("4");

        // a response going back: pop the top Via value, even out of a combined field
        SipResponse ok = SipResponse.forRequest(req, 200).toTag("t").build();
        SipResponse upstream = ok.toBuilder().removeFirstValue("Via").build();
        assertThat(upstream.vias()).extracting(Via::host).containsExactly("192.0.2.9");
        assertThat(upstream.toBuilder().removeFirstValue("Via").build().hasHeader("Via")).isFalse();
    }

    @Test
    void bodyChangeUpdatesContentLengthInPlace() {
        SipRequest req = invite();
        SipRequest changed = req.toBuilder().body("application/sdp", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n").build();
        assertThat(changed.headerValue("Content-Length")).contains("31");
        assertThat(changed.headerFields()).extracting(HeaderField::name).endsWith("Content-Type", "Content-Length");
        SipRequest noBody = req.toBuilder().remove("Content-Type").body(new byte[0]).build();
        assertThat(noBody.headerValue("Content-Length")).contains("0");
        assertThat(noBody.bodyLength()).isZero();
        assertThat(noBody.hasHeader("content-type")).isFalse();
    }

    @Test
    void headerInjectionIsRefused() {
        SipRequest.Builder b = invite().toBuilder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.add("Subject", "hi\r\nVia: SIP/2.0/UDP evil"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.add("Bad Name", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsedMessageRoundTripsByteForByte() {
        SipRequest req = invite();
        assertThat(new String(SipSerializer.serialize(req), StandardCharsets.UTF_8)).isEqualTo(INVITE);
        assertThat(req.toBuilder().build()).isEqualTo(req);
        assertThat(new String(SipSerializer.serialize(req.toBuilder().build()), StandardCharsets.UTF_8)).isEqualTo(INVITE);
    }

    @Test
    void poppingAReceivedViaLooksAtItsTextInPlaceCommasInQuotesIncluded() {
        String response = "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp;x=\"a,b\"\r\n"
                + "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK1,\r\n SIP/2.0/UDP p2.example.com;branch=z9hG4bK2\r\n"
                + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: c1\r\n"
                + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        SipResponse received = (SipResponse) SipParser.parse(response.getBytes(StandardCharsets.UTF_8)).message();

        SipResponse once = received.toBuilder().removeFirstValue("Via").build();
        assertThat(once.vias()).extracting(Via::host).containsExactly("p1.example.com", "p2.example.com");
        SipResponse twice = once.toBuilder().removeFirstValue("Via").build();
        assertThat(twice.vias()).extracting(Via::host).containsExactly("p2.example.com");
        assertThat(twice.headerFields("Via").get(0).value()).isEqualTo("SIP/2.0/UDP p2.example.com;branch=z9hG4bK2");
    }

    @Test
    void standardMethodsAreTheConstantsAndOthersAreReadAsWritten() {
        SipRequest req = invite();
        assertThat(req.method()).isSameAs(SipRequest.INVITE);
        assertThat(req.cseq().method()).isSameAs(SipRequest.INVITE);
        assertThat(SipRequest.methodAt("xBYEx", 1, 4)).isSameAs(SipRequest.BYE);
        assertThat(SipRequest.methodAt("invite", 0, 6)).isEqualTo("invite"); // methods are case-sensitive
        assertThat(SipRequest.methodAt("INVITEX", 0, 7)).isEqualTo("INVITEX");
        assertThat(CSeq.parse(" 7  FOO ")).isEqualTo(new CSeq(7, "FOO"));
    }

    @Test
    void aCopyKeepsTheRequestUriAsReceivedUntilItIsReplaced() {
        String text = INVITE.replace("INVITE sip:bob@biloxi.com SIP/2.0", "INVITE SIP:bob@biloxi.com;Transport=UDP SIP/2.0");
        SipRequest req = (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).message();
        SipRequest copy = req.toBuilder().set("Max-Forwards", "69").build();
        assertThat(copy.startLine()).isEqualTo("INVITE SIP:bob@biloxi.com;Transport=UDP SIP/2.0");
        SipRequest retargeted = req.toBuilder().requestUri(SipUri.parse("sip:carol@chicago.com")).build();
        assertThat(retargeted.startLine()).isEqualTo("INVITE sip:carol@chicago.com SIP/2.0");
    }
}
