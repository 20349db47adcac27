package org.imscore.diameter.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.dictionary.AvpCode;
import org.imscore.diameter.dictionary.Dictionaries;
import org.junit.jupiter.api.Test;

/** What each kind of bad request decodes to, and the answer the node sends for it (RFC 6733 7). */
class ValidationTest {

    private static final DiameterCodec CODEC = new DiameterCodec(Dictionaries.cx());

    static DiameterMessage mar() {
        return new MultimediaAuthRequest(
                CxRequestHeader.of("scscf;1;2", "scscf.ims.test", "ims.test", null, "ims.test"),
                "alice@ims.test", "sip:alice@ims.test", SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 1,
                "sip:scscf.ims.test:6060", List.of()).toMessage().toBuilder().hopByHopId(0x1234).endToEndId(0x5678)
                .build();
    }

    private static DecodeResult decode(DiameterMessage m) {
        return CODEC.decode(CODEC.encode(m));
    }

    private static byte[] bytes(DiameterMessage m) {
        return CODEC.encode(m);
    }

    @Test
    void validRequestHasNoFailures() {
        assertThat(decode(mar()).failures()).isEmpty();
    }

    @Test
    void errorBitInRequestIs3008AndAnsweredWithErrorBit() {
        DiameterMessage bad = mar().toBuilder().error(true).build();
        DecodeResult result = decode(bad);
        assertThat(result.firstFailure().orElseThrow().resultCode()).isEqualTo(ResultCode.INVALID_HDR_BITS);
        DiameterMessage answer = ErrorAnswers.answer(result.message().orElseThrow(), result.firstFailure().get(),
                "hss.ims.test", "ims.test");
        assertThat(answer.isError()).isTrue();
        assertThat(answer.isRequest()).isFalse();
        assertThat(answer.resultCode()).hasValue(3008);
        assertThat(answer.hopByHopId()).isEqualTo(0x1234);
        assertThat(answer.endToEndId()).isEqualTo(0x5678);
        assertThat(answer.sessionId()).hasValue("scscf;1;2");
    }

    @Test
    void reservedHeaderBitsAre5013() {
        assertThat(decode(mar().toBuilder().flags(0xC1).build()).firstFailure().orElseThrow().resultCode())
                .isEqualTo(ResultCode.INVALID_BIT_IN_HEADER);
    }

    @Test
    void proxiableBitAgainstTheCommandIs3008() {
        assertThat(decode(mar().toBuilder().proxiable(false).build()).firstFailure().orElseThrow().resultCode())
                .isEqualTo(ResultCode.INVALID_HDR_BITS);
    }

    @Test
    void versionOtherThanOneIs5011() {
        byte[] wire = bytes(mar());
        wire[0] = 2;
        assertThat(CODEC.decode(wire).firstFailure().orElseThrow().resultCode()).isEqualTo(ResultCode.UNSUPPORTED_VERSION);
    }

    @Test
    void messageLengthMismatchIs5015() {
        byte[] wire = bytes(mar());
        wire[3] += 4;
        assertThat(CODEC.decode(wire).firstFailure().orElseThrow().resultCode())
                .isEqualTo(ResultCode.INVALID_MESSAGE_LENGTH);
        assertThat(CODEC.decode(new byte[12]).message()).isEmpty();
    }

    @Test
    void missingRequiredAvpIs5005WithZeroFilledExample() {
        DiameterMessage bad = mar().toBuilder().remove(CxAvps.PUBLIC_IDENTITY).remove(CxAvps.SERVER_NAME).build();
        DecodeFailure failure = decode(bad).firstFailure().orElseThrow();
        assertThat(failure.resultCode()).isEqualTo(ResultCode.MISSING_AVP);
        assertThat(failure.failedAvps()).extracting(Avp::key)
                .containsExactly(new AvpCode(601, 10415), new AvpCode(602, 10415));
        assertThat(failure.failedAvps()).allMatch(a -> a.dataLength() == 0 && a.isVendorSpecific());
        DiameterMessage answer = ErrorAnswers.answer(bad, failure, "hss.ims.test", "ims.test");
        assertThat(answer.isError()).isFalse(); // 5xxx keeps the command's answer format
        assertThat(answer.resultCode()).hasValue(5005);
        assertThat(answer.find(BaseAvps.FAILED_AVP).orElseThrow().avps()).extracting(Avp::key)
                .containsExactly(new AvpCode(601, 10415), new AvpCode(602, 10415));
        assertThat(answer.has(BaseAvps.VENDOR_SPECIFIC_APPLICATION_ID)).isTrue();
    }

    @Test
    void missingAvpInsideGroupIs5005() {
        DiameterMessage bad = mar().toBuilder()
                .add(Avp.grouped(BaseAvps.EXPERIMENTAL_RESULT, Avp.unsigned32(BaseAvps.VENDOR_ID, 10415))).build();
        DecodeFailure failure = decode(bad).firstFailure().orElseThrow();
        assertThat(failure.resultCode()).isEqualTo(ResultCode.MISSING_AVP);
        assertThat(failure.failedAvps()).extracting(Avp::key).containsExactly(new AvpCode(298, 0));
    }

