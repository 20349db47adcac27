package org.imscore.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.SipMessage;
import org.junit.jupiter.api.Test;

/**
 * No input makes the parser throw or report a defect: random bytes, every truncation of every corpus message,
 * and random mutations of them (fixed seeds, so a failure reproduces). Typed reads of whatever parses either
 * succeed or throw {@link MalformedHeaderException}, nothing else.
 */
class ParserFuzzTest {

    private static final byte[] ALPHABET = "SIP/2.0 INVITE sip:@;=,<>\"\\:\r\n\t []%0123456789abcdefz-.!~*'()?&+$/#Via: From To l: CSeq"
            .getBytes(StandardCharsets.US_ASCII);

    static List<byte[]> corpus() {
        List<byte[]> all = new ArrayList<>();
        Stream.of("rfc4475/valid", "rfc4475/invalid", "rfc5118").forEach(d ->
                TestData.files(d, ".dat").forEach(p -> all.add(TestData.bytes(p))));
        Stream.of("captures/open5gs_ipsec_reg", "captures/open5gs_nonipsec_reg").forEach(d ->
                TestData.files(d, ".sip").forEach(p -> all.add(TestData.bytes(p))));
        return all;
    }

    @Test
    void randomBytes() {
        Random random = new Random(4475);
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[random.nextInt(600)];
            if (random.nextBoolean()) {
                random.nextBytes(b);
            } else {
                for (int j = 0; j < b.length; j++) {
                    b[j] = ALPHABET[random.nextInt(ALPHABET.length)];
                }
            }
            check(b);
        }
    }

    @Test
    void everyTruncationOfEveryCorpusMessage() {
        int runs = 0;
        for (byte[] message : corpus()) {
            // Every cut in the first 160 octets (start line and first headers), then every 4th, then every 16th.
            for (int n = 0; n <= message.length; n += n < 160 ? 1 : n < 800 ? 4 : 16) {
                check(java.util.Arrays.copyOf(message, n));
                runs++;
            }
        }
        assertThat(runs).isGreaterThan(25_000);
    }

    @Test
    void mutatedCorpusMessages() {
        Random random = new Random(5118);
        List<byte[]> corpus = corpus();
        for (int i = 0; i < 8_000; i++) {
            byte[] b = corpus.get(random.nextInt(corpus.size())).clone();
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits && b.length > 0; e++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(3)) {
                    case 0 -> b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                    case 1 -> b[at] = (byte) random.nextInt(256);
                    default -> {
                        byte[] shorter = new byte[b.length - 1];
                        System.arraycopy(b, 0, shorter, 0, at);
                        System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                        b = shorter;
                    }
                }
            }
            check(b);
        }
    }

    /** The value of the first Via line in the text, found independently of the parser (test oracle). */
    private static String firstViaValue(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        String[] lines = (headEnd < 0 ? text : text.substring(0, headEnd)).split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).strip();
                if (name.equalsIgnoreCase("Via") || name.equalsIgnoreCase("v")) {
                    StringBuilder v = new StringBuilder(lines[i].substring(colon + 1));
                    while (i + 1 < lines.length && (lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("\t"))) {
                        v.append(' ').append(lines[++i]);
                    }
                    return v.toString().strip();
                }
            }
        }
        return null;
    }

    private static String squeeze(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(c -> c > ' ' && !Character.isWhitespace(c) && !Character.isISOControl(c)
                && !Character.isSpaceChar(c)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static void check(byte[] input) {
        SipParseResult result = SipParser.parse(input);
        assertThat(result.isSuccess() || result.error().isPresent()).isTrue();
        result.error().ifPresent(e -> assertThat(e.detail()).doesNotStartWith(SipParser.DEFECT));
        result.errorResponse().ifPresent(r -> {
            assertThat(r.statusCode()).isEqualTo(result.error().orElseThrow().statusCode());
            assertThat(r.headerFields("Via")).isNotEmpty();
            // The answer goes where the input's top Via says (never to a lower Via).
            String topVia = firstViaValue(input);
            assertThat(topVia).isNotNull();
            assertThat(squeeze(topVia)).startsWith(squeeze(r.headerFields("Via").get(0).value()));
            SipParseResult reparsed = SipParser.parse(SipSerializer.serialize(r));
            reparsed.error().ifPresent(e -> assertThat(e.detail()).doesNotStartWith(SipParser.DEFECT));
        });
        if (!result.isSuccess()) {
            return;
        }
        SipMessage m = result.message();
        SipValidator.strict(m); // reports, never throws
        for (HeaderField f : m.headerFields()) {
            f.values();
        }
        try {
            m.contacts();
            m.routes();
            m.contentType();
        } catch (MalformedHeaderException expected) {
            assertThat(expected.reasonPhrase()).startsWith("Bad ");
        }
        byte[] written = SipSerializer.serialize(m);
        SipParseResult again = SipParser.parse(written);
        assertThat(again.isSuccess()).as("re-parse of %s", new String(written, StandardCharsets.ISO_8859_1)).isTrue();
    }
}
