package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.hss.cx.CxFixture.SCSCF_NAME;
import static org.imscore.hss.cx.CxFixture.assertExperimental;
import static org.imscore.hss.cx.CxFixture.assertResultCode;

import java.util.List;
import java.util.Set;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.ServerCapabilities;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAuthorizationTest {

  private static final String IMPI = Subscribers.impi("alice");
  private static final String IMPU = Subscribers.sip("alice");

  private CxFixture cx;

  @BeforeEach
  void start() {
    cx = new CxFixture();
    cx.provisioning.create(Subscribers.simple("alice", "tel:+15550001"));
  }

  @AfterEach
  void stop() {
    cx.close();
  }

  private DiameterMessage ask(DiameterMessage uar) {
    DiameterMessage answer = cx.handler.answer(uar);
    cx.assertAnswerBasics(uar, answer);
    return answer;
  }

  @Test
  void firstRegistrationGetsServerCapabilitiesAndNoServerName() {
    DiameterMessage answer = ask(cx.uar(IMPI, IMPU, UserAuthorizationType.REGISTRATION));

    assertExperimental(answer, CxResultCode.FIRST_REGISTRATION);
    assertThat(answer.has(CxAvps.SERVER_NAME)).isFalse();
    Avp capabilities = answer.find(CxAvps.SERVER_CAPABILITIES).orElseThrow();
    assertThat(capabilities.isVendorSpecific()).isTrue();
    assertThat(capabilities.vendorId()).isEqualTo(Cx.VENDOR_ID);
    assertThat(ServerCapabilities.fromAvp(capabilities))
        .isEqualTo(new ServerCapabilities(List.of(), List.of(), List.of(SCSCF_NAME)));
  }

  @Test
  void anAbsentAuthorizationTypeMeansRegistration() {
    DiameterMessage uar =
        cx.uar(IMPI, IMPU, UserAuthorizationType.REGISTRATION).toBuilder()
            .remove(CxAvps.USER_AUTHORIZATION_TYPE)
            .build();
    assertThat(uar.has(CxAvps.USER_AUTHORIZATION_TYPE)).isFalse();

    assertExperimental(ask(uar), CxResultCode.FIRST_REGISTRATION);
  }

  @Test
  void aRegisteredUserGetsSubsequentRegistrationWithItsServerName() {
    cx.handler.answer(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));

    DiameterMessage answer = ask(cx.uar(IMPI, "tel:+15550001", UserAuthorizationType.REGISTRATION));

    assertExperimental(answer, CxResultCode.SUBSEQUENT_REGISTRATION);
    assertThat(answer.utf8(CxAvps.SERVER_NAME)).contains(SCSCF_NAME);
    assertThat(answer.has(CxAvps.SERVER_CAPABILITIES)).isFalse();
  }

  @Test
  void afterAnAuthenticationChallengeTheSecondRegisterGoesToTheSameScscf() {
    cx.handler.answer(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, 1));

    DiameterMessage answer = ask(cx.uar(IMPI, IMPU, UserAuthorizationType.REGISTRATION));

    assertExperimental(answer, CxResultCode.SUBSEQUENT_REGISTRATION);
    assertThat(answer.utf8(CxAvps.SERVER_NAME)).contains(SCSCF_NAME);
  }

  @Test
  void deregistrationOfARegisteredUserSucceedsWithTheServerName() {
    cx.handler.answer(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));

    DiameterMessage answer = ask(cx.uar(IMPI, IMPU, UserAuthorizationType.DE_REGISTRATION));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.utf8(CxAvps.SERVER_NAME)).contains(SCSCF_NAME);
  }

  @Test
  void deregistrationOfAnUnregisteredUserIsIdentityNotRegistered() {
    DiameterMessage answer = ask(cx.uar(IMPI, IMPU, UserAuthorizationType.DE_REGISTRATION));

    assertExperimental(answer, CxResultCode.ERROR_IDENTITY_NOT_REGISTERED);
    assertThat(answer.has(CxAvps.SERVER_NAME)).isFalse();
  }

  @Test
  void registrationAndCapabilitiesAlwaysGetsCapabilities() {
    cx.handler.answer(cx.sar(IMPI, IMPU, ServerAssignmentType.REGISTRATION));

    DiameterMessage answer = ask(cx.uar(IMPI, IMPU, UserAuthorizationType.REGISTRATION_AND_CAPABILITIES));

    assertExperimental(answer, CxResultCode.FIRST_REGISTRATION);
    assertThat(answer.has(CxAvps.SERVER_CAPABILITIES)).isTrue();
    assertThat(answer.has(CxAvps.SERVER_NAME)).isFalse();
  }

  @Test
  void unknownIdentityAndMismatchedIdentities() {
    cx.provisioning.create(Subscribers.simple("bob", "tel:+15550002"));

    DiameterMessage unknown = ask(cx.uar(IMPI, "sip:nobody@" + CxFixture.REALM, UserAuthorizationType.REGISTRATION));
    DiameterMessage mismatch = ask(cx.uar(IMPI, "tel:+15550002", UserAuthorizationType.REGISTRATION));

    assertExperimental(unknown, CxResultCode.ERROR_USER_UNKNOWN);
    assertExperimental(mismatch, CxResultCode.ERROR_IDENTITIES_DONT_MATCH);
    assertThat(unknown.has(CxAvps.SERVER_NAME) || unknown.has(CxAvps.SERVER_CAPABILITIES)).isFalse();
  }

  @Test
  void aBarredIdentityRegistersOnlyWithANonBarredOneInItsImplicitSet() {
    cx.provisioning.create(
        new SubscriberSpec(
            Subscribers.impi("carol"),
            Subscribers.simple("carol", "tel:+1").auth(),
            0,
            List.of(
                new PublicIdentity(Subscribers.sip("carol"), true, 1, "default"),
                new PublicIdentity("tel:+15550003", false, 1, "default"),
                new PublicIdentity(Subscribers.sip("carol.barred"), true, 2, "default")),
            List.of(ServiceProfile.empty("default"))));

    DiameterMessage withNonBarred =
        ask(cx.uar(Subscribers.impi("carol"), Subscribers.sip("carol"), UserAuthorizationType.REGISTRATION));
    DiameterMessage allBarred =
        ask(cx.uar(Subscribers.impi("carol"), Subscribers.sip("carol.barred"), UserAuthorizationType.REGISTRATION));

    assertExperimental(withNonBarred, CxResultCode.FIRST_REGISTRATION);
    assertResultCode(allBarred, ResultCode.AUTHORIZATION_REJECTED);

    DiameterMessage emergency =
        ask(new org.imscore.diameter.cx.UserAuthorizationRequest(
                cx.header(CxFixture.ICSCF), Subscribers.impi("carol"), Subscribers.sip("carol.barred"), CxFixture.REALM,
                UserAuthorizationType.REGISTRATION.value(), java.util.OptionalLong.of(1), List.of())
            .toMessage());
    assertExperimental(emergency, CxResultCode.FIRST_REGISTRATION);
  }

  @Test
  void aVisitedNetworkThatIsNotAllowedIsRoamingNotAllowed() {
    CxConfig defaults = CxConfig.defaults(CxFixture.REALM);
    CxConfig strict =
        new CxConfig(defaults.originHost(), defaults.originRealm(), defaults.capabilities(),
            Set.of("visited.example.net"), 5, 0);
    try (CxFixture roaming = new CxFixture(strict)) {
      roaming.provisioning.create(Subscribers.simple("alice", "tel:+15550001"));

      DiameterMessage answer = roaming.handler.answer(roaming.uar(IMPI, IMPU, UserAuthorizationType.REGISTRATION));

      assertExperimental(answer, CxResultCode.ERROR_ROAMING_NOT_ALLOWED);
    }
  }

  @Test
  void anAuthorizationTypeOutOfRangeIsAnInvalidAvpValueNamingIt() {
    DiameterMessage uar =
        cx.uar(IMPI, IMPU, UserAuthorizationType.REGISTRATION).toBuilder()
            .remove(CxAvps.USER_AUTHORIZATION_TYPE)
            .add(Avp.enumerated(CxAvps.USER_AUTHORIZATION_TYPE, 7))
            .build();

    DiameterMessage answer = cx.handler.answer(uar);

    assertThat(answer.resultCode()).hasValue(ResultCode.INVALID_AVP_VALUE);
    Avp failed = answer.find(BaseAvps.FAILED_AVP).orElseThrow();
    assertThat(failed.find(CxAvps.USER_AUTHORIZATION_TYPE).flatMap(a -> a.integer32().isPresent()
        ? java.util.Optional.of(a.integer32().getAsInt()) : java.util.Optional.empty())).contains(7);
  }

  @Test
  void aMissingPublicIdentityIsAMissingAvpAnswer() {
    DiameterMessage uar =
        cx.uar(IMPI, IMPU, UserAuthorizationType.REGISTRATION).toBuilder().remove(CxAvps.PUBLIC_IDENTITY).build();

    DiameterMessage answer = cx.handler.answer(uar);

    assertThat(answer.resultCode()).hasValue(ResultCode.MISSING_AVP);
    assertThat(answer.find(BaseAvps.FAILED_AVP).orElseThrow().has(CxAvps.PUBLIC_IDENTITY)).isTrue();
    assertThat(answer.sessionId()).isEqualTo(uar.sessionId());
  }
}
