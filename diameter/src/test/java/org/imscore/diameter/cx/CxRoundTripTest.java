package org.imscore.diameter.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DecodeResult;
import org.imscore.diameter.codec.DiameterCodec;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.dictionary.Dictionaries;
import org.junit.jupiter.api.Test;

/**
 * Every Cx command built with the typed records encodes, decodes without failures, validates against
 * the Cx grammar (requests), and reads back into an equal record.
 */
class CxRoundTripTest {

    private static final DiameterCodec CODEC = new DiameterCodec(Dictionaries.cx());
    private static final HexFormat HEX = HexFormat.of();
    private static final CxRequestHeader ICSCF = CxRequestHeader.of("icscf.ims.test;1;1", "icscf.ims.test",
            "ims.test", null, "ims.test");
    private static final CxRequestHeader HSS = CxRequestHeader.of("hss.ims.test;1;1", "hss.ims.test",
            "ims.test", "scscf.ims.test", "ims.test");

    private static DiameterMessage wire(DiameterMessage m) {
        DecodeResult result = CODEC.decode(CODEC.encode(m));
        assertThat(result.failures()).as("failures of %s", m).isEmpty();
        DiameterMessage decoded = result.message().orElseThrow();
        assertThat(decoded).isEqualTo(m);
        assertThat(decoded.applicationId()).isEqualTo(Cx.APPLICATION_ID);
        assertThat(decoded.isProxiable()).isTrue();
        assertThat(decoded.avps().get(0).is(BaseAvps.SESSION_ID)).isTrue();
        return decoded;
    }

    @Test
    void uarAndUaa() {
        UserAuthorizationRequest uar = new UserAuthorizationRequest(ICSCF, "alice@ims.test", "sip:alice@ims.test",
                "ims.test", UserAuthorizationType.REGISTRATION.value(), OptionalLong.empty(),
                List.of(new SupportedFeatures(10415, 1, Cx.FEATURE_SHARED_IFC_SETS)));
        DiameterMessage request = wire(uar.toMessage());
        assertThat(request.isRequest()).isTrue();
        assertThat(UserAuthorizationRequest.from(request)).hasValue(uar);
        assertThat(request.find(CxAvps.SUPPORTED_FEATURES).orElseThrow().isMandatory()).isFalse();

        UserAuthorizationAnswer uaa = new UserAuthorizationAnswer(CxResult.experimental(CxResultCode.FIRST_REGISTRATION),
                Optional.empty(), Optional.of(new ServerCapabilities(List.of(), List.of(1L), List.of())), List.of());
        DiameterMessage answer = wire(uaa.toMessage(request, "hss.ims.test", "ims.test"));
        assertThat(answer.hopByHopId()).isEqualTo(request.hopByHopId());
        assertThat(answer.resultCode()).isEmpty();
        assertThat(answer.experimentalResultCode()).hasValue(2001);
        assertThat(UserAuthorizationAnswer.from(answer)).hasValue(uaa);
    }

    @Test
    void uarWithoutAuthorizationTypeMeansRegistration() {
        DiameterMessage m = new UserAuthorizationRequest(ICSCF, "a", "sip:a", "v", 0, OptionalLong.empty(), List.of())
                .toMessage().toBuilder().remove(CxAvps.USER_AUTHORIZATION_TYPE).build();
        assertThat(UserAuthorizationRequest.from(wire(m)).orElseThrow().type()).hasValue(UserAuthorizationType.REGISTRATION);
    }

