package org.imscore.diameter.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.imscore.diameter.dictionary.Dictionaries;
import org.junit.jupiter.api.Test;

/**
 * Nothing escapes the codec as an exception: random octets, truncations and bit flips of real
 * messages (fixed seed, so a failure reproduces) all decode to a result, and whatever decodes to a
 * message also re-encodes and builds an error answer without throwing.
 */
class FuzzTest {

    private static final DiameterCodec CODEC = new DiameterCodec(Dictionaries.cx());

    private static List<byte[]> seeds() throws IOException, URISyntaxException {
        Path root = Path.of(FuzzTest.class.getResource("/captures").toURI());
        List<byte[]> seeds = new ArrayList<>();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".bin")).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        seeds.add(CODEC.encode(ValidationTest.mar()));
        return seeds;
    }

    private static void survive(byte[] input) {
        DecodeResult result = CODEC.decode(input);
        result.message().ifPresent(m -> {
            CODEC.encode(m);
            m.toString();
            for (Avp avp : m.avps()) {
                avp.avps();
                avp.utf8();
                avp.address();
                avp.describe(Dictionaries.cx());
            }
            if (!result.failures().isEmpty()) {
                ErrorAnswers.answer(m, result.failures().get(0), "h", "r");
            }
        });
        if (result.isSuccess()) {
            if (!java.util.Arrays.equals(CODEC.encode(result.message().get()), input)) {
                throw new AssertionError("re-encoding differs for " + java.util.HexFormat.of().formatHex(input));
            }
            if (!java.util.Arrays.equals(CaptureRoundTripTest.encodedToBuffer(result.message().get()), input)) {
                throw new AssertionError("encoding to a buffer differs for "
                        + java.util.HexFormat.of().formatHex(input));
            }
        }
    }

    @Test
    void randomOctets() {
        Random random = new Random(6733);
        for (int i = 0; i < 5000; i++) {
            byte[] input = new byte[random.nextInt(200)];
            random.nextBytes(input);
            if (input.length >= 4 && random.nextBoolean()) {
                input[0] = 1; // get past the version check more often
                input[1] = 0;
                input[2] = 0;
                input[3] = (byte) input.length;
            }
            survive(input);
        }
    }

    @Test
    void truncatedRealMessages() throws Exception {
        for (byte[] seed : seeds()) {
            for (int length = 0; length < seed.length; length++) {
                survive(java.util.Arrays.copyOf(seed, length));
            }
        }
    }

    @Test
    void mutatedRealMessages() throws Exception {
        Random random = new Random(3588);
        List<byte[]> seeds = seeds();
        for (int i = 0; i < 8000; i++) {
            byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
            }
            survive(input);
        }
    }
}
