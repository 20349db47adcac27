package org.imscore.aka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every TS 35.208 §4.3 conformance test set, every output. */
class MilenageTestSetsTest {

    private static final JsonNode DATA = TestData.milenageTestSets();

    record TestSet(int number, JsonNode node) {
        Octets get(String field) {
            return Octets.fromHex(node.get(field).asText());
        }

        byte[] bytes(String field) {
            return get(field).toByteArray();
        }

        @Override
        public String toString() {
            return "Test Set " + number;
        }
    }

    static Stream<TestSet> testSets() {
        List<TestSet> sets = new ArrayList<>();
        DATA.get("sets").forEach(node -> sets.add(new TestSet(node.get("set").asInt(), node)));
        return sets.stream();
    }

    @Test
    void corpusHoldsAllTwentySets() {
        assertThat(testSets().map(TestSet::number)).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testSets")
    void reproducesEveryOutput(TestSet set) {
        byte[] k = set.bytes("K");
        byte[] rand = set.bytes("RAND");
        byte[] sqn = set.bytes("SQN");
        byte[] amf = set.bytes("AMF");

        assertThat(Octets.of(Milenage.opc(k, set.bytes("OP")))).as("OPc").isEqualTo(set.get("OPc"));

        // Both ways in: from OP (derived OPc) and from the published OPc.
        for (Milenage milenage : List.of(Milenage.withOp(k, set.bytes("OP")), Milenage.withOpc(k, set.bytes("OPc")))) {
            assertThat(Octets.of(milenage.opc())).as("OPc").isEqualTo(set.get("OPc"));
            assertThat(Octets.of(milenage.f1(rand, sqn, amf))).as("f1").isEqualTo(set.get("f1"));
            assertThat(Octets.of(milenage.f1Star(rand, sqn, amf))).as("f1*").isEqualTo(set.get("f1star"));
            assertThat(Octets.of(milenage.f2(rand))).as("f2").isEqualTo(set.get("f2"));
            assertThat(Octets.of(milenage.f3(rand))).as("f3").isEqualTo(set.get("f3"));
            assertThat(Octets.of(milenage.f4(rand))).as("f4").isEqualTo(set.get("f4"));
            assertThat(Octets.of(milenage.f5(rand))).as("f5").isEqualTo(set.get("f5"));
            assertThat(Octets.of(milenage.f5Star(rand))).as("f5*").isEqualTo(set.get("f5star"));

            Milenage.ChallengeOutputs outputs = milenage.f2345(rand);
            assertThat(outputs.res()).as("f2345 RES").isEqualTo(set.get("f2"));
            assertThat(outputs.ck()).as("f2345 CK").isEqualTo(set.get("f3"));
            assertThat(outputs.ik()).as("f2345 IK").isEqualTo(set.get("f4"));
            assertThat(outputs.ak()).as("f2345 AK").isEqualTo(set.get("f5"));

            Milenage.VectorOutputs vectorOutputs = milenage.vectorOutputs(rand, sqn, amf);
            assertThat(vectorOutputs.macA()).as("vector MAC-A").isEqualTo(set.get("f1"));
            assertThat(vectorOutputs.challenge()).as("vector f2..f5").isEqualTo(outputs);
        }

        // The full vector through the AuC with this set's RAND.
        SubscriberKeys keys = SubscriberKeys.fromOp(set.get("K"), set.get("OP"), set.get("AMF"));
        AuthenticationVector vector = new AuthenticationCenter(SqnScheme.DEFAULT, TestData.fixedRand(set.get("RAND")))
                .generate(keys, Sqn.fromOctets(set.get("SQN")));
        assertThat(vector.rand()).isEqualTo(set.get("RAND"));
        assertThat(vector.xres()).as("XRES").isEqualTo(set.get("f2"));
        assertThat(vector.ck()).as("CK").isEqualTo(set.get("f3"));
        assertThat(vector.ik()).as("IK").isEqualTo(set.get("f4"));
        assertThat(vector.autn()).as("AUTN").isEqualTo(set.get("AUTN"));
        assertThat(vector.sqn()).isEqualTo(Sqn.fromOctets(set.get("SQN")));
    }

    @Test
    void publishedResyncVectorRecoversSqnMsAndVerifiesMacS() {
        JsonNode example = DATA.get("resync_example");
        Octets k = Octets.fromHex(example.get("K").asText());
        Octets opc = Octets.fromHex(example.get("OPc").asText());
        Octets rand = Octets.fromHex(example.get("RAND").asText());
        Auts auts = Auts.fromHex(example.get("AUTS").asText());
        Milenage milenage = Milenage.withOpc(k.toByteArray(), opc.toByteArray());

        assertThat(Octets.of(milenage.f5Star(rand.toByteArray())))
                .isEqualTo(Octets.fromHex(example.get("AKstar").asText()));
        Sqn sqnMs = auts.recoverSqn(milenage, rand);
        assertThat(sqnMs).isEqualTo(Sqn.fromHex(example.get("SQN_MS").asText()));
        assertThat(auts.macS()).isEqualTo(Octets.fromHex(example.get("MAC_S_with_AMF_0000").asText()));
        assertThat(auts.verify(milenage, rand, sqnMs)).isTrue();
        assertThat(Auts.compute(milenage, rand, sqnMs)).isEqualTo(auts);
    }
}