    @Test
    void marAndMaaWithAnAkaVector() {
        MultimediaAuthRequest mar = new MultimediaAuthRequest(ICSCF, "alice@ims.test", "sip:alice@ims.test",
                SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 1, "sip:scscf.ims.test:6060", List.of());
        DiameterMessage request = wire(mar.toMessage());
        MultimediaAuthRequest read = MultimediaAuthRequest.from(request).orElseThrow();
        assertThat(read.authDataItem().scheme()).hasValue(Cx.SCHEME_AKAV1_MD5);
        assertThat(read.serverName()).isEqualTo("sip:scscf.ims.test:6060");

        // The values of the real MAA in ipsec_reg.pcapng frame 402 (diameter-cx.md section 9).
        byte[] randAutn = HEX.parseHex("a0944c75ff3c4f0853a2f910aa1f104fc6e2f46c8f4280007f3bb9b84b7c3ff6");
        byte[] xres = HEX.parseHex("17447172f62cf13e");
        byte[] ck = HEX.parseHex("d53c02758b376066fad0af7daa6df765");
        byte[] ik = HEX.parseHex("e1763cf28cc2e584588800193137ec92");
        MultimediaAuthAnswer maa = new MultimediaAuthAnswer(CxResult.SUCCESS, Optional.of("alice@ims.test"),
                Optional.of("sip:alice@ims.test"), OptionalLong.of(1),
                List.of(SipAuthDataItem.akaVector(1, Cx.SCHEME_AKAV1_MD5, randAutn, xres, ck, ik)));
        DiameterMessage answer = wire(maa.toMessage(request, "hss.ims.test", "ims.test"));
        assertThat(answer.resultCode()).hasValue(2001);
        SipAuthDataItem item = MultimediaAuthAnswer.from(answer).orElseThrow().authDataItems().get(0);
        assertThat(item.authenticate().orElseThrow()).isEqualTo(randAutn);
        assertThat(item.authorization().orElseThrow()).isEqualTo(xres);
        assertThat(item.confidentialityKey().orElseThrow()).isEqualTo(ck);
        assertThat(item.integrityKey().orElseThrow()).isEqualTo(ik);
        assertThat(item.itemNumber()).hasValue(1);
    }

    @Test
    void sipDigestItemAndChargingInformation() {
        MultimediaAuthRequest mar = new MultimediaAuthRequest(ICSCF, "a", "sip:a",
                SipAuthDataItem.request(Cx.SCHEME_DIGEST), 1, "sip:s", List.of());
        DiameterMessage request = wire(mar.toMessage());
        SipDigestAuthenticate digest = new SipDigestAuthenticate("ims.test", Optional.of("MD5"), "auth",
                "0123456789abcdef0123456789abcdef");
        MultimediaAuthAnswer maa = new MultimediaAuthAnswer(CxResult.SUCCESS, Optional.of("a"), Optional.of("sip:a"),
                OptionalLong.of(1), List.of(SipAuthDataItem.digest(1, digest)));
        SipAuthDataItem item = MultimediaAuthAnswer.from(wire(maa.toMessage(request, "h", "r"))).orElseThrow()
                .authDataItems().get(0);
        assertThat(item.scheme()).hasValue("SIP Digest");
        assertThat(item.digestAuthenticate()).hasValue(digest);

        ChargingInformation charging = new ChargingInformation(Optional.of("aaa://ocs.ims.test"), Optional.empty(),
                Optional.of("aaa://cdf.ims.test"), Optional.empty());
        assertThat(ChargingInformation.fromAvp(charging.toAvp())).isEqualTo(charging);
    }

    @Test
    void resyncMarCarriesRandAndAuts() {
        byte[] randAuts = new byte[30];
        randAuts[0] = 7;
        MultimediaAuthRequest mar = new MultimediaAuthRequest(ICSCF, "a", "sip:a",
                SipAuthDataItem.resync(Cx.SCHEME_AKAV1_MD5, randAuts), 1, "sip:s", List.of());
        SipAuthDataItem item = MultimediaAuthRequest.from(wire(mar.toMessage())).orElseThrow().authDataItem();
        assertThat(item.authorization().orElseThrow()).isEqualTo(randAuts);
    }

    @Test
    void sarAndSaa() {
        ServerAssignmentRequest sar = new ServerAssignmentRequest(ICSCF, Optional.of("alice@ims.test"),
                List.of("sip:alice@ims.test", "tel:+15551234"), Optional.empty(), "sip:scscf.ims.test:6060",
                ServerAssignmentType.REGISTRATION.value(), false, OptionalInt.empty(), OptionalLong.empty(), List.of());
        DiameterMessage request = wire(sar.toMessage());
        assertThat(ServerAssignmentRequest.from(request)).hasValue(sar);
        assertThat(ServerAssignmentRequest.from(request).orElseThrow().type()).hasValue(ServerAssignmentType.REGISTRATION);

        ServerAssignmentAnswer saa = new ServerAssignmentAnswer(CxResult.SUCCESS, Optional.of("alice@ims.test"),
                Optional.of("<?xml version=\"1.0\"?><IMSSubscription/>"), Optional.empty(),
                List.of("alice@ims.test"), OptionalInt.empty(), Optional.empty());
        DiameterMessage answer = wire(saa.toMessage(request, "hss.ims.test", "ims.test"));
        assertThat(ServerAssignmentAnswer.from(answer)).hasValue(saa);
        assertThat(answer.resultCode()).hasValue(2001); // base Result-Code, as Kamailio requires
    }

