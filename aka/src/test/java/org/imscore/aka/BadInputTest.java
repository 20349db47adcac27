package org.imscore.aka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every malformed parameter is refused with an IllegalArgumentException naming the field and the length. */
class BadInputTest {

    private static final byte[] K = new byte[16];
    private static final byte[] OPC = new byte[16];
    private static final SubscriberKeys KEYS = new SubscriberKeys(Octets.of(K), Octets.of(OPC), Octets.of(new byte[2]));

    private final Milenage milenage = Milenage.withOpc(K, OPC);

    @Test
    void milenageKeysOfWrongLength() {
        assertThatThrownBy(() -> Milenage.withOpc(new byte[15], OPC))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("K must be 16 octets, got 15");
        assertThatThrownBy(() -> Milenage.withOpc(K, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("OPc must be 16 octets, got 32");
        assertThatThrownBy(() -> Milenage.withOp(K, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("OP must be 16 octets, got 0");
        assertThatThrownBy(() -> Milenage.opc(new byte[24], OPC))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("K must be 16 octets, got 24");
    }

    @Test
    void milenageInputsOfWrongLength() {
        assertThatThrownBy(() -> milenage.f2(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RAND must be 16 octets, got 15");
        assertThatThrownBy(() -> milenage.f1(new byte[16], new byte[8], new byte[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SQN must be 6 octets, got 8");
        assertThatThrownBy(() -> milenage.f1Star(new byte[16], new byte[6], new byte[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AMF must be 2 octets, got 1");
        assertThatThrownBy(() -> milenage.f5Star(null))
                .isInstanceOf(NullPointerException.class).hasMessage("RAND");
    }

    @Test
    void subscriberKeysOfWrongLength() {
        Octets sixteen = Octets.of(new byte[16]);
        Octets amf = Octets.of(new byte[2]);
        assertThatThrownBy(() -> new SubscriberKeys(Octets.of(new byte[17]), sixteen, amf))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("K must be 16 octets, got 17");
        assertThatThrownBy(() -> new SubscriberKeys(sixteen, Octets.of(new byte[15]), amf))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("OPc must be 16 octets, got 15");
        assertThatThrownBy(() -> new SubscriberKeys(sixteen, sixteen, Octets.of(new byte[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AMF must be 2 octets, got 3");
        assertThatThrownBy(() -> SubscriberKeys.fromOp(sixteen, Octets.of(new byte[8]), amf))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("OP must be 16 octets, got 8");
    }

    @Test
    void subscriberKeysNeverPrintTheSecrets() {
        SubscriberKeys keys = new SubscriberKeys(Octets.fromHex("8baf473f2f8fd09487cccbd7097c6862"),
                Octets.fromHex("8e27b6af0e692e750f32667a3b14605d"), Octets.fromHex("8000"));
        assertThat(keys.toString()).doesNotContain("8baf473f").doesNotContain("8e27b6af").contains("AMF=8000");
        assertThat(keys.milenage().toString()).doesNotContain("8e27b6af");
    }

    @Test
    void resynchronisationDataOfWrongLength() {
        AuthenticationCenter auc = new AuthenticationCenter();
        assertThatThrownBy(() -> auc.resynchronise(KEYS, Octets.of(new byte[29]), Sqn.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resynchronisation data (RAND || AUTS) must be 30 octets (16 + 14), got 29");
        assertThatThrownBy(() -> auc.resynchronise(KEYS, Octets.of(new byte[32]), Sqn.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resynchronisation data (RAND || AUTS) must be 30 octets (16 + 14), got 32");
        assertThatThrownBy(() -> new Auts(Octets.of(new byte[13])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AUTS must be 14 octets, got 13");
        assertThatThrownBy(() -> auc.resynchronise(KEYS, Octets.of(new byte[12]), new Auts(Octets.of(new byte[14])),
                Sqn.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RAND must be 16 octets, got 12");
    }

    @Test
    void usimChallengeOfWrongLength() {
        Usim usim = new Usim(Octets.of(K), Octets.of(OPC), SqnScheme.DEFAULT);
        assertThatThrownBy(() -> usim.authenticate(Octets.of(new byte[16]), Octets.of(new byte[15])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AUTN must be 16 octets, got 15");
        assertThatThrownBy(() -> usim.authenticate(Octets.of(new byte[17]), Octets.of(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RAND must be 16 octets, got 17");
        assertThatThrownBy(() -> usim.authenticate(Octets.of(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AKA nonce must hold RAND (16 octets) || AUTN (16 octets), got 31 octets");
        assertThat(usim.state()).isEqualTo(UsimSqnState.initial(SqnScheme.DEFAULT));
    }

    @Test
    void amfOfWrongLengthInGeneration() {
        AuthenticationCenter auc = new AuthenticationCenter();
        assertThatThrownBy(() -> auc.generate(milenage, Octets.of(new byte[1]), Sqn.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AMF must be 2 octets, got 1");
    }

    @Test
    void sqnAndIndOutOfRange() {
        assertThatThrownBy(() -> new Sqn(1L << 48))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SQN must be 0..2^48-1 (48 bits), got 281474976710656");
        assertThatThrownBy(() -> Sqn.fromHex("0102030405"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SQN must be 6 octets, got 5");
        assertThatThrownBy(() -> SqnScheme.DEFAULT.compose(1, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IND must be 0..31 with a 5-bit IND, got 32");
        assertThatThrownBy(() -> SqnScheme.DEFAULT.next(Sqn.ZERO, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IND must be 0..31 with a 5-bit IND, got -1");
        assertThatThrownBy(() -> SqnScheme.DEFAULT.compose(1L << 43, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SEQ must be 0..8796093022207 with a 5-bit IND, got 8796093022208");
        assertThatThrownBy(() -> SqnScheme.withIndBits(17))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("IND length must be 0..16 bits, got 17");
        assertThatThrownBy(() -> new SqnScheme(5, 0, SqnScheme.NO_LIMIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximum SEQ jump (delta) must be at least 1, got 0");
    }

    @Test
    void malformedHex() {
        assertThatThrownBy(() -> Octets.fromHex("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hex text must have an even number of digits, got 3");
        assertThatThrownBy(() -> Octets.fromHex("zz"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not hexadecimal text: \"zz\"");
    }

    @Test
    void milenageConstantsOutOfRange() {
        MilenageConstants s = MilenageConstants.STANDARD;
        assertThatThrownBy(() -> new MilenageConstants(s.c1(), s.c2(), s.c3(), s.c4(), Octets.of(new byte[8]),
                s.r1(), s.r2(), s.r3(), s.r4(), s.r5()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Milenage constant c5 must be 16 octets, got 8");
        assertThatThrownBy(() -> new MilenageConstants(s.c1(), s.c2(), s.c3(), s.c4(), s.c5(),
                128, s.r2(), s.r3(), s.r4(), s.r5()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Milenage rotation r1 must be 0..127 bits, got 128");
    }
}
