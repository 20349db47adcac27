package org.imscore.aka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Milenage instances share their thread's AES cipher, keyed again when a thread switches keys: instances for other
 * keys interleaved block by block on one thread, and one instance used by many threads at once, must still give
 * every TS 35.208 output of their own key.
 */
class MilenageThreadCipherTest {

    /** One TS 35.208 test set: its inputs and the outputs a vector needs. */
    private record Expected(byte[] k, byte[] op, byte[] opc, byte[] rand, byte[] sqn, byte[] amf, Octets macA,
                            Octets res, Octets ck, Octets ik, Octets ak, Octets macS) {

        static Expected of(JsonNode set) {
            return new Expected(bytes(set, "K"), bytes(set, "OP"), bytes(set, "OPc"), bytes(set, "RAND"),
                    bytes(set, "SQN"), bytes(set, "AMF"), octets(set, "f1"), octets(set, "f2"), octets(set, "f3"),
                    octets(set, "f4"), octets(set, "f5"), octets(set, "f1star"));
        }

        private static byte[] bytes(JsonNode set, String field) {
            return octets(set, field).toByteArray();
        }

        private static Octets octets(JsonNode set, String field) {
            return Octets.fromHex(set.get(field).asText());
        }

        void assertOutputsOf(Milenage milenage) {
            Milenage.VectorOutputs outputs = milenage.vectorOutputs(rand, sqn, amf);
            assertThat(outputs.macA()).isEqualTo(macA);
            assertThat(outputs.challenge())
                    .isEqualTo(new Milenage.ChallengeOutputs(res, ck, ik, ak));
            assertThat(Octets.of(milenage.f1Star(rand, sqn, amf))).isEqualTo(macS);
        }
    }

    private static List<Expected> sets() {
        List<Expected> sets = new ArrayList<>();
        TestData.milenageTestSets().get("sets").forEach(node -> sets.add(Expected.of(node)));
        return sets;
    }

    @Test
    void instancesOfOtherKeysInterleavedOnOneThreadKeepTheirOwnKey() {
        List<Expected> sets = sets();
        List<Milenage> instances = sets.stream().map(s -> Milenage.withOpc(s.k(), s.opc())).toList();

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < sets.size(); i++) {
                sets.get(i).assertOutputsOf(instances.get(i));
                // OPc derivation runs under yet another key between two instances' blocks.
                Expected next = sets.get((i + 1) % sets.size());
                assertThat(Milenage.opc(next.k(), next.op())).isEqualTo(next.opc());
            }
        }
    }

    @Test
    void oneInstancePerKeySharedByManyThreadsGivesEveryOutput() throws Exception {
        List<Expected> sets = sets();
        List<Milenage> shared = sets.stream().map(s -> Milenage.withOpc(s.k(), s.opc())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    for (int n = 0; n < 200; n++) {
                        int i = (n + offset) % sets.size();
                        sets.get(i).assertOutputsOf(shared.get(i));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
