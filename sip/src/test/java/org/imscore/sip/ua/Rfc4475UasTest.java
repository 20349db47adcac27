package org.imscore.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.FakeTransport;
import org.imscore.sip.transaction.ManualTimerService;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 4475 transaction-layer (§3.2), application-layer (§3.3) and backward-compatibility (§3.4) message a
 * UAS answers, with the handling {@code rfc4475/expected-handling.csv} gives: the request goes through the parser
 * (whose 400 the transport sends for what it rejects) and then through the user-agent core.
 */
class Rfc4475UasTest {

    /** Rows of those sections that are not a UAS's to answer, and whose they are. */
    private static final Map<String, String> NOT_UAS = Map.of(
            "regaut01", "registrar (401 with a supported scheme)",
            "cparam01", "registrar (binding stored)",
            "cparam02", "registrar (binding stored)",
            "regescrt", "registrar (binding stored)",
            "bcast", "proxy (a response, not forwarded)");

    /** Where the CSV gives a proxy's answer and a UAS answers otherwise, as the CSV's note allows. */
    private static final Map<String, Integer> UAS_ANSWER = Map.of("zeromf", 200);

    record Row(String file, String section, String expected, String reason) {
        @Override
        public String toString() {
            return file + " (RFC 4475 §" + section + ": " + expected + ")";
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = Rfc4475UasTest.class.getResourceAsStream("/rfc4475/expected-handling.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 4);
                if (f[1].startsWith("3.2") || f[1].startsWith("3.3") || f[1].startsWith("3.4")) {
                    rows.add(new Row(f[0], f[1], f[2], f[3]));
                }
            }
        }
        return rows;
    }

    static Stream<Row> uasRows() throws IOException {
        return rows().stream().filter(r -> !NOT_UAS.containsKey(r.file()));
    }

    @Test
    void everyRowIsCoveredHereOrNamedAsAnotherElementsCase() throws IOException {
        List<String> files = rows().stream().map(Row::file).toList();
        assertThat(files).hasSize(17).containsAll(NOT_UAS.keySet());
        assertThat(uasRows()).hasSize(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uasRows")
    void uasAnswersAsTheRfcSays(Row row) throws IOException {
        ManualTimerService clock = new ManualTimerService();
        FakeTransport transport = new FakeTransport(clock);
        UserAgent ua = new UserAgent(transport, clock, TransactionConfig.DEFAULT, UaConfig.DEFAULT);
        ua.handle("INVITE", r -> r.respond(r.response(200).add("Contact", "<sip:uas@127.0.0.1>").build()));
        ua.handle("REGISTER", r -> r.respond(200)); // a UAS that serves REGISTER: unksm2 is then 416, not 405

        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/rfc4475/invalid/" + row.file() + ".dat")) {
            bytes = in.readAllBytes();
        }
        SipParseResult parsed = SipParser.parse(bytes);
        Optional<SipResponse> answer;
        if (parsed.isSuccess()) {
            ua.layer().onMessage(Wire.inbound(parsed.message(), Wire.PEER_UDP));
            answer = transport.responses.stream().filter(r -> r.statusCode() >= 200).findFirst();
        } else {
            answer = parsed.errorResponse(); // what the transport answers statelessly
        }

        int expected = UAS_ANSWER.getOrDefault(row.file(),
                row.expected().equals("accept") ? 200 : Integer.parseInt(row.expected()));
        assertThat(answer).as(row.reason()).hasValueSatisfying(r -> {
            assertThat(r.statusCode()).isEqualTo(expected);
            if (r.hasHeader("To")) {
                assertThat(r.to().tag()).isPresent();
            }
        });
        SipResponse r = answer.orElseThrow();
        switch (row.file()) {
            case "bext01" -> assertThat(r.headers(HeaderType.UNSUPPORTED))
                    .containsExactly("nothingSupportsThis", "nothingSupportsThisEither");
            case "invut" -> assertThat(r.headerValue("Accept")).contains("application/sdp");
            case "inv2543" -> {
                // Processed with RFC 2543 matching: a retransmission is absorbed, not a second call.
                ua.layer().onMessage(Wire.inbound(SipParser.parse(bytes).message(), Wire.PEER_UDP));
                assertThat(ua.layer().serverTransactionCount()).isEqualTo(1);
            }
            case "insuf" -> assertThat(r.reasonPhrase()).contains("From");
            default -> {
            }
        }
        if (parsed.isSuccess()) {
            SipRequest request = (SipRequest) parsed.message();
            assertThat(r.callId()).isEqualTo(request.callId());
            assertThat(r.cseq()).isEqualTo(request.cseq());
        }
    }
}
