package org.imscore.cscf.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.imscore.cscf.CaptureVectors;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.peer.DiameterRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Cx client's encoding against the captured requests and its decoding of the captured answers and of errors. */
class DiameterCxClientTest {

    static final String REALM = CaptureVectors.REALM;
    static final CxClientConfig SCSCF = new CxClientConfig("scscf." + REALM, REALM, REALM, Optional.empty());

    DiameterMessage lastRequest;

    DiameterCxClient answering(DiameterMessage answer) {
        return new DiameterCxClient(SCSCF, request -> {
            lastRequest = request;
            return CompletableFuture.completedFuture(answer);
        }, 1587110434L);
    }

    @Test
    void uarCarriesWhatTheCapturedIcscfSent() {
        var captured = org.imscore.diameter.cx.UserAuthorizationRequest
                .from(CaptureVectors.diameter("nonipsec/183-uar.bin")).orElseThrow();
        DiameterCxClient client = answering(CaptureVectors.diameter("nonipsec/304-uaa.bin"));

        client.userAuthorization(new UserAuthorizationRequest(CaptureVectors.IMPU, CaptureVectors.IMPI, REALM,
                UserAuthorizationRequest.AuthorizationType.REGISTRATION)).toCompletableFuture().join();

        var ours = org.imscore.diameter.cx.UserAuthorizationRequest.from(lastRequest).orElseThrow();
        assertThat(ours.userName()).isEqualTo(captured.userName());
        assertThat(ours.publicIdentity()).isEqualTo(captured.publicIdentity());
        assertThat(ours.visitedNetworkIdentifier()).isEqualTo(captured.visitedNetworkIdentifier());
        assertThat(ours.authorizationType()).isEqualTo(captured.authorizationType());
        assertThat(ours.header().originHost()).isEqualTo("scscf." + REALM);
        assertThat(ours.header().destinationRealm()).isEqualTo(REALM);
        assertThat(ours.header().sessionId()).isEqualTo("scscf." + REALM + ";1587110434;1");
    }

    @Test
    void capturedUaaReadsAsFirstRegistrationWithCapabilities() {
        UserAuthorizationAnswer uaa = DiameterCxClient.uaa(CaptureVectors.diameter("nonipsec/304-uaa.bin"));

        assertThat(uaa.status()).isEqualTo(UserAuthorizationAnswer.RegistrationStatus.FIRST_REGISTRATION);
        assertThat(uaa.serverName()).isEmpty();
        assertThat(uaa.capabilities()).hasValueSatisfying(c -> {
            assertThat(c.mandatory()).isEmpty();
            assertThat(c.optional()).containsExactly(1L);
            assertThat(c.serverNames()).containsExactly(CaptureVectors.SERVER_NAME);
        });
    }

    @Test
    void marCarriesWhatTheCapturedScscfSentAndTheCapturedMaaGivesTheVector() {
        var captured = org.imscore.diameter.cx.MultimediaAuthRequest
                .from(CaptureVectors.diameter("nonipsec/309-mar.bin")).orElseThrow();
        DiameterCxClient client = answering(CaptureVectors.diameter("nonipsec/424-maa.bin"));

        MultimediaAuthAnswer maa = client.multimediaAuth(MultimediaAuthRequest.fresh(CaptureVectors.IMPI,
                CaptureVectors.IMPU, AuthScheme.UNKNOWN, CaptureVectors.SERVER_NAME)).toCompletableFuture().join();

        var ours = org.imscore.diameter.cx.MultimediaAuthRequest.from(lastRequest).orElseThrow();
        assertThat(ours.userName()).isEqualTo(captured.userName());
        assertThat(ours.publicIdentity()).isEqualTo(captured.publicIdentity());
        assertThat(ours.serverName()).isEqualTo(captured.serverName());
        assertThat(ours.numberAuthItems()).isEqualTo(captured.numberAuthItems());
        // The first REGISTER named no algorithm: both ask the HSS to choose (Kamailio writes it lower-case).
        assertThat(ours.authDataItem().scheme().orElseThrow())
                .isEqualToIgnoringCase(captured.authDataItem().scheme().orElseThrow());
        assertThat(ours.authDataItem().authorization()).isEmpty();

        assertThat(maa.vectors()).singleElement().isInstanceOfSatisfying(AuthVector.Aka.class, v -> {
            assertThat(v.scheme()).isEqualTo(AuthScheme.AKAV1_MD5);
            assertThat(v.rand()).isEqualTo(CaptureVectors.NONIPSEC.rand());
            assertThat(v.autn()).isEqualTo(CaptureVectors.NONIPSEC.autn());
            assertThat(v.xres()).isEqualTo(CaptureVectors.NONIPSEC.xres());
            assertThat(v.ck()).isEqualTo(CaptureVectors.NONIPSEC.ck());
            assertThat(v.ik()).isEqualTo(CaptureVectors.NONIPSEC.ik());
        });
    }

