package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.hss.cx.CxFixture.OTHER_SCSCF_NAME;
import static org.imscore.hss.cx.CxFixture.SCSCF_NAME;
import static org.imscore.hss.cx.CxFixture.assertExperimental;
import static org.imscore.hss.cx.CxFixture.assertResultCode;
import static org.imscore.hss.subscriber.RegistrationState.NOT_REGISTERED;
import static org.imscore.hss.subscriber.RegistrationState.REGISTERED;
import static org.imscore.hss.subscriber.RegistrationState.UNREGISTERED;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.CxSchema;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerAssignmentTest {

  private static final String IMPI = Subscribers.impi("alice");
  private static final String IMPU = Subscribers.sip("alice");
  private static final String TEL = "tel:+15550001";
  /** A second implicit registration set of the same subscriber. */
  private static final String WORK = Subscribers.sip("alice.work");

  private static CxFixture cx;

  @BeforeAll
  static void open() {
    cx = new CxFixture();
  }

  @AfterAll
  static void close() {
    cx.close();
  }

  @BeforeEach
  void start() {
    cx.clear();
    SubscriberSpec rich = Subscribers.rich("alice");
    cx.provisioning.create(
        new SubscriberSpec(
            IMPI, rich.auth(), 0,
            List.of(
                new PublicIdentity(IMPU, false, 1, "voice"),
                new PublicIdentity(TEL, false, 1, "voice"),
                new PublicIdentity(WORK, false, 2, ServiceProfile.DEFAULT_NAME)),
            rich.serviceProfiles()));
  }

  private DiameterMessage ask(DiameterMessage sar) {
    DiameterMessage answer = cx.handler.answer(sar);
    cx.assertAnswerBasics(sar, answer);
    return answer;
  }

  private Subscriber alice() {
    return cx.store.find(IMPI).orElseThrow();
  }

  private static String userData(DiameterMessage answer) {
    return new String(answer.octets(CxAvps.USER_DATA).orElseThrow(), StandardCharsets.UTF_8);
  }

  static Stream<Arguments> everyAssignmentType() {
    return Stream.of(
        // type, registered before?, state after, S-CSCF kept after?, User-Data?
        Arguments.of(ServerAssignmentType.NO_ASSIGNMENT, false, NOT_REGISTERED, false, true),
        Arguments.of(ServerAssignmentType.NO_ASSIGNMENT, true, REGISTERED, true, true),
        Arguments.of(ServerAssignmentType.REGISTRATION, false, REGISTERED, true, true),
        Arguments.of(ServerAssignmentType.REGISTRATION, true, REGISTERED, true, true),
        Arguments.of(ServerAssignmentType.RE_REGISTRATION, false, REGISTERED, true, true),
        Arguments.of(ServerAssignmentType.RE_REGISTRATION, true, REGISTERED, true, true),
        Arguments.of(ServerAssignmentType.UNREGISTERED_USER, false, UNREGISTERED, true, true),
        Arguments.of(ServerAssignmentType.UNREGISTERED_USER, true, REGISTERED, true, true),
        Arguments.of(ServerAssignmentType.TIMEOUT_DEREGISTRATION, false, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.TIMEOUT_DEREGISTRATION, true, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.USER_DEREGISTRATION, false, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.USER_DEREGISTRATION, true, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME, false, NOT_REGISTERED, true, false),
        Arguments.of(ServerAssignmentType.TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME, true, NOT_REGISTERED, true, false),
        Arguments.of(ServerAssignmentType.USER_DEREGISTRATION_STORE_SERVER_NAME, false, NOT_REGISTERED, true, false),
        Arguments.of(ServerAssignmentType.USER_DEREGISTRATION_STORE_SERVER_NAME, true, NOT_REGISTERED, true, false),
        Arguments.of(ServerAssignmentType.ADMINISTRATIVE_DEREGISTRATION, false, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.ADMINISTRATIVE_DEREGISTRATION, true, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.AUTHENTICATION_FAILURE, false, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.AUTHENTICATION_FAILURE, true, REGISTERED, true, false),
        Arguments.of(ServerAssignmentType.AUTHENTICATION_TIMEOUT, false, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.AUTHENTICATION_TIMEOUT, true, REGISTERED, true, false),
        Arguments.of(ServerAssignmentType.DEREGISTRATION_TOO_MUCH_DATA, false, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.DEREGISTRATION_TOO_MUCH_DATA, true, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.AAA_USER_DATA_REQUEST, false, NOT_REGISTERED, false, true),
        Arguments.of(ServerAssignmentType.AAA_USER_DATA_REQUEST, true, REGISTERED, true, true),
        Arguments.of(ServerAssignmentType.PGW_UPDATE, false, NOT_REGISTERED, false, false),
        Arguments.of(ServerAssignmentType.PGW_UPDATE, true, REGISTERED, true, false),
        Arguments.of(ServerAssignmentType.RESTORATION, false, REGISTERED, true, true),
        Arguments.of(ServerAssignmentType.RESTORATION, true, REGISTERED, true, true));
  }

  @ParameterizedTest(name = "{0} when registered={1}")
  @MethodSource("everyAssignmentType")
  void everyAssignmentTypeChangesStateAsTs29228Says(
      ServerAssignmentType type, boolean registered, RegistrationState after, boolean scscfKept, boolean userData)
      throws Exception {
    if (registered) {
      assertResultCode(ask(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION)), ResultCode.SUCCESS);
    }

    DiameterMessage answer = ask(cx.sar(IMPI, IMPU, type));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.utf8(BaseAvps.USER_NAME)).contains(IMPI);
    Subscriber alice = alice();
    assertThat(alice.stateOf(IMPU)).isEqualTo(after);
    assertThat(alice.stateOf(TEL)).as("implicit set moves together").isEqualTo(after);
    assertThat(alice.stateOf(WORK)).as("the other implicit set stays").isEqualTo(NOT_REGISTERED);
    assertThat(alice.scscfName()).isEqualTo(scscfKept ? SCSCF_NAME : null);
    assertThat(answer.has(CxAvps.USER_DATA)).isEqualTo(userData);
    if (userData) {
      Avp avp = answer.find(CxAvps.USER_DATA).orElseThrow();
      assertThat(avp.isVendorSpecific()).isTrue();
      assertThat(avp.isMandatory()).isTrue();
      String xml = userData(answer);
      CxSchema.assertValid(xml);
      assertThat(xml).contains("<PrivateID>" + IMPI + "</PrivateID>")
          .contains("<Identity>" + IMPU + "</Identity>").contains("<Identity>" + TEL + "</Identity>")
          .doesNotContain(WORK).contains("<InitialFilterCriteria>");
    }
  }

  @Test
  void registrationStoresTheScscfDiameterIdentityForLaterRtrAndPpr() {
    ask(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));

    assertThat(alice().scscf().diameterHost()).isEqualTo(CxFixture.SCSCF);
    assertThat(alice().scscf().diameterRealm()).isEqualTo(CxFixture.REALM);
  }

  @Test
  void userDataAlreadyAvailableLeavesItOut() {
    DiameterMessage answer =
        ask(cx.sar(IMPI, IMPU, ServerAssignmentType.RE_REGISTRATION, SCSCF_NAME, true));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.has(CxAvps.USER_DATA)).isFalse();
    assertThat(alice().stateOf(IMPU)).isEqualTo(REGISTERED);
  }

  @Test
  void storeServerNameKeepsTheNextRegistrationOnTheSameScscf() {
    ask(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));
    ask(cx.sar(IMPI, IMPU, ServerAssignmentType.USER_DEREGISTRATION_STORE_SERVER_NAME));

    DiameterMessage uaa = cx.handler.answer(cx.uar(IMPI, IMPU, UserAuthorizationType.REGISTRATION));

    assertExperimental(uaa, CxResultCode.SUBSEQUENT_REGISTRATION);
    assertThat(uaa.utf8(CxAvps.SERVER_NAME)).contains(SCSCF_NAME);
  }

  @Test
  void deregisteringOneImplicitSetKeepsTheScscfForTheOther() {
    ask(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));
    ask(cx.sar(IMPI, WORK, ServerAssignmentType.REGISTRATION));

    ask(cx.sar(IMPI, IMPU, ServerAssignmentType.USER_DEREGISTRATION));

    assertThat(alice().stateOf(IMPU)).isEqualTo(NOT_REGISTERED);
    assertThat(alice().stateOf(WORK)).isEqualTo(REGISTERED);
    assertThat(alice().scscfName()).isEqualTo(SCSCF_NAME);
  }

  @Test
  void withoutPublicIdentityEveryIdentityOfTheImpiIsDeregistered() {
    ask(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));
    ask(cx.sar(IMPI, WORK, ServerAssignmentType.REGISTRATION));

    assertResultCode(ask(cx.sar(IMPI, null, ServerAssignmentType.TIMEOUT_DEREGISTRATION)), ResultCode.SUCCESS);

    assertThat(alice().states().values()).containsOnly(NOT_REGISTERED);
    assertThat(alice().scscfName()).isNull();
  }

  @Test
  void anotherScscfCannotDeregisterOrReadTheProfileOfAServedUser() {
    ask(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));

    DiameterMessage dereg = ask(cx.sar(IMPI, IMPU, ServerAssignmentType.USER_DEREGISTRATION, OTHER_SCSCF_NAME, false));
    DiameterMessage read = ask(cx.sar(IMPI, IMPU, ServerAssignmentType.NO_ASSIGNMENT, OTHER_SCSCF_NAME, false));
    DiameterMessage unreg = ask(cx.sar(IMPI, IMPU, ServerAssignmentType.UNREGISTERED_USER, OTHER_SCSCF_NAME, false));

    assertResultCode(dereg, ResultCode.UNABLE_TO_COMPLY);
    assertResultCode(read, ResultCode.UNABLE_TO_COMPLY);
    assertResultCode(unreg, ResultCode.UNABLE_TO_COMPLY);
    assertThat(read.has(CxAvps.USER_DATA)).isFalse();
    assertThat(alice().stateOf(IMPU)).isEqualTo(REGISTERED);
    assertThat(alice().scscfName()).isEqualTo(SCSCF_NAME);
  }

  @Test
  void aNewScscfRegisteringTakesTheUserOver() {
    ask(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));

    assertResultCode(ask(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION, OTHER_SCSCF_NAME, false)), ResultCode.SUCCESS);

    assertThat(alice().scscfName()).isEqualTo(OTHER_SCSCF_NAME);
  }

  @Test
  void unknownAndMismatchedIdentities() {
    cx.provisioning.create(Subscribers.simple("bob", "tel:+15550002"));

    DiameterMessage unknown = ask(cx.sar("nobody@" + CxFixture.REALM, "sip:nobody@" + CxFixture.REALM, ServerAssignmentType.REGISTRATION));
    DiameterMessage unknownImpuOnly = ask(cx.sar(null, "sip:nobody@" + CxFixture.REALM, ServerAssignmentType.REGISTRATION));
    DiameterMessage mismatch = ask(cx.sar(IMPI, "tel:+15550002", ServerAssignmentType.REGISTRATION));

    assertExperimental(unknown, CxResultCode.ERROR_USER_UNKNOWN);
    assertExperimental(unknownImpuOnly, CxResultCode.ERROR_USER_UNKNOWN);
    assertExperimental(mismatch, CxResultCode.ERROR_IDENTITIES_DONT_MATCH);
    assertThat(mismatch.has(CxAvps.USER_DATA)).isFalse();
    assertThat(alice().stateOf(IMPU)).isEqualTo(NOT_REGISTERED);
  }

  @Test
  void aPublicIdentityAloneFindsTheSubscriber() {
    DiameterMessage answer = ask(cx.sar(null, TEL, ServerAssignmentType.REGISTRATION));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.utf8(BaseAvps.USER_NAME)).contains(IMPI);
    assertThat(alice().stateOf(IMPU)).isEqualTo(REGISTERED);
  }

  @Test
  void badRequestsAreAnsweredWithTheAvpToFix() {
    DiameterMessage badType =
        cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION).toBuilder()
            .remove(CxAvps.SERVER_ASSIGNMENT_TYPE)
            .add(Avp.enumerated(CxAvps.SERVER_ASSIGNMENT_TYPE, 15))
            .build();
    DiameterMessage noIdentity = cx.sar(null, null, ServerAssignmentType.REGISTRATION);
    DiameterMessage noServerName =
        cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION).toBuilder().remove(CxAvps.SERVER_NAME).build();

    DiameterMessage a = cx.handler.answer(badType);
    DiameterMessage b = cx.handler.answer(noIdentity);
    DiameterMessage c = cx.handler.answer(noServerName);

    assertThat(a.resultCode()).hasValue(ResultCode.INVALID_AVP_VALUE);
    assertThat(a.find(BaseAvps.FAILED_AVP).orElseThrow().has(CxAvps.SERVER_ASSIGNMENT_TYPE)).isTrue();
    assertThat(b.resultCode()).hasValue(ResultCode.MISSING_AVP);
    assertThat(b.find(BaseAvps.FAILED_AVP).orElseThrow().has(BaseAvps.USER_NAME)).isTrue();
    assertThat(c.resultCode()).hasValue(ResultCode.MISSING_AVP);
    assertThat(c.find(BaseAvps.FAILED_AVP).orElseThrow().has(CxAvps.SERVER_NAME)).isTrue();
    assertThat(alice().stateOf(IMPU)).isEqualTo(NOT_REGISTERED);
    assertThat(Cx.APPLICATION_ID).isEqualTo(a.applicationId());
  }
}
