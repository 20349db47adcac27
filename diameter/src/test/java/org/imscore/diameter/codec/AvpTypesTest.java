package org.imscore.diameter.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.dictionary.AvpCode;
import org.imscore.diameter.dictionary.AvpDefinition;
import org.imscore.diameter.dictionary.AvpType;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.dictionary.FlagRule;
import org.junit.jupiter.api.Test;

/** Every RFC 6733 data format encodes to the octets section 4.2/4.3 prescribes and reads back. */
class AvpTypesTest {

    private static final DiameterCodec CODEC = new DiameterCodec(Dictionaries.cx());

    private static AvpDefinition def(AvpType type) {
        return new AvpDefinition("Test-" + type.rfcName(), 9999, 0, type, FlagRule.MUST, java.util.Map.of());
    }

    private static String hex(Avp avp) {
        DiameterMessage m = DiameterMessage.request(1, 0).add(avp).build();
        byte[] wire = CODEC.encode(m);
        return HexFormat.of().formatHex(wire, 20, wire.length);
    }

    @Test
    void fixedSizeFormats() {
        assertThat(hex(Avp.unsigned32(def(AvpType.UNSIGNED32), 4_000_000_000L)))
                .isEqualTo("0000270f4000000c" + "ee6b2800");
        assertThat(Avp.unsigned32(def(AvpType.UNSIGNED32), 4_000_000_000L).unsigned32()).hasValue(4_000_000_000L);
        assertThat(Avp.integer32(def(AvpType.INTEGER32), -2).integer32()).hasValue(-2);
        assertThat(hex(Avp.integer64(def(AvpType.UNSIGNED64), -1L))).isEqualTo("0000270f40000010ffffffffffffffff");
        assertThat(Avp.integer64(def(AvpType.INTEGER64), Long.MIN_VALUE).integer64()).hasValue(Long.MIN_VALUE);
        assertThat(Avp.float32(def(AvpType.FLOAT32), 1.5f).float32()).hasValue(1.5);
        assertThat(Avp.float64(def(AvpType.FLOAT64), -0.25).float64()).hasValue(-0.25);
        assertThat(Avp.enumerated(def(AvpType.ENUMERATED), 3).integer32()).hasValue(3);
    }