    @Test
    void resyncMarCarriesRandAndAutsAsSipAuthorization() {
        DiameterCxClient client = answering(CaptureVectors.diameter("nonipsec/424-maa.bin"));
        byte[] randAuts = new byte[30];
        randAuts[0] = 1;
        randAuts[29] = 2;

        client.multimediaAuth(MultimediaAuthRequest.resync(CaptureVectors.IMPI, CaptureVectors.IMPU,
                AuthScheme.AKAV1_MD5, CaptureVectors.SERVER_NAME, randAuts)).toCompletableFuture().join();

        var ours = org.imscore.diameter.cx.MultimediaAuthRequest.from(lastRequest).orElseThrow();
        assertThat(ours.authDataItem().authorization()).hasValue(randAuts);
    }

    @Test
    void sarCarriesWhatTheCapturedScscfSentAndTheCapturedSaaGivesTheProfile() {
        var captured = org.imscore.diameter.cx.ServerAssignmentRequest
                .from(CaptureVectors.diameter("nonipsec/502-sar.bin")).orElseThrow();
        DiameterCxClient client = answering(CaptureVectors.diameter("nonipsec/700-saa.bin"));

        ServerAssignmentAnswer saa = client.serverAssignment(ServerAssignmentRequest.of(CaptureVectors.IMPI,
                CaptureVectors.IMPU, CaptureVectors.SERVER_NAME, AssignmentType.REGISTRATION, false))
                .toCompletableFuture().join();

        var ours = org.imscore.diameter.cx.ServerAssignmentRequest.from(lastRequest).orElseThrow();
        assertThat(ours.userName()).isEqualTo(captured.userName());
        assertThat(ours.publicIdentities()).isEqualTo(captured.publicIdentities());
        assertThat(ours.serverName()).isEqualTo(captured.serverName());
        assertThat(ours.assignmentType()).isEqualTo(captured.assignmentType());
        assertThat(ours.userDataAlreadyAvailable()).isEqualTo(captured.userDataAlreadyAvailable());

        UserProfile p = saa.profile().orElseThrow();
        assertThat(p.privateIdentity()).isEqualTo(CaptureVectors.IMPI);
        assertThat(p.publicIdentities()).extracting(UserProfile.PublicIdentity::identity)
                .containsExactly(CaptureVectors.IMPU, "tel:0598765432100", "sip:0598765432100");
        assertThat(p.publicIdentities()).extracting(UserProfile.PublicIdentity::barred)
                .containsExactly(true, false, false);
        assertThat(p.unbarredIdentities()).containsExactly("tel:0598765432100", "sip:0598765432100");
    }

