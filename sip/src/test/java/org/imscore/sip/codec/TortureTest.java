package org.imscore.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4475, every message. §3.1.1 must parse, pass strict validation and round-trip; §3.1.2 must be rejected with
 * the outcome in {@link #INVALID}; §3.2-§3.4 must parse where the RFC calls them well-formed (their
 * application-layer handling is data in expected-handling.csv).
 */
class TortureTest {

    /** How the codec handles a message: answered with a status and reason, or dropped. */
    record Outcome(int status, String reason) {
        static final Outcome DROP = new Outcome(0, "drop");

        static Outcome answer(int status, String reason) {
            return new Outcome(status, reason);
        }
    }

    /** RFC 4475 §3.1.2: file -> expected handling by the codec (parse + strict validation). */
    static final Map<String, Outcome> INVALID = new LinkedHashMap<>();

    static {
        INVALID.put("badinv01", Outcome.answer(400, "Bad Via header"));          // 3.1.2.1 ;;,;,, in Via
        INVALID.put("clerr", Outcome.answer(400, "Content-Length mismatch"));    // 3.1.2.2 9999 > body
        INVALID.put("ncl", Outcome.answer(400, "Bad Content-Length header"));    // 3.1.2.3 -999
        INVALID.put("scalar02", Outcome.answer(400, "Bad CSeq header"));         // 3.1.2.4 CSeq > 2**31
        INVALID.put("scalarlg", Outcome.DROP);                                   // 3.1.2.5 bad response
        INVALID.put("quotbal", Outcome.answer(400, "Bad To header"));            // 3.1.2.6 unterminated quote
        INVALID.put("ltgtruri", Outcome.answer(400, "Bad Request-URI"));         // 3.1.2.7 <> around R-URI
        INVALID.put("lwsruri", Outcome.answer(400, "Bad Request-Line"));         // 3.1.2.8 LWS in R-URI
        INVALID.put("lwsstart", Outcome.answer(400, "Bad Request-Line"));        // 3.1.2.9 multiple SP
        INVALID.put("trws", Outcome.answer(400, "Bad Request-Line"));            // 3.1.2.10 trailing SP
        INVALID.put("escruri", Outcome.answer(400, "Bad Request-URI"));          // 3.1.2.11 headers in R-URI
        INVALID.put("baddate", Outcome.answer(400, "Bad Date header"));          // 3.1.2.12 EST, not GMT
        INVALID.put("regbadct", Outcome.answer(400, "Bad Contact header"));      // 3.1.2.13 '?' without <>
        INVALID.put("badaspec", Outcome.answer(400, "Bad To header"));           // 3.1.2.14 SP inside <>
        INVALID.put("baddn", Outcome.answer(400, "Bad From header"));            // 3.1.2.15 ',' in display name
        INVALID.put("badvers", Outcome.answer(505, "Version Not Supported"));    // 3.1.2.16 SIP/7.0
        INVALID.put("mismatch01", Outcome.answer(400, "CSeq method does not match Request-Line")); // 3.1.2.17
        INVALID.put("mismatch02", Outcome.answer(400, "CSeq method does not match Request-Line")); // 3.1.2.18
        INVALID.put("bigcode", Outcome.DROP);                                    // 3.1.2.19 status 4294967301
    }

    /** §3.3 messages the RFC itself calls malformed: the codec answers them. */
    static final Map<String, Outcome> MALFORMED_APPLICATION = Map.of(
            "insuf", Outcome.answer(400, "Missing From header"),
            "multi01", Outcome.answer(400, "Multiple From headers"),
            "mcl01", Outcome.answer(400, "Multiple Content-Length headers"));

    static Stream<Path> valid() {
        return TestData.files("rfc4475/valid", ".dat").stream();
    }

    static Stream<Arguments> invalid() {
        return INVALID.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** Rows of expected-handling.csv: file, section, expected, reason. */
    static List<String[]> handlingRows() {
        String csv = new String(TestData.resource("rfc4475/expected-handling.csv"), StandardCharsets.UTF_8);
        return csv.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split(",", 4)).toList();
    }

