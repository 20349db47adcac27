package org.imscore.aka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the test resources described in {@code ORIGIN.md} beside them. */
final class TestData {

    private TestData() {
    }

    static JsonNode milenageTestSets() {
        try (InputStream in = open("milenage-test-sets.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One MAA of a real capture. */
    record CapturedVector(String capture, int frame, String impi, Octets sipAuthenticate, Octets xres, Octets ck,
                          Octets ik) {
        Octets rand() {
            return sipAuthenticate.slice(0, 16);
        }

        Octets autn() {
            return sipAuthenticate.slice(16, 32);
        }

        @Override
        public String toString() {
            return capture + " frame " + frame;
        }
    }

    static List<CapturedVector> capturedVectors() {
        List<CapturedVector> vectors = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(open("captured-maa-vectors.csv"), StandardCharsets.US_ASCII))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                vectors.add(new CapturedVector(f[0], Integer.parseInt(f[1]), f[2], Octets.fromHex(f[3]),
                        Octets.fromHex(f[4]), Octets.fromHex(f[5]), Octets.fromHex(f[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }

    /** A RAND source that always yields {@code rand}, for reproducible vectors. */
    static RandSource fixedRand(Octets rand) {
        byte[] value = rand.toByteArray();
        return out -> System.arraycopy(value, 0, out, 0, value.length);
    }

    private static InputStream open(String name) {
        InputStream in = TestData.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("test resource missing: " + name);
        }
        return in;
    }
}