    @ParameterizedTest
    @CsvSource({
            "true, 5001, USER_UNKNOWN",
            "true, 5002, IDENTITIES_DONT_MATCH",
            "true, 5003, IDENTITY_NOT_REGISTERED",
            "true, 5004, ROAMING_NOT_ALLOWED",
            "true, 5005, IDENTITY_ALREADY_REGISTERED",
            "true, 5006, AUTH_SCHEME_NOT_SUPPORTED",
            "true, 5007, IN_ASSIGNMENT_TYPE",
            "true, 5008, TOO_MUCH_DATA",
            "true, 5011, REJECTED",
            "false, 5003, AUTHORIZATION_REJECTED",
            "false, 4001, AUTHORIZATION_REJECTED",
            "false, 3002, BACKEND_UNAVAILABLE",
            "false, 3004, BACKEND_UNAVAILABLE",
            "false, 5012, BACKEND_ERROR",
            "false, 5004, BACKEND_ERROR",
    })
    void errorResultsBecomeTheirFailure(boolean experimental, long code, CxFailure expected) {
        DiameterMessage request = lastRequestOf();
        CxResult result = experimental ? CxResult.experimental(code) : CxResult.base(code);
        DiameterMessage uaa = new org.imscore.diameter.cx.UserAuthorizationAnswer(result, Optional.empty(),
                Optional.empty(), List.of()).toMessage(request, "hss." + REALM, REALM);

        assertThatThrownBy(() -> answering(uaa).userAuthorization(uar()).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(CxException.class,
                        e -> assertThat(e.failure()).isEqualTo(expected));
        assertThat(expected.isBackendFailure()).isEqualTo(expected.name().startsWith("BACKEND"));
    }

    @ParameterizedTest
    @CsvSource({"TIMEOUT", "NO_ROUTE", "PEER_CLOSED"})
    void noAnswerIsBackendUnavailable(DiameterRequestException.Reason reason) {
        DiameterCxClient client = new DiameterCxClient(SCSCF,
                request -> CompletableFuture.failedFuture(new DiameterRequestException(reason, "test")), 1);

        assertThat(CxException.failureOf(catchFailure(client))).isEqualTo(CxFailure.BACKEND_UNAVAILABLE);
    }

    @Test
    void senderThatThrowsIsBackendUnavailableToo() {
        DiameterCxClient client = new DiameterCxClient(SCSCF, request -> {
            throw new IllegalStateException("node closed");
        }, 1);

        assertThat(CxException.failureOf(catchFailure(client))).isEqualTo(CxFailure.BACKEND_UNAVAILABLE);
    }

    @Test
    void answerOfAnotherCommandIsBackendError() {
        DiameterCxClient client = answering(CaptureVectors.diameter("nonipsec/424-maa.bin"));

        assertThat(CxException.failureOf(catchFailure(client))).isEqualTo(CxFailure.BACKEND_ERROR);
    }

    @Test
    void successfulMaaWithoutVectorsOrSaaWithBrokenUserDataIsBackendError() {
        DiameterMessage mar = CaptureVectors.diameter("nonipsec/309-mar.bin");
        DiameterMessage empty = new org.imscore.diameter.cx.MultimediaAuthAnswer(CxResult.SUCCESS, Optional.empty(),
                Optional.empty(), OptionalLong.of(0), List.of()).toMessage(mar, "hss", REALM);
        assertThatThrownBy(() -> DiameterCxClient.maa(empty, MultimediaAuthRequest.fresh("a", "b",
                AuthScheme.AKAV1_MD5, "c"))).isInstanceOfSatisfying(CxException.class,
                e -> assertThat(e.failure()).isEqualTo(CxFailure.BACKEND_ERROR));

        DiameterMessage sar = CaptureVectors.diameter("nonipsec/502-sar.bin");
        DiameterMessage broken = new org.imscore.diameter.cx.ServerAssignmentAnswer(CxResult.SUCCESS,
                Optional.empty(), Optional.of("<IMSSubscription><PrivateID>x"), Optional.empty(), List.of(),
                OptionalInt.empty(), Optional.empty()).toMessage(sar, "hss", REALM);
        assertThatThrownBy(() -> DiameterCxClient.saa(broken)).isInstanceOfSatisfying(CxException.class, e -> {
            assertThat(e.failure()).isEqualTo(CxFailure.BACKEND_ERROR);
            assertThat(e.getMessage()).contains("User-Data");
        });
    }

    @Test
    void subsequentRegistrationUaaNamesTheServer() {
        DiameterMessage request = lastRequestOf();
        DiameterMessage uaa = new org.imscore.diameter.cx.UserAuthorizationAnswer(
                CxResult.experimental(CxResultCode.SUBSEQUENT_REGISTRATION), Optional.of(CaptureVectors.SERVER_NAME),
                Optional.empty(), List.of()).toMessage(request, "hss", REALM);

        UserAuthorizationAnswer a = DiameterCxClient.uaa(uaa);

        assertThat(a.status()).isEqualTo(UserAuthorizationAnswer.RegistrationStatus.SUBSEQUENT_REGISTRATION);
        assertThat(a.serverName()).hasValue(CaptureVectors.SERVER_NAME);
    }

    @Test
    void lirAsksForCapabilitiesWhenToldAndLiaReadsBothOutcomes() {
        DiameterMessage lirOnWire = new org.imscore.diameter.cx.LocationInfoRequest(
                org.imscore.diameter.cx.CxRequestHeader.of("s;1", "icscf", REALM, null, REALM), "tel:0598765432100",
                false, OptionalInt.empty(), OptionalInt.empty()).toMessage();
        DiameterMessage registered = new org.imscore.diameter.cx.LocationInfoAnswer(CxResult.SUCCESS,
                Optional.of(CaptureVectors.SERVER_NAME), Optional.empty(), Optional.empty())
                .toMessage(lirOnWire, "hss", REALM);
        DiameterCxClient client = answering(registered);

        LocationInfoAnswer a = client.locationInfo(new LocationInfoRequest("tel:0598765432100", false, true))
                .toCompletableFuture().join();

        var lir = org.imscore.diameter.cx.LocationInfoRequest.from(lastRequest).orElseThrow();
        assertThat(lir.publicIdentity()).isEqualTo("tel:0598765432100");
        assertThat(lir.originating()).isFalse();
        assertThat(lir.userAuthorizationType()).hasValue(2);
        assertThat(a.unregisteredService()).isFalse();
        assertThat(a.serverName()).hasValue(CaptureVectors.SERVER_NAME);

        DiameterMessage unregistered = new org.imscore.diameter.cx.LocationInfoAnswer(
                CxResult.experimental(CxResultCode.UNREGISTERED_SERVICE), Optional.empty(),
                Optional.of(new org.imscore.diameter.cx.ServerCapabilities(List.of(1L), List.of(), List.of())),
                Optional.empty()).toMessage(lirOnWire, "hss", REALM);
        LocationInfoAnswer u = DiameterCxClient.lia(unregistered);
        assertThat(u.unregisteredService()).isTrue();
        assertThat(u.capabilities().orElseThrow().mandatory()).containsExactly(1L);

        DiameterMessage notRegistered = new org.imscore.diameter.cx.LocationInfoAnswer(
                CxResult.experimental(CxResultCode.ERROR_IDENTITY_NOT_REGISTERED), Optional.empty(), Optional.empty(),
                Optional.empty()).toMessage(lirOnWire, "hss", REALM);
        assertThatThrownBy(() -> DiameterCxClient.lia(notRegistered)).isInstanceOfSatisfying(CxException.class,
                e -> assertThat(e.failure()).isEqualTo(CxFailure.IDENTITY_NOT_REGISTERED));
    }

    @Test
    void rtrBecomesARegistrationTermination() {
        var rtr = new org.imscore.diameter.cx.RegistrationTerminationRequest(
                org.imscore.diameter.cx.CxRequestHeader.of("s;1", "hss", REALM, "scscf", REALM), CaptureVectors.IMPI,
                List.of("other@" + REALM), List.of("tel:0598765432100"),
                new org.imscore.diameter.cx.DeregistrationReason(1, Optional.of("moved")), OptionalLong.empty());
        var decoded = org.imscore.diameter.cx.RegistrationTerminationRequest.from(rtr.toMessage()).orElseThrow();

        RegistrationTermination t = DiameterCxClient.registrationTermination(decoded);

        assertThat(t.privateIdentity()).isEqualTo(CaptureVectors.IMPI);
        assertThat(t.associatedPrivateIdentities()).containsExactly("other@" + REALM);
        assertThat(t.publicIdentities()).containsExactly("tel:0598765432100");
        assertThat(t.reason()).isEqualTo(RegistrationTermination.Reason.NEW_SERVER_ASSIGNED);
        assertThat(t.reason().mayReregister()).isTrue();
        assertThat(t.reasonInfo()).hasValue("moved");
    }

    private static UserAuthorizationRequest uar() {
        return new UserAuthorizationRequest(CaptureVectors.IMPU, CaptureVectors.IMPI, REALM,
                UserAuthorizationRequest.AuthorizationType.REGISTRATION);
    }

    private static DiameterMessage lastRequestOf() {
        return CaptureVectors.diameter("nonipsec/183-uar.bin");
    }

    private static Throwable catchFailure(DiameterCxClient client) {
        try {
            client.userAuthorization(uar()).toCompletableFuture().join();
        } catch (CompletionException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
