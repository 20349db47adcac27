package org.imscore.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/**
 * The serializer writes text as UTF-8 (RFC 3261 §7.3.1), ASCII a char per byte and anything else exactly as
 * {@code String.getBytes(UTF_8)} of the whole head would, which is what it wrote before it encoded into one array.
 */
class SipSerializerTest {

    /** "Zoë Ångström 日本 😀" as UTF-8 on the wire: 2-, 3- and 4-octet sequences. */
    private static final String NAME = "Zo\u00eb \u00c5ngstr\u00f6m \u65e5\u672c \ud83d\ude00";

    private static final String MESSAGE = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: \"" + NAME + "\" <sip:alice@example.com>;tag=a\r\n"
            + "To: \"\u00c9lodie\" <sip:bob@example.com>\r\n"
            + "Call-ID: x@y\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Subject: caf\u00e9\r\n"
            + " cr\u00e8me\r\n"
            + "Content-Type: text/plain;charset=UTF-8\r\n";

    private static final String TEXT = "Gr\u00fc\u00dfe, \u4f60\u597d \ud83d\udc4b";

    private static byte[] receivedWire() {
        byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
        return (MESSAGE + "Content-Length: " + body.length + "\r\n\r\n" + TEXT).getBytes(StandardCharsets.UTF_8);
    }

    /** What the serializer wrote before: the head as one string encoded by the JDK, then the body. */
    private static byte[] headThenBody(SipMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SipSerializer.head(message).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(message.body());
        return out.toByteArray();
    }

    @Test
    void receivedNonAsciiTextComesBackByteForByte() {
        byte[] wire = receivedWire();
        SipMessage message = SipParser.parse(wire).message();
        assertThat(message.from().displayName()).isEqualTo(NAME);

        byte[] written = SipSerializer.serialize(message);

        assertThat(written).isEqualTo(wire).isEqualTo(headThenBody(message));
        assertThat(HexFormat.of().formatHex(written))
                .contains(HexFormat.of().formatHex("Zo\u00eb".getBytes(StandardCharsets.UTF_8)))
                .contains("5a6fc3ab20c3856e67737472c3b66d20e697a5e69cac20f09f9880"); // the display name, by hand
    }

    @Test
    void builtNonAsciiDisplayNameReasonAndBodyAreUtf8() {
        SipMessage request = SipParser.parse(receivedWire()).message();
        SipResponse response = SipResponse.forRequest((SipRequest) request, 488, "Nicht annehmbar \u00fcberall")
                .toTag("t\u00e4g")
                .set("To", "\"" + NAME + "\" <sip:bob@example.com>;tag=t")
                .add("Warning", "399 example.com \"" + "\u65e5\u672c".repeat(200) + "\"")
                .body("text/plain", TEXT)
                .build();

        byte[] written = SipSerializer.serialize(response);

        assertThat(written).isEqualTo(headThenBody(response));
        String text = new String(written, StandardCharsets.UTF_8);
        assertThat(text).startsWith("SIP/2.0 488 Nicht annehmbar \u00fcberall\r\n")
                .contains("\r\nTo: \"" + NAME + "\" <sip:bob@example.com>;tag=t\r\n")
                .endsWith("\r\n\r\n" + TEXT);
        assertThat(SipParser.parse(written).message()).isEqualTo(response);
    }

    @Test
    void unpairedSurrogateIsWrittenAsQuestionMarkAsBefore() {
        SipMessage message = SipParser.parse(receivedWire()).message().toBuilder()
                .set("Subject", "x\ud800y\udc00z\ud83d")
                .build();

        byte[] written = SipSerializer.serialize(message);

        assertThat(written).isEqualTo(headThenBody(message));
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\r\nSubject: x?y?z?\r\n");
    }

    @Test
    void nonAsciiFieldAddedToAnAsciiMessageIsUtf8() {
        byte[] wire = ("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
                + "From: <sip:alice@example.com>;tag=a\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: x@y\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        SipMessage message = SipParser.parse(wire).message().toBuilder()
                .set("From", "\"" + NAME + "\" <sip:alice@example.com>;tag=a")
                .build();

        byte[] written = SipSerializer.serialize(message);

        assertThat(written).isEqualTo(headThenBody(message));
        assertThat(new String(written, StandardCharsets.UTF_8))
                .contains("\r\nFrom: \"" + NAME + "\" <sip:alice@example.com>;tag=a\r\n");
    }

    /** An octet that is not UTF-8 was read as U+FFFD and goes out as its UTF-8 form, as it always did. */
    @Test
    void malformedUtf8OctetIsWrittenAsReplacementChar() {
        byte[] wire = receivedWire();
        int at = new String(wire, StandardCharsets.ISO_8859_1).indexOf("caf");
        wire[at + 1] = (byte) 0x80; // "c\x80f"

        SipMessage message = SipParser.parse(wire).message();
        byte[] written = SipSerializer.serialize(message);

        assertThat(written).isEqualTo(headThenBody(message));
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\r\nSubject: c\ufffdf\u00e9\r\n");
    }

    @Test
    void asciiMessageIsExactlyTheReceivedOctets() {
        byte[] wire = ("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
                + "f: <sip:alice@example.com>;tag=a\r\n"
                + "To:<sip:bob@example.com>\r\n"
                + "Call-ID: x@y\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "l: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThat(SipSerializer.serialize(SipParser.parse(wire).message())).isEqualTo(wire);
    }

    @Test
    void writeToByteBufAppendsTheSameOctets() {
        SipMessage message = SipParser.parse(receivedWire()).message();
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte('!');
            SipSerializer.write(message, buf);
            byte[] out = ByteBufUtil.getBytes(buf);
            assertThat(out[0]).isEqualTo((byte) '!');
            assertThat(java.util.Arrays.copyOfRange(out, 1, out.length)).isEqualTo(receivedWire());
        } finally {
            buf.release();
        }
    }
}
