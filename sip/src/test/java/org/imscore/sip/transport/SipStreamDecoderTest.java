package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.imscore.sip.codec.SipStreamFramer.Frame;
import org.junit.jupiter.api.Test;

/** The TCP framing stage in an in-memory channel: fragments cut anywhere, several messages per segment. */
class SipStreamDecoderTest {

    private static final String FIRST = TcpTransportTest.withBody(
            Peers.options("TCP", "127.0.0.1:5070", "", "one"), "v=0\r\n");
    private static final String SECOND = Peers.options("TCP", "127.0.0.1:5070", "", "two");

    private final LongAdder octets = new LongAdder();

    @Test
    void twoMessagesAndAPingCutAtEveryBoundaryGiveTheSameFrames() {
        byte[] stream = (FIRST + "\r\n\r\n" + SECOND).getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of(FIRST, "ping", SECOND);
        List<String> wrong = new ArrayList<>();
        for (int a = 0; a <= stream.length; a++) {
            // every single cut (b == a), and a second cut at a stride: every pair would be ~130,000 runs, this is ~3,300
            for (int b = a; b <= stream.length; b += b == a ? 1 + a % 47 : 47) {
                List<String> frames = decode(stream, a, b);
                if (!frames.equals(expected)) {
                    wrong.add("cuts at " + a + "," + b + ": " + frames);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyByteInItsOwnWriteGivesTheMessage() {
        byte[] stream = FIRST.getBytes(StandardCharsets.UTF_8);
        EmbeddedChannel channel = new EmbeddedChannel(new SipStreamDecoder(4096, octets));
        for (byte b : stream) {
            assertThat(channel.inboundMessages()).isEmpty();
            channel.writeInbound(Unpooled.copiedBuffer(new byte[] {b}));
        }
        assertThat(text(channel.readInbound())).isEqualTo(FIRST);
        assertThat(octets.sum()).isEqualTo(stream.length);
    }

    @Test
    void severalMessagesInOneSegment() {
        EmbeddedChannel channel = new EmbeddedChannel(new SipStreamDecoder(4096, octets));
        channel.writeInbound(Unpooled.copiedBuffer((SECOND + FIRST + SECOND).getBytes(StandardCharsets.UTF_8)));
        assertThat(text(channel.readInbound())).isEqualTo(SECOND);
        assertThat(text(channel.readInbound())).isEqualTo(FIRST);
        assertThat(text(channel.readInbound())).isEqualTo(SECOND);
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void afterAnOversizeMessageEverythingElseIsDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new SipStreamDecoder(1024, octets));
        String big = TcpTransportTest.withBody(SECOND, "x".repeat(2000));
        channel.writeInbound(Unpooled.copiedBuffer((big + SECOND).getBytes(StandardCharsets.UTF_8)));
        channel.writeInbound(Unpooled.copiedBuffer(SECOND.getBytes(StandardCharsets.UTF_8)));

        Frame.Oversize oversize = channel.readInbound();
        assertThat(oversize.size()).isGreaterThan(1024);
        assertThat(new String(oversize.head(), StandardCharsets.UTF_8)).startsWith("OPTIONS ");
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void afterAnUnframeableMessageEverythingElseIsDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new SipStreamDecoder(4096, octets));
        String bad = SECOND.replace("Content-Length: 0", "Content-Length: zero");
        channel.writeInbound(Unpooled.copiedBuffer((bad + SECOND).getBytes(StandardCharsets.UTF_8)));

        Frame.Malformed malformed = channel.readInbound();
        assertThat(malformed.error().reasonPhrase()).isEqualTo("Bad Content-Length header");
        assertThat(channel.inboundMessages()).isEmpty();
    }

    private List<String> decode(byte[] stream, int a, int b) {
        EmbeddedChannel channel = new EmbeddedChannel(new SipStreamDecoder(4096, octets));
        // copies: the decoder compacts its cumulation in place, which would write into a wrapped array
        channel.writeInbound(Unpooled.copiedBuffer(stream, 0, a));
        channel.writeInbound(Unpooled.copiedBuffer(stream, a, b - a));
        channel.writeInbound(Unpooled.copiedBuffer(stream, b, stream.length - b));
        List<String> frames = new ArrayList<>();
        Object f;
        while ((f = channel.readInbound()) != null) {
            frames.add(f instanceof Frame.Message m ? new String(m.bytes(), StandardCharsets.UTF_8)
                    : f instanceof Frame.KeepAlivePing ? "ping" : f.toString());
        }
        channel.finishAndReleaseAll();
        return frames;
    }

    private static String text(Object frame) {
        assertThat(frame).isInstanceOf(Frame.Message.class);
        return new String(((Frame.Message) frame).bytes(), StandardCharsets.UTF_8);
    }
}
