package org.imscore.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the parser does with each kind of bad input, and the datagram rules of RFC 3261 §18.3. */
class SipParserTest {

    private static final String VIA = "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK77\r\n";
    private static final String FROM = "From: <sip:alice@example.com>;tag=1\r\n";
    private static final String TO = "To: <sip:bob@example.com>\r\n";
    private static final String CALL_ID = "Call-ID: abc@192.0.2.1\r\n";
    private static final String CSEQ = "CSeq: 7 OPTIONS\r\n";

    private static SipParseResult parse(String text) {
        return SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String options(String headers) {
        return "OPTIONS sip:bob@example.com SIP/2.0\r\n" + headers + "\r\n";
    }

    /** Each mandatory header missing or bad, answered with a reason that names it. */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "FROM,TO,CALL_ID,CSEQ | Missing Via header | false",
        "VIA,TO,CALL_ID,CSEQ | Missing From header | true",
        "VIA,FROM,CALL_ID,CSEQ | Missing To header | true",
        "VIA,FROM,TO,CSEQ | Missing Call-ID header | true",
        "VIA,FROM,TO,CALL_ID | Missing CSeq header | true",
        "VIA,FROM,TO,CALL_ID,CSEQ,Max-Forwards: 256 | Bad Max-Forwards header | true",
        "VIA,FROM,TO,CALL_ID,CSeq: x OPTIONS | Bad CSeq header | true",
        "VIA,FROM,TO,CALL_ID,CSeq: 7 INVITE | CSeq method does not match Request-Line | true",
        "VIA,FROM,TO,Call-ID: a b,CSEQ | Bad Call-ID header | true",
        "VIA,FROM,To: <sip:bob@example.com,CALL_ID,CSEQ | Bad To header | true",
        "VIA,FROM,TO,CALL_ID,CSEQ,Content-Length: 12 | Content-Length mismatch | true",
        "VIA,FROM,TO,CALL_ID,CSEQ,Content-Length: 1;x | Bad Content-Length header | true",
        "VIA,FROM,TO,CALL_ID,CSEQ,CSEQ | Multiple CSeq headers | true",
        "VIA,FROM,TO,CALL_ID,CSEQ,no colon here | Bad header field | true",
        "VIA,FROM,TO,CALL_ID,CSEQ,Bad Name: x | Bad header field | true",
        "Via: SIP/2.0/UDP 192.0.2.1;branch=,FROM,TO,CALL_ID,CSEQ | Bad Via header | true",
        "Via: garbage,FROM,TO,CALL_ID,CSEQ | Bad Via header | false",
    })
    void badRequests(String headers, String reason, boolean answered) {
        StringBuilder sb = new StringBuilder();
        for (String h : headers.split(",")) {
            sb.append(switch (h) {
                case "VIA" -> VIA;
                case "FROM" -> FROM;
                case "TO" -> TO;
                case "CALL_ID" -> CALL_ID;
                case "CSEQ" -> CSEQ;
                default -> h + "\r\n";
            });
        }
        SipParseResult result = parse(options(sb.toString()));
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.isResponse()).isFalse();
        assertThat(result.error().orElseThrow().reasonPhrase()).isEqualTo(reason);
        assertThat(result.hasUsableVia()).isEqualTo(answered);
        assertThat(result.errorResponse().isPresent()).isEqualTo(answered);
        result.errorResponse().ifPresent(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.reasonPhrase()).isEqualTo(reason);
            assertThat(r.headerValue("Via")).hasValueSatisfying(v -> assertThat(v).startsWith("SIP/2.0/UDP 192.0.2.1"));
        });
    }

    @Test
    void aBadLowerViaFieldIsLeftToWhoReadsIt() {
        // Only the top Via is read on arrival; a proxy reads the rest for loop detection (and answers 400 then), a
        // proxy relaying a response reads the one under its own (and drops the response if it is bad).
        String lower = "Via: SIP/2.0/UDP 192.0.2.9;;branch=,x\r\n";
        SipParseResult result = parse("OPTIONS sip:bob@example.com SIP/2.0\r\n" + VIA + lower + FROM + TO + CALL_ID
                + CSEQ + "\r\n");

        assertThat(result.isSuccess()).isTrue();
        SipRequest req = (SipRequest) result.message();
        assertThat(req.topVia().branch()).hasValue("z9hG4bK77");
        assertThat(req.headerFields("Via").get(1).rawText()).isEqualTo(lower.strip());
        assertThatThrownBy(req::vias).isInstanceOf(MalformedHeaderException.class)
                .hasMessageContaining("Via");
        assertThatThrownBy(req::secondVia).isInstanceOf(MalformedHeaderException.class);
    }

    @Test
    void badResponseIsRecognisedAndNeverAnswered() {
        SipParseResult result = parse("SIP/2.0 200 OK\r\n" + VIA + FROM + TO + CALL_ID + "CSeq: x\r\n\r\n");
        assertThat(result.isResponse()).isTrue();
        assertThat(result.error().orElseThrow().reasonPhrase()).isEqualTo("Bad CSeq header");
        assertThat(result.errorResponse()).isEmpty();
    }

    @Test
    void badAckIsNeverAnswered() {
        SipParseResult result = parse("ACK sip:bob@example.com SIP/2.0\r\n" + VIA + FROM + TO + CALL_ID + "CSeq: 7 INVITE\r\n\r\n");
        assertThat(result.error().orElseThrow().reasonPhrase()).isEqualTo("CSeq method does not match Request-Line");
        assertThat(result.errorResponse()).isEmpty();
    }

    @Test
    void methodsAreCaseSensitive() {
        SipRequest req = (SipRequest) parse("invite sip:bob@example.com SIP/2.0\r\n" + VIA + FROM + TO + CALL_ID
                + "CSeq: 1 invite\r\n\r\n").message();
        assertThat(req.method()).isEqualTo("invite");
        assertThat(req.isMethod(SipRequest.INVITE)).isFalse();
        assertThat(parse("invite sip:bob@example.com SIP/2.0\r\n" + VIA + FROM + TO + CALL_ID + "CSeq: 1 INVITE\r\n\r\n")
                .isSuccess()).isFalse();
    }

    @Test
    void datagramBodyRules() {
        String head = VIA + FROM + TO + CALL_ID + CSEQ;
        // Content-Length shorter than the datagram: the rest is discarded (§18.3).
        SipMessage m = parse(options(head + "Content-Length: 3\r\n") + "abcdef").message();
        assertThat(m.bodyAsString()).isEqualTo("abc");
        // No Content-Length: the body is the rest of the datagram.
        assertThat(parse(options(head) + "xyz").message().bodyAsString()).isEqualTo("xyz");
        // Leading CRLFs are skipped; bare LF line ends are accepted.
        SipMessage lf = parse(("\r\n\r\n" + options(head)).replace("\r\n", "\n")).message();
        assertThat(lf.callId()).isEqualTo("abc@192.0.2.1");
    }

    @Test
    void parsesFromByteBufsWithoutConsumingThem() {
        byte[] bytes = options(VIA + FROM + TO + CALL_ID + CSEQ + "Content-Length: 0\r\n").getBytes(StandardCharsets.UTF_8);
        ByteBuf heap = Unpooled.wrappedBuffer(new byte[7], bytes).slice(7, bytes.length);
        ByteBuf direct = Unpooled.directBuffer().writeBytes(bytes);
        for (ByteBuf buf : new ByteBuf[] {heap, direct}) {
            SipParseResult result = SipParser.parse(buf);
            assertThat(result.message().cseq().number()).isEqualTo(7);
            assertThat(buf.readableBytes()).isEqualTo(bytes.length);
        }
        direct.release();
    }

    @Test
    void responsesParse() {
        SipResponse r = (SipResponse) parse("SIP/2.0 401 Unauthorized - Challenging the UE\r\n" + VIA + FROM + TO + CALL_ID
                + "CSeq: 7 REGISTER\r\nContent-Length: 0\r\n\r\n").message();
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.reasonPhrase()).isEqualTo("Unauthorized - Challenging the UE");
        assertThat(r.isFinal()).isTrue();
        assertThat(parse("SIP/2.0 2000 OK\r\n" + VIA + FROM + TO + CALL_ID + CSEQ + "\r\n").error().orElseThrow()
                .reasonPhrase()).isEqualTo("Bad Status-Line");
    }

    @Test
    void emptyAndGarbageInputIsDropped() {
        assertThat(SipParser.parse(new byte[0]).errorResponse()).isEmpty();
        assertThat(parse("\r\n\r\n").errorResponse()).isEmpty();
        assertThat(parse("\u0000\u0001garbage").errorResponse()).isEmpty();
    }
}
