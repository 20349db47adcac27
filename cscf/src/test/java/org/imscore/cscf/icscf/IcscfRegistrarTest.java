package org.imscore.cscf.icscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imscore.cscf.CaptureVectors;
import org.imscore.cscf.ScriptedHss;
import org.imscore.cscf.TestMessages;
import org.imscore.cscf.cx.CxFailure;
import org.imscore.cscf.cx.DiameterCxClientAccess;
import org.imscore.cscf.cx.ScscfCapabilities;
import org.imscore.cscf.cx.UserAuthorizationAnswer;
import org.imscore.cscf.cx.UserAuthorizationRequest;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The I-CSCF on the captured REGISTER and UAA. */
class IcscfRegistrarTest {

    static final String REALM = CaptureVectors.REALM;
    static final String SCSCF = CaptureVectors.SERVER_NAME;

    final ScriptedHss hss = new ScriptedHss();
    final IcscfRegistrar icscf = new IcscfRegistrar(new IcscfConfig(List.of(
            new ScscfEntry(SCSCF, Set.of(1L)),
            new ScscfEntry("sip:scscf2." + REALM + ":6060", Set.of(1L, 2L))), REALM, 30), hss);

    SipRequest capturedRegister() {
        return TestMessages.request("nonipsec/181-register-pcscf-to-icscf.sip");
    }

    @Test
    void uarParametersAreWhatTheCapturedIcscfSent() {
        var captured = org.imscore.diameter.cx.UserAuthorizationRequest
                .from(CaptureVectors.diameter("nonipsec/183-uar.bin")).orElseThrow();

        UserAuthorizationRequest uar = ((IcscfRegistrar.UarParameters.Read) icscf.uarParameters(capturedRegister()))
                .request();

        assertThat(uar.publicIdentity()).isEqualTo(captured.publicIdentity());
        assertThat(uar.privateIdentity()).isEqualTo(captured.userName());
        assertThat(uar.visitedNetworkId()).isEqualTo(captured.visitedNetworkIdentifier());
        assertThat(uar.type().ordinal()).isEqualTo(captured.authorizationType());
    }

    @Test
    void expiresZeroMakesADeregistrationUar() {
        SipRequest byHeader = capturedRegister().toBuilder().set("Expires", "0").build();
        SipRequest wildcard = capturedRegister().toBuilder().set("Contact", "*").set("Expires", "0").build();
        SipRequest byParam = capturedRegister().toBuilder().set("Contact", "<sip:192.168.101.2:5060>;expires=0")
                .build();

        for (SipRequest r : List.of(byHeader, wildcard, byParam)) {
            assertThat(((IcscfRegistrar.UarParameters.Read) icscf.uarParameters(r)).request().type())
                    .isEqualTo(UserAuthorizationRequest.AuthorizationType.DE_REGISTRATION);
        }
    }

    @Test
    void missingVisitedNetworkAndAuthorizationFallBackToHomeDomainAndDerivedImpi() {
        SipRequest r = capturedRegister().toBuilder().remove("P-Visited-Network-ID").remove("Authorization").build();

        UserAuthorizationRequest uar = ((IcscfRegistrar.UarParameters.Read) icscf.uarParameters(r)).request();

        assertThat(uar.visitedNetworkId()).isEqualTo(REALM);
        assertThat(uar.privateIdentity()).isEqualTo(CaptureVectors.IMPI);
    }

    @Test
    void telImpuWithoutAuthorizationIs403AndMalformedToIs400() {
        SipRequest tel = capturedRegister().toBuilder().remove("Authorization").set("To", "<tel:0598765432100>")
                .build();
        assertThat(icscf.uarParameters(tel)).isInstanceOfSatisfying(IcscfRegistrar.UarParameters.Unreadable.class,
                u -> assertThat(u.response().statusCode()).isEqualTo(403));

        SipRequest badAuth = capturedRegister().toBuilder().set("Authorization", "Digest username=\"x").build();
        assertThat(icscf.uarParameters(badAuth)).isInstanceOfSatisfying(
                IcscfRegistrar.UarParameters.Unreadable.class, u -> {
                    assertThat(u.response().statusCode()).isEqualTo(400);
                    assertThat(u.response().reasonPhrase()).isEqualTo("Bad Authorization header");
                });
    }

    @Test
    void capturedUaaLeadsToTheCapturedScscfWithTheRequestUriRewritten() {
        UserAuthorizationAnswer uaa = DiameterCxClientAccess.uaa(CaptureVectors.diameter("nonipsec/304-uaa.bin"));
        SipRequest captured = TestMessages.request("nonipsec/308-register-icscf-to-scscf.sip");

        IcscfRegistrar.Decision d = icscf.decide(capturedRegister(), uaa);

        assertThat(d).isInstanceOfSatisfying(IcscfRegistrar.Decision.Forward.class, f -> {
            assertThat(f.serverName()).isEqualTo(SCSCF);
            assertThat(f.request().startLine()).isEqualTo(captured.startLine());
            assertThat(f.request().headerValue("Path")).isEqualTo(captured.headerValue("Path"));
        });
    }

