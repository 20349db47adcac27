package org.imscore.diameter.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxCommand;
import org.imscore.diameter.cx.LocationInfoRequest;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.ServerAssignmentAnswer;
import org.imscore.diameter.cx.ServerAssignmentRequest;
import org.imscore.diameter.cx.UserAuthorizationAnswer;
import org.imscore.diameter.cx.UserAuthorizationRequest;
import org.imscore.diameter.dictionary.Dictionaries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Diameter message of the real captures (src/test/resources/captures, see ORIGIN.md there)
 * decodes and re-encodes byte for byte, AVPs unknown to our dictionaries included.
 */
class CaptureRoundTripTest {

    private static final DiameterCodec CODEC = new DiameterCodec(Dictionaries.cx());

    static Stream<Path> captures() throws IOException, URISyntaxException {
        Path root = Path.of(CaptureRoundTripTest.class.getResource("/captures").toURI());
        return Files.walk(root).filter(p -> p.toString().endsWith(".bin")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void reencodesByteForByte(Path file) throws IOException {
        byte[] wire = Files.readAllBytes(file);
        DecodeResult result = CODEC.decode(wire);

        assertThat(result.message()).isPresent();
        DiameterMessage message = result.message().orElseThrow();
        assertThat(CODEC.encode(message)).isEqualTo(wire);
        assertThat(encodedToBuffer(message)).isEqualTo(wire);
        assertThat(message.encodedLength()).isEqualTo(wire.length);
        // Rebuilding through the builder keeps every AVP as well.
        assertThat(CODEC.encode(message.toBuilder().build())).isEqualTo(wire);
        assertThat(message.sessionId().isPresent() || message.commandCode() == 280).isTrue();
        if (message.applicationId() != Cx.APPLICATION_ID && message.applicationId() != 0) {
            // Gx, Rx, S6a: AVPs no dictionary of ours knows are kept (and re-encoded above).
            assertThat(message.avps()).anyMatch(a -> Dictionaries.cx().avp(a.code(), a.vendorId()).isEmpty());
        }
    }

    /** The octets {@link DiameterCodec#encode(DiameterMessage, ByteBuf)} writes after a few octets already there. */
    static byte[] encodedToBuffer(DiameterMessage message) {
        ByteBuf out = Unpooled.buffer(8).writeInt(0xCAFEBABE);
        CODEC.encode(message, out);
        assertThat(out.readInt()).isEqualTo(0xCAFEBABE);
        return ByteBufUtil.getBytes(out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void cxMessagesAreValidAndReadable(Path file) throws IOException {
        DecodeResult result = CODEC.decode(Files.readAllBytes(file));
        DiameterMessage message = result.message().orElseThrow();
        if (message.applicationId() == Cx.APPLICATION_ID || message.applicationId() == 0) {
            assertThat(result.failures()).as("failures of %s", message).isEmpty();
        } else if (message.isRequest()) {
            // Gx, Rx, S6a: decoded and kept, but a Cx node must refuse the application (RFC 6733 7.1.3).
            assertThat(result.failures()).extracting(DecodeFailure::resultCode)
                    .containsExactly(ResultCode.APPLICATION_UNSUPPORTED);
        }
        CxCommand.of(message).ifPresent(command -> {
            boolean readable = switch (command) {
                case UAR -> UserAuthorizationRequest.from(message).isPresent();
                case UAA -> UserAuthorizationAnswer.from(message).isPresent();
                case MAR -> MultimediaAuthRequest.from(message).isPresent();
                case MAA -> MultimediaAuthAnswer.from(message).isPresent();
                case SAR -> ServerAssignmentRequest.from(message).isPresent();
                case SAA -> ServerAssignmentAnswer.from(message).isPresent();
                case LIR -> LocationInfoRequest.from(message).isPresent();
                default -> true;
            };
            assertThat(readable).as("typed reader for %s", command).isTrue();
        });
    }
}