    @Test
    void timeIsNtpSeconds() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Avp avp = Avp.time(def(AvpType.TIME), t);
        assertThat(avp.unsigned32()).hasValue(t.getEpochSecond() + 2_208_988_800L);
        assertThat(avp.time()).hasValue(t);
    }

    @Test
    void addressCarriesTheFamily() throws Exception {
        Avp v4 = Avp.address(BaseAvps.HOST_IP_ADDRESS, InetAddress.getByName("127.0.0.1"));
        assertThat(hex(v4)).isEqualTo("000001014000000e" + "00017f000001" + "0000");
        assertThat(v4.address()).hasValue(InetAddress.getByName("127.0.0.1"));
        Avp v6 = Avp.address(BaseAvps.HOST_IP_ADDRESS, InetAddress.getByName("::1"));
        assertThat(v6.dataLength()).isEqualTo(18);
        assertThat(v6.address()).hasValue(InetAddress.getByName("::1"));
    }

    @Test
    void vendorAvpHasVendorIdAndPadding() {
        Avp impu = Avp.utf8(CxAvps.PUBLIC_IDENTITY, "sip:a");
        // code 601, flags V|M, length 12 + 5 = 17, vendor 10415, "sip:a" + 3 octets padding
        assertThat(hex(impu)).isEqualTo("00000259c0000011000028af" + "7369703a61" + "000000");
        assertThat(impu.isVendorSpecific()).isTrue();
        assertThat(impu.isMandatory()).isTrue();
        assertThat(impu.key()).isEqualTo(new AvpCode(601, 10415));
        assertThat(impu.utf8()).hasValue("sip:a");
    }

    @Test
    void groupedNestsPaddedMembers() {
        Avp group = new VendorSpecificApplicationId(10415, java.util.OptionalLong.of(16777216),
                java.util.OptionalLong.empty()).toAvp();
        // The wire form seen in the captures: 260 l=32 f=-M- { 266 = 10415, 258 = 16777216 }
        assertThat(hex(group)).isEqualTo("0000010440000020" + "0000010a4000000c000028af" + "000001024000000c01000000");
        assertThat(VendorSpecificApplicationId.fromAvp(group).orElseThrow().applicationId()).isEqualTo(16777216);
    }

    @Test
    void typedReadersAnswerEmptyInsteadOfThrowing() {
        Avp three = new Avp(1, 0, 0, new byte[3]);
        assertThat(three.unsigned32()).isEmpty();
        assertThat(three.integer64()).isEmpty();
        assertThat(three.address()).isEmpty();
        assertThat(three.time()).isEmpty();
        assertThat(three.avps()).isEmpty();
        assertThat(new Avp(1, 0, 0, new byte[] {(byte) 0xff}).utf8()).isEmpty();
        DiameterMessage empty = DiameterMessage.request(300, 1).build();
        assertThat(empty.sessionId()).isEmpty();
        assertThat(empty.resultCode()).isEmpty();
        assertThat(empty.experimentalResultCode()).isEmpty();
        assertThat(empty.unsigned32(BaseAvps.VENDOR_ID)).isEmpty();
        assertThat(empty.find(BaseAvps.EXPERIMENTAL_RESULT)).isEmpty();
    }

    @Test
    void zeroFilledExampleHasMinimumLength() {
        assertThat(Avp.zeroFilled(CxAvps.SERVER_ASSIGNMENT_TYPE).data()).containsExactly(0, 0, 0, 0);
        assertThat(Avp.zeroFilled(CxAvps.PUBLIC_IDENTITY).dataLength()).isZero();
        assertThat(Avp.zeroFilled(CxAvps.PUBLIC_IDENTITY).key()).isEqualTo(new AvpCode(601, 10415));
    }

    @Test
    void builderSetRemoveAndAnswerTo() {
        DiameterMessage request = DiameterMessage.request(303, 16777216).proxiable(true)
                .hopByHopId(7).endToEndId(9)
                .add(Avp.utf8(BaseAvps.SESSION_ID, "s1"))
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, "a"))
                .build();
        DiameterMessage changed = request.toBuilder().set(Avp.utf8(BaseAvps.ORIGIN_HOST, "b"))
                .remove(BaseAvps.SESSION_ID).build();
        assertThat(changed.originHost()).hasValue("b");
        assertThat(changed.sessionId()).isEmpty();
        assertThat(request.originHost()).hasValue("a");
        DiameterMessage answer = DiameterMessage.answerTo(request).build();
        assertThat(answer.isRequest()).isFalse();
        assertThat(answer.isProxiable()).isTrue();
        assertThat(answer.hopByHopId()).isEqualTo(7);
        assertThat(answer.endToEndId()).isEqualTo(9);
        assertThat(answer.commandCode()).isEqualTo(303);
        assertThat(answer.applicationId()).isEqualTo(16777216);
    }

    /** The JDK's reading of {@code bytes} as UTF-8 that refuses malformed input, as RFC 6733 4.3.1 asks. */
    private static Optional<String> strictUtf8(byte[] bytes) {
        try {
            return Optional.of(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Test
    void utf8CheckAgreesWithTheJdkDecoder() {
        java.util.Random random = new java.util.Random(3629);
        for (int i = 0; i < 20000; i++) {
            byte[] bytes = new byte[random.nextInt(8)];
            for (int k = 0; k < bytes.length; k++) {
                // bias towards multi-byte lead and continuation octets
                bytes[k] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            Avp avp = new Avp(1, 0, 0, bytes);
            Optional<String> jdk = strictUtf8(bytes);
            assertThat(avp.isValidUtf8()).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdk.isPresent());
            assertThat(avp.utf8()).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
            assertThat(avp.utf8()).as("read again, from the kept text").isEqualTo(jdk);
        }
        assertThat(new Avp(1, 0, 0, "sip:ü€😀".getBytes(java.nio.charset.StandardCharsets.UTF_8)).isValidUtf8()).isTrue();
        assertThat(new Avp(1, 0, 0, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).isValidUtf8()).isFalse();
        assertThat(new Avp(1, 0, 0, new byte[] {(byte) 0xC0, (byte) 0x80}).isValidUtf8()).isFalse();
    }
}