    @Test
    void assignedServerNameIsUsedAsIs() {
        UserAuthorizationAnswer uaa = new UserAuthorizationAnswer(
                UserAuthorizationAnswer.RegistrationStatus.SUBSEQUENT_REGISTRATION,
                Optional.of("sip:scscf9." + REALM + ":6060"), Optional.empty());

        IcscfRegistrar.Decision d = icscf.decide(capturedRegister(), uaa);

        assertThat(((IcscfRegistrar.Decision.Forward) d).request().requestUri().toString())
                .isEqualTo("sip:scscf9." + REALM + ":6060");
    }

    @Test
    void selectionHonoursMandatoryThenPreferredNamesThenOptionalCount() {
        ScscfSelector s = new ScscfSelector(List.of(new ScscfEntry("sip:a", Set.of(1L)),
                new ScscfEntry("sip:b", Set.of(1L, 2L)), new ScscfEntry("sip:c", Set.of(1L, 2L, 3L))));

        assertThat(s.select(caps(List.of(2L), List.of(), List.of()))).hasValue("sip:b");
        assertThat(s.select(caps(List.of(1L), List.of(2L, 3L), List.of()))).hasValue("sip:c");
        assertThat(s.select(caps(List.of(1L), List.of(2L, 3L), List.of("sip:a")))).hasValue("sip:a");
        assertThat(s.select(caps(List.of(), List.of(), List.of()))).hasValue("sip:a");
        assertThat(s.select(caps(List.of(9L), List.of(), List.of("sip:elsewhere")))).hasValue("sip:elsewhere");
        assertThat(s.select(caps(List.of(9L), List.of(), List.of()))).isEmpty();
    }

    @Test
    void noSuitableScscfIs480WithRetryAfter() {
        UserAuthorizationAnswer uaa = new UserAuthorizationAnswer(
                UserAuthorizationAnswer.RegistrationStatus.FIRST_REGISTRATION, Optional.empty(),
                Optional.of(caps(List.of(7L), List.of(), List.of())));

        IcscfRegistrar.Decision d = icscf.decide(capturedRegister(), uaa);

        assertThat(d).isInstanceOfSatisfying(IcscfRegistrar.Decision.Reject.class, r -> {
            assertThat(r.response().statusCode()).isEqualTo(480);
            assertThat(r.response().headerValue("Retry-After")).hasValue("30");
        });
    }

    @ParameterizedTest
    @CsvSource({
            "USER_UNKNOWN, 403, Forbidden - User unknown",
            "IDENTITIES_DONT_MATCH, 403, Forbidden - Identities do not match",
            "IDENTITY_NOT_REGISTERED, 403, Forbidden - Identity not registered",
            "ROAMING_NOT_ALLOWED, 403, Forbidden - Roaming not allowed",
            "AUTHORIZATION_REJECTED, 403, Forbidden - Authorization rejected",
            "BACKEND_UNAVAILABLE, 504, HSS not reachable",
            "BACKEND_ERROR, 480, HSS failure",
    })
    void cxFailuresBecomeTheirSipResponse(CxFailure failure, int status, String reason) {
        hss.onUar = ScriptedHss.failing(failure);

        IcscfRegistrar.Decision d = icscf.route(capturedRegister()).toCompletableFuture().join();

        assertThat(d).isInstanceOfSatisfying(IcscfRegistrar.Decision.Reject.class, r -> {
            SipResponse resp = r.response();
            assertThat(resp.statusCode()).isEqualTo(status);
            assertThat(resp.reasonPhrase()).isEqualTo(reason);
            assertThat(resp.hasHeader("Retry-After")).isEqualTo(failure.isBackendFailure());
            assertThat(resp.vias()).isEqualTo(capturedRegister().vias());
        });
        assertThat(hss.uars).hasSize(1);
    }

    @Test
    void routeAsksTheHssAndForwards() {
        hss.onUar = r -> DiameterCxClientAccess.uaa(CaptureVectors.diameter("nonipsec/304-uaa.bin"));

        IcscfRegistrar.Decision d = icscf.route(capturedRegister()).toCompletableFuture().join();

        assertThat(d).isInstanceOf(IcscfRegistrar.Decision.Forward.class);
        assertThat(hss.uars).singleElement().satisfies(u -> assertThat(u.privateIdentity())
                .isEqualTo(CaptureVectors.IMPI));
    }

    private static ScscfCapabilities caps(List<Long> mandatory, List<Long> optional, List<String> names) {
        return new ScscfCapabilities(mandatory, optional, names);
    }
}
