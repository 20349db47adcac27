package org.imscore.aka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vectors a real HSS sent in the Cx MAAs of two public registration captures (fixture and provenance beside
 * the test resources): our AuC and our USIM must agree with them octet for octet.
 */
class CapturedVectorsTest {

    private static final Octets K = Octets.fromHex("8baf473f2f8fd09487cccbd7097c6862");
    private static final Octets OPC = Octets.fromHex("8E27B6AF0E692E750F32667A3B14605D");

    static List<TestData.CapturedVector> capturedVectors() {
        return TestData.capturedVectors();
    }

    @Test
    void fixtureHoldsBothCaptures() {
        assertThat(capturedVectors()).extracting(v -> v.capture() + "#" + v.frame())
                .containsExactly("open5gs_ipsec_reg.pcapng#402", "open5gs_nonipsec_reg.pcapng#424");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedVectors")
    void authenticationCenterReproducesTheCapturedVector(TestData.CapturedVector captured) {
        Autn autn = new Autn(captured.autn());
        Milenage milenage = Milenage.withOpc(K.toByteArray(), OPC.toByteArray());
        Sqn sqn = autn.sqn(Octets.of(milenage.f5(captured.rand().toByteArray())));
        SubscriberKeys keys = new SubscriberKeys(K, OPC, autn.amf());

        AuthenticationVector vector = new AuthenticationCenter(SqnScheme.DEFAULT, TestData.fixedRand(captured.rand()))
                .generate(keys, sqn);

        assertThat(vector.xres()).as("XRES").isEqualTo(captured.xres());
        assertThat(vector.ck()).as("CK").isEqualTo(captured.ck());
        assertThat(vector.ik()).as("IK").isEqualTo(captured.ik());
        assertThat(vector.autn()).as("AUTN").isEqualTo(captured.autn());
        assertThat(vector.sipAuthenticate()).as("SIP-Authenticate").isEqualTo(captured.sipAuthenticate());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedVectors")
    void usimAcceptsTheCapturedChallengeAndAnswersWithXres(TestData.CapturedVector captured) {
        Usim usim = new Usim(K, OPC, SqnScheme.DEFAULT);

        UsimResult result = usim.authenticate(captured.rand(), captured.autn());

        assertThat(result).isInstanceOfSatisfying(UsimResult.Authenticated.class, ok -> {
            assertThat(ok.res()).isEqualTo(captured.xres());
            assertThat(ok.ck()).isEqualTo(captured.ck());
            assertThat(ok.ik()).isEqualTo(captured.ik());
        });
        // The same challenge again is a replay.
        assertThat(usim.authenticate(captured.rand(), captured.autn()))
                .isInstanceOfSatisfying(UsimResult.SyncFailure.class,
                        sync -> assertThat(sync.reason()).isEqualTo(Freshness.NOT_NEWER_THAN_SLOT));
    }

    @Test
    void ipsecCaptureSqnSplitsIntoSeqAndInd() {
        // aka-digest.md §6: AK c6e2e348a7da, SQN 000017242898 = SEQ 12132676 || IND 24, AMF 8000.
        TestData.CapturedVector captured = capturedVectors().get(0);
        Milenage milenage = Milenage.withOpc(K.toByteArray(), OPC.toByteArray());
        Octets ak = Octets.of(milenage.f5(captured.rand().toByteArray()));
        Autn autn = new Autn(captured.autn());

        assertThat(ak).isEqualTo(Octets.fromHex("c6e2e348a7da"));
        Sqn sqn = autn.sqn(ak);
        assertThat(sqn).isEqualTo(Sqn.fromHex("000017242898"));
        assertThat(SqnScheme.DEFAULT.seq(sqn)).isEqualTo(12132676L);
        assertThat(SqnScheme.DEFAULT.ind(sqn)).isEqualTo(24);
        assertThat(autn.amf()).isEqualTo(Octets.fromHex("8000"));
        assertThat(autn.mac()).isEqualTo(Octets.fromHex("7f3bb9b84b7c3ff6"));
    }
}
