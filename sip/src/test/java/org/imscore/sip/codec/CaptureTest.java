package org.imscore.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.SipMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SIP message of the real IMS captures (extracted by captures/extract-sip.sh): parses, passes strict
 * validation, and is written back with the same start line, the same fields in order and the same body.
 */
class CaptureTest {

    static Stream<Path> messages() {
        return Stream.of("open5gs_ipsec_reg", "open5gs_nonipsec_reg")
                .flatMap(c -> TestData.files("captures/" + c, ".sip").stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void parsesAndReserializes(Path file) {
        byte[] wire = TestData.bytes(file);
        SipParseResult result = SipParser.parse(wire);
        assertThat(result.error()).isEmpty();
        SipMessage m = result.message();
        assertThat(SipValidator.strict(m)).isEmpty();

        byte[] written = SipSerializer.serialize(m);
        assertThat(written).isEqualTo(wire); // real traffic has no leading CRLF or trailing octets
        SipMessage again = SipParser.parse(written).message();
        assertThat(again.startLine()).isEqualTo(m.startLine());
        assertThat(again.headerFields()).extracting(HeaderField::rawText)
                .containsExactlyElementsOf(m.headerFields().stream().map(HeaderField::rawText).toList());
        assertThat(again.body()).isEqualTo(m.body());
        assertThat(again).isEqualTo(m);
    }

    @Test
    void allMessagesOfBothCapturesArePresent() {
        List<Path> all = messages().toList();
        assertThat(all).hasSize(48);
    }
}