    static Stream<Arguments> laterSections() {
        return handlingRows().stream().filter(r -> !r[1].startsWith("3.1.2")).map(r -> Arguments.of(r[0], r[1], r[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validMessageParsesValidatesAndRoundTrips(Path file) {
        byte[] wire = TestData.bytes(file);
        SipParseResult result = SipParser.parse(wire);

        assertThat(result.error()).as("parse error").isEmpty();
        SipMessage message = result.message();
        assertThat(SipValidator.strict(message)).as("strict validation").isEmpty();

        byte[] written = SipSerializer.serialize(message);
        SipMessage again = SipParser.parse(written).message();
        assertThat(again).isEqualTo(message);
        assertThat(SipSerializer.serialize(again)).isEqualTo(written);
        // Raw text is kept, so the head comes back byte for byte.
        int headLength = SipSerializer.head(message).getBytes(StandardCharsets.UTF_8).length;
        assertThat(new String(written, 0, headLength, StandardCharsets.UTF_8))
                .isEqualTo(new String(wire, 0, headLength, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalid")
    void invalidMessageIsRejected(String name, Outcome expected) {
        byte[] wire = TestData.resource("rfc4475/invalid/" + name + ".dat");
        Outcome actual = handle(wire);
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ({1}): {2}")
    @MethodSource("laterSections")
    void laterSectionMessageParses(String name, String section, String expected) {
        byte[] wire = TestData.resource("rfc4475/invalid/" + name + ".dat");
        SipParseResult result = SipParser.parse(wire);
        Outcome malformed = MALFORMED_APPLICATION.get(name);
        if (malformed != null) {
            assertThat(handle(wire)).isEqualTo(malformed);
            assertThat(expected).isEqualTo(Integer.toString(malformed.status()));
            return;
        }
        assertThat(result.error()).as("parse error").isEmpty();
        assertThat(SipValidator.strict(result.message())).as("strict validation").isEmpty();
        SipMessage again = SipParser.parse(SipSerializer.serialize(result.message())).message();
        assertThat(again).isEqualTo(result.message());
    }

    @Test
    void everyCorpusFileHasAnExpectedOutcome() {
        List<String> inTable = handlingRows().stream().map(r -> r[0]).toList();
        List<String> onDisk = TestData.files("rfc4475/invalid", ".dat").stream().map(TestData::baseName).toList();
        assertThat(inTable).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(onDisk).hasSize(36);
        assertThat(valid()).hasSize(13);
        for (String[] row : handlingRows()) {
            if (row[1].startsWith("3.1.2")) {
                Outcome o = INVALID.get(row[0]);
                assertThat(o).as(row[0]).isNotNull();
                assertThat(row[2]).as(row[0]).isEqualTo(o == Outcome.DROP ? "drop" : Integer.toString(o.status()));
                if (o != Outcome.DROP) {
                    assertThat(row[3]).as(row[0]).isEqualTo(o.reason());
                }
            }
        }
    }

    @Test
    void rejectedRequestIsAnsweredWithUsableHeaders() {
        SipParseResult result = SipParser.parse(TestData.resource("rfc4475/invalid/scalar02.dat"));
        SipResponse response = result.errorResponse().orElseThrow();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.reasonPhrase()).isEqualTo("Bad CSeq header");
        assertThat(response.topVia().branch()).contains("z9hG4bK342sdfoi3");
        assertThat(response.callId()).isEqualTo("scalar02.23o0pd9vanlq3wnrlnewofjas9ui32");
        assertThat(response.to().tag()).isPresent();
        assertThat(response.hasHeader("CSeq")).isFalse(); // the bad CSeq is not copied
        assertThat(response.headerValue("Content-Length")).contains("0");
    }

    /** What the transport/transaction layer would do: parse, validate strictly, then answer or drop. */
    static Outcome handle(byte[] wire) {
        SipParseResult result = SipParser.parse(wire);
        Optional<SipParseError> error = result.error();
        if (error.isEmpty()) {
            error = SipValidator.strict(result.message());
            if (error.isPresent() && result.message() instanceof SipResponse) {
                return Outcome.DROP;
            }
            if (error.isPresent() && result.message() instanceof SipRequest) {
                return Outcome.answer(error.get().statusCode(), error.get().reasonPhrase());
            }
            return Outcome.answer(0, "accepted");
        }
        return result.errorResponse()
                .map(r -> Outcome.answer(r.statusCode(), r.reasonPhrase()))
                .orElse(Outcome.DROP);
    }
}