    @Test
    void tooManyOccurrencesIs5009() {
        DiameterMessage bad = mar().toBuilder().add(Avp.utf8(BaseAvps.USER_NAME, "bob")).build();
        DecodeFailure failure = decode(bad).firstFailure().orElseThrow();
        assertThat(failure.resultCode()).isEqualTo(ResultCode.AVP_OCCURS_TOO_MANY_TIMES);
        assertThat(failure.failedAvps().get(0).utf8()).hasValue("bob");
    }

    @Test
    void avpNotInAClosedGrammarIs5008() {
        DiameterMessage dwr = DiameterMessage.request(280, 0)
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, "a")).add(Avp.utf8(BaseAvps.ORIGIN_REALM, "b"))
                .add(Avp.utf8(BaseAvps.USER_NAME, "c")).build();
        // DWR allows *[AVP]; the Experimental-Result group does not.
        assertThat(decode(dwr).failures()).isEmpty();
        DiameterMessage bad = mar().toBuilder().add(Avp.grouped(BaseAvps.EXPERIMENTAL_RESULT,
                Avp.unsigned32(BaseAvps.VENDOR_ID, 1), Avp.unsigned32(BaseAvps.EXPERIMENTAL_RESULT_CODE, 2),
                Avp.utf8(BaseAvps.USER_NAME, "x"))).build();
        assertThat(decode(bad).firstFailure().orElseThrow().resultCode()).isEqualTo(ResultCode.AVP_NOT_ALLOWED);
    }

    @Test
    void unknownMandatoryAvpIs5001AndUnknownOptionalIsKept() {
        Avp unknownMandatory = new Avp(4242, Avp.FLAG_MANDATORY | Avp.FLAG_VENDOR, 99, new byte[] {1, 2, 3});
        DecodeFailure failure = decode(mar().toBuilder().add(unknownMandatory).build()).firstFailure().orElseThrow();
        assertThat(failure.resultCode()).isEqualTo(ResultCode.AVP_UNSUPPORTED);
        assertThat(failure.failedAvps()).containsExactly(unknownMandatory);
        Avp unknownOptional = new Avp(4242, Avp.FLAG_VENDOR, 99, new byte[] {1, 2, 3});
        DecodeResult ok = decode(mar().toBuilder().add(unknownOptional).build());
        assertThat(ok.failures()).isEmpty();
        assertThat(ok.message().orElseThrow().find(new AvpCode(4242, 99))).hasValue(unknownOptional);
    }

    @Test
    void vendorBitWithoutVendorIs3009() {
        Avp bad = new Avp(1, Avp.FLAG_VENDOR | Avp.FLAG_MANDATORY, 0, new byte[] {'x'});
        assertThat(decode(mar().toBuilder().add(bad).build()).firstFailure().orElseThrow().resultCode())
                .isEqualTo(ResultCode.INVALID_AVP_BITS);
    }

    @Test
    void wrongLengthOfFixedSizeValueIs5014() {
        Avp shortItems = new Avp(607, 0xC0, 10415, new byte[] {0, 1});
        DiameterMessage bad = mar().toBuilder().set(shortItems).build();
        DecodeFailure failure = decode(bad).firstFailure().orElseThrow();
        assertThat(failure.resultCode()).isEqualTo(ResultCode.INVALID_AVP_LENGTH);
        assertThat(failure.failedAvps()).containsExactly(shortItems);
    }

    @Test
    void avpLengthPastTheMessageIs5014WithTheOffendingAvp() {
        byte[] wire = bytes(mar());
        // First AVP (Session-Id, code 263) claims 255 octets more than it has.
        wire[21 + 4] = (byte) 0x01;
        DecodeResult result = CODEC.decode(wire);
        DecodeFailure failure = result.firstFailure().orElseThrow();
        assertThat(failure.resultCode()).isEqualTo(ResultCode.INVALID_AVP_LENGTH);
        assertThat(failure.failedAvps().get(0).code()).isEqualTo(263);
        assertThat(result.message()).isPresent();
    }

    @Test
    void invalidUtf8Is5004() {
        Avp bad = new Avp(1, Avp.FLAG_MANDATORY, 0, new byte[] {(byte) 0xC3, 0x28});
        assertThat(decode(mar().toBuilder().set(bad).build()).firstFailure().orElseThrow().resultCode())
                .isEqualTo(ResultCode.INVALID_AVP_VALUE);
    }

    @Test
    void unknownCommandIs3001AndUnknownApplicationIs3007() {
        DiameterMessage unknownCommand = mar().toBuilder().commandCode(399).build();
        DecodeFailure f1 = decode(unknownCommand).firstFailure().orElseThrow();
        assertThat(f1.resultCode()).isEqualTo(ResultCode.COMMAND_UNSUPPORTED);
        assertThat(ErrorAnswers.answer(unknownCommand, f1, "h", "r").isError()).isTrue();
        DiameterMessage unknownApp = mar().toBuilder().applicationId(16777217).build();
        assertThat(decode(unknownApp).firstFailure().orElseThrow().resultCode())
                .isEqualTo(ResultCode.APPLICATION_UNSUPPORTED);
    }

    @Test
    void answersAreNotCheckedAgainstTheGrammar() {
        DiameterMessage answer = DiameterMessage.answerTo(mar()).build();
        assertThat(decode(answer).failures()).isEmpty();
    }
}
