package org.imscore.diameter.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.imscore.diameter.transport.DiameterFrameDecoder.FramingError;
import org.junit.jupiter.api.Test;

/** The TCP framer finds every message whatever the segmentation, and reports an unframeable header. */
class DiameterFrameDecoderTest {

    private static List<byte[]> messages() throws Exception {
        Path dir = Path.of(DiameterFrameDecoderTest.class.getResource("/captures/open5gs_ipsec_reg").toURI());
        List<byte[]> messages = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                messages.add(Files.readAllBytes(p));
            }
        }
        return messages;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static List<Object> feed(byte[] stream, int... cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(new DiameterFrameDecoder(1 << 20));
        int from = 0;
        for (int cut : cuts) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, from, cut - from));
            from = cut;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(stream, from, stream.length - from));
        List<Object> out = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            out.add(o);
        }
        channel.finishAndReleaseAll();
        return out;
    }

    @Test
    void splitsAConcatenatedStreamAtEveryFragmentBoundary() throws Exception {
        List<byte[]> messages = messages().subList(0, 4);
        byte[] stream = concat(messages);
        for (int cut = 1; cut < stream.length; cut++) {
            List<Object> frames = feed(stream, cut);
            assertThat(frames).as("cut at %d", cut).hasSize(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                assertThat((byte[]) frames.get(i)).isEqualTo(messages.get(i));
            }
        }
    }

    @Test
    void oneOctetAtATime() throws Exception {
        List<byte[]> messages = messages();
        byte[] stream = concat(messages);
        int[] cuts = new int[stream.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        assertThat(feed(stream, cuts)).hasSize(messages.size());
    }

    @Test
    void badVersionOrLengthBecomesAFramingError() throws Exception {
        byte[] good = messages().get(0);
        byte[] bad = good.clone();
        bad[0] = 2;
        List<Object> out = feed(concat(List.of(good, bad, good)));
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isInstanceOfSatisfying(FramingError.class, e -> {
            assertThat(e.badVersion()).isTrue();
            assertThat(e.header()).hasSize(20);
        });
        byte[] oddLength = good.clone();
        oddLength[3] = (byte) (oddLength[3] + 1);
        assertThat(feed(oddLength).get(0)).isInstanceOfSatisfying(FramingError.class,
                e -> assertThat(e.badVersion()).isFalse());
    }
}