    @Test
    void lirAndLia() {
        LocationInfoRequest lir = new LocationInfoRequest(ICSCF, "sip:bob@ims.test", true, OptionalInt.empty(),
                OptionalInt.empty());
        DiameterMessage request = wire(lir.toMessage());
        assertThat(LocationInfoRequest.from(request)).hasValue(lir);
        LocationInfoAnswer lia = new LocationInfoAnswer(CxResult.SUCCESS, Optional.of("sip:scscf.ims.test:6060"),
                Optional.empty(), Optional.empty());
        assertThat(LocationInfoAnswer.from(wire(lia.toMessage(request, "hss.ims.test", "ims.test")))).hasValue(lia);
        LocationInfoAnswer unknown = new LocationInfoAnswer(CxResult.experimental(CxResultCode.ERROR_USER_UNKNOWN),
                Optional.empty(), Optional.empty(), Optional.empty());
        DiameterMessage error = wire(unknown.toMessage(request, "hss.ims.test", "ims.test"));
        assertThat(LocationInfoAnswer.from(error).orElseThrow().result().isSuccess()).isFalse();
        assertThat(CxResult.from(error)).hasValue(CxResult.experimental(5001));
    }

    @Test
    void rtrAndRta() {
        RegistrationTerminationRequest rtr = new RegistrationTerminationRequest(HSS, "alice@ims.test",
                List.of("alice2@ims.test"), List.of("sip:alice@ims.test"),
                DeregistrationReason.of(ReasonCode.PERMANENT_TERMINATION, "bye"), OptionalLong.empty());
        DiameterMessage request = wire(rtr.toMessage());
        assertThat(request.destinationHost()).hasValue("scscf.ims.test");
        assertThat(RegistrationTerminationRequest.from(request)).hasValue(rtr);
        RegistrationTerminationAnswer rta = new RegistrationTerminationAnswer(CxResult.SUCCESS, List.of());
        assertThat(RegistrationTerminationAnswer.from(wire(rta.toMessage(request, "scscf.ims.test", "ims.test"))))
                .hasValue(rta);
    }

    @Test
    void pprAndPpa() {
        PushProfileRequest ppr = new PushProfileRequest(HSS, "alice@ims.test", Optional.of("<IMSSubscription/>"),
                Optional.empty(), Optional.empty());
        DiameterMessage request = wire(ppr.toMessage());
        assertThat(PushProfileRequest.from(request)).hasValue(ppr);
        PushProfileAnswer ppa = new PushProfileAnswer(CxResult.SUCCESS);
        assertThat(PushProfileAnswer.from(wire(ppa.toMessage(request, "scscf.ims.test", "ims.test")))).hasValue(ppa);
    }

    @Test
    void answersCopyProxyInfoLast() {
        Avp proxyInfo = Avp.grouped(BaseAvps.PROXY_INFO, Avp.utf8(BaseAvps.PROXY_HOST, "dra.ims.test"),
                Avp.octets(BaseAvps.PROXY_STATE, new byte[] {1}));
        DiameterMessage request = new LocationInfoRequest(ICSCF, "sip:b", false, OptionalInt.empty(),
                OptionalInt.empty()).toMessage().toBuilder().add(proxyInfo).build();
        DiameterMessage answer = new PushProfileAnswer(CxResult.SUCCESS).toMessage(request, "h", "r");
        assertThat(answer.avps().get(answer.avps().size() - 1)).isEqualTo(proxyInfo);
    }

    @Test
    void readersRejectOtherCommands() {
        DiameterMessage lir = new LocationInfoRequest(ICSCF, "sip:b", false, OptionalInt.empty(),
                OptionalInt.empty()).toMessage();
        assertThat(UserAuthorizationRequest.from(lir)).isEmpty();
        assertThat(MultimediaAuthAnswer.from(lir)).isEmpty();
        assertThat(MultimediaAuthRequest.from(lir.toBuilder().commandCode(Cx.MULTIMEDIA_AUTH).build())).isEmpty();
        assertThat(CxCommand.of(lir)).hasValue(CxCommand.LIR);
    }
}
