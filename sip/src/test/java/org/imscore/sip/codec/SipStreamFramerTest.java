package org.imscore.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imscore.sip.codec.SipStreamFramer.Frame;
import org.junit.jupiter.api.Test;

class SipStreamFramerTest {

    private static final byte[] REGISTER = TestData.resource("captures/open5gs_ipsec_reg/485.sip");
    private static final byte[] NOTIFY = TestData.resource("captures/open5gs_ipsec_reg/686.sip");

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static List<Frame> drain(SipStreamFramer framer, ByteBuf buf) {
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = framer.next(buf)) != null) {
            frames.add(f);
            if (f instanceof Frame.Oversize || f instanceof Frame.Malformed) {
                break;
            }
        }
        return frames;
    }

    @Test
    void cutsBackToBackMessagesAndSkipsKeepAlives() {
        byte[] stream = concat("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), REGISTER,
                "\r\n".getBytes(StandardCharsets.US_ASCII), NOTIFY);
        List<Frame> frames = drain(new SipStreamFramer(65536), Unpooled.wrappedBuffer(stream));
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isInstanceOf(Frame.KeepAlivePing.class);
        assertThat(((Frame.Message) frames.get(1)).bytes()).isEqualTo(REGISTER);
        assertThat(((Frame.Message) frames.get(2)).bytes()).isEqualTo(NOTIFY);
        assertThat(SipParser.parse(((Frame.Message) frames.get(2)).bytes()).message().bodyLength()).isPositive();
    }

    /** The stream split at every possible boundary yields the same two messages. */
    @Test
    void everySplitPointGivesTheSameMessages() {
        byte[] stream = concat(REGISTER, NOTIFY);
        for (int split = 0; split <= stream.length; split++) {
            SipStreamFramer framer = new SipStreamFramer(65536);
            ByteBuf buf = Unpooled.buffer();
            List<Frame> frames = new ArrayList<>();
            buf.writeBytes(stream, 0, split);
            frames.addAll(drain(framer, buf));
            buf.writeBytes(stream, split, stream.length - split);
            frames.addAll(drain(framer, buf));
            assertThat(frames).as("split at %d", split).hasSize(2);
            assertThat(((Frame.Message) frames.get(0)).bytes()).isEqualTo(REGISTER);
            assertThat(((Frame.Message) frames.get(1)).bytes()).isEqualTo(NOTIFY);
            assertThat(buf.readableBytes()).isZero();
        }
    }

    @Test
    void oversizeMessageIsReportedWithItsHead() {
        SipStreamFramer framer = new SipStreamFramer(1024);
        Frame f = framer.next(Unpooled.wrappedBuffer(NOTIFY));
        assertThat(f).isInstanceOf(Frame.Oversize.class);
        Frame.Oversize o = (Frame.Oversize) f;
        assertThat(o.size()).isEqualTo(NOTIFY.length);
        // The head cannot parse as a message (its body is missing) but still addresses the 513.
        var tooLarge = SipParser.parse(o.head()).response(513, "Message Too Large").orElseThrow();
        assertThat(tooLarge.statusCode()).isEqualTo(513);
        assertThat(tooLarge.callId()).isEqualTo(SipParser.parse(NOTIFY).message().callId());
    }

    @Test
    void endlessHeadIsOversize() {
        SipStreamFramer framer = new SipStreamFramer(256);
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes("INVITE sip:a@b SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(framer.next(buf)).isNull();
        while (buf.readableBytes() < 300) {
            buf.writeBytes("X-Filler: 0123456789\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(framer.next(buf)).isInstanceOf(Frame.Oversize.class);
    }

    @Test
    void unreadableContentLengthIsMalformed() {
        String msg = "OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -5\r\n\r\n";
        Frame f = new SipStreamFramer(4096).next(Unpooled.wrappedBuffer(msg.getBytes(StandardCharsets.US_ASCII)));
        assertThat(f).isInstanceOf(Frame.Malformed.class);
        assertThat(((Frame.Malformed) f).error().reasonPhrase()).isEqualTo("Bad Content-Length header");
    }

    /** Random octets in random chunks: the framer never throws, and every message frame parses without defect. */
    @Test
    void randomStreamsNeverBreakTheFramer() {
        java.util.Random random = new java.util.Random(3261);
        byte[] alphabet = "SIP/2.0 Content-Length: l:0123456789\r\n\r\nINVITE sip:a@b ".getBytes(StandardCharsets.US_ASCII);
        for (int run = 0; run < 2_000; run++) {
            SipStreamFramer framer = new SipStreamFramer(512);
            ByteBuf buf = Unpooled.buffer();
            byte[] stream = new byte[random.nextInt(2_000)];
            for (int i = 0; i < stream.length; i++) {
                stream[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int at = 0;
            boolean stopped = false;
            while (at < stream.length && !stopped) {
                int chunk = Math.min(stream.length - at, 1 + random.nextInt(64));
                buf.writeBytes(stream, at, chunk);
                at += chunk;
                for (Frame f : drain(framer, buf)) {
                    if (f instanceof Frame.Message m) {
                        assertThat(m.bytes().length).isLessThanOrEqualTo(512);
                        SipParser.parse(m.bytes()).error()
                                .ifPresent(e -> assertThat(e.detail()).doesNotStartWith(SipParser.DEFECT));
                    } else if (f instanceof Frame.Oversize || f instanceof Frame.Malformed) {
                        stopped = true; // the transport closes the connection here
                    }
                }
            }
        }
    }

    @Test
    void compactContentLengthFrames() {
        String msg = "MESSAGE sip:a@b SIP/2.0\r\nl : 5\r\n\r\nhelloOPTIONS";
        ByteBuf buf = Unpooled.wrappedBuffer(msg.getBytes(StandardCharsets.US_ASCII));
        Frame f = new SipStreamFramer(4096).next(buf);
        assertThat(new String(((Frame.Message) f).bytes(), StandardCharsets.US_ASCII)).endsWith("\r\n\r\nhello");
        assertThat(buf.readableBytes()).isEqualTo("OPTIONS".length());
    }
}
