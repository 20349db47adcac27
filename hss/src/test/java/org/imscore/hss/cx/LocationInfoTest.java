package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.hss.cx.CxFixture.SCSCF_NAME;
import static org.imscore.hss.cx.CxFixture.assertExperimental;
import static org.imscore.hss.cx.CxFixture.assertResultCode;

import java.util.List;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.ServerCapabilities;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocationInfoTest {

  private CxFixture cx;

  @BeforeEach
  void start() {
    cx = new CxFixture();
    cx.provisioning.create(Subscribers.simple("alice", "tel:+15550001"));
    // rich(): profile "voice" has a criterion for the unregistered part.
    cx.provisioning.create(Subscribers.rich("bob"));
  }

  @AfterEach
  void stop() {
    cx.close();
  }

  private DiameterMessage ask(DiameterMessage lir) {
    DiameterMessage answer = cx.handler.answer(lir);
    cx.assertAnswerBasics(lir, answer);
    return answer;
  }

  @Test
  void aRegisteredIdentityGetsItsScscf() {
    cx.handler.answer(cx.sar(Subscribers.impi("alice"), "tel:+15550001", ServerAssignmentType.REGISTRATION));

    DiameterMessage answer = ask(cx.lir(Subscribers.sip("alice"), false));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.utf8(CxAvps.SERVER_NAME)).contains(SCSCF_NAME);
    assertThat(answer.has(CxAvps.SERVER_CAPABILITIES)).isFalse();
  }

  @Test
  void anUnregisteredStateIdentityGetsTheScscfHoldingIt() {
    cx.handler.answer(cx.sar(Subscribers.impi("alice"), Subscribers.sip("alice"), ServerAssignmentType.UNREGISTERED_USER));

    DiameterMessage answer = ask(cx.lir(Subscribers.sip("alice"), false));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.utf8(CxAvps.SERVER_NAME)).contains(SCSCF_NAME);
  }

  @Test
  void aNotRegisteredIdentityWithUnregisteredServicesGetsCapabilities() {
    DiameterMessage answer = ask(cx.lir(Subscribers.sip("bob.alias"), false));

    assertExperimental(answer, CxResultCode.UNREGISTERED_SERVICE);
    assertThat(answer.has(CxAvps.SERVER_NAME)).isFalse();
    assertThat(ServerCapabilities.fromAvp(answer.find(CxAvps.SERVER_CAPABILITIES).orElseThrow()).serverNames())
        .isEqualTo(List.of(SCSCF_NAME));
  }

  @Test
  void aNotRegisteredIdentityWithAKeptScscfGetsItsName() {
    String impi = Subscribers.impi("bob");
    cx.handler.answer(cx.sar(impi, Subscribers.sip("bob.alias"), ServerAssignmentType.REGISTRATION));
    cx.handler.answer(cx.sar(impi, Subscribers.sip("bob.alias"), ServerAssignmentType.USER_DEREGISTRATION_STORE_SERVER_NAME));

    DiameterMessage answer = ask(cx.lir(Subscribers.sip("bob.alias"), false));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.utf8(CxAvps.SERVER_NAME)).contains(SCSCF_NAME);
    assertThat(answer.has(CxAvps.SERVER_CAPABILITIES)).isFalse();
  }

  @Test
  void aNotRegisteredIdentityWithoutUnregisteredServicesIsNotRegistered() {
    DiameterMessage answer = ask(cx.lir(Subscribers.sip("alice"), false));

    assertExperimental(answer, CxResultCode.ERROR_IDENTITY_NOT_REGISTERED);
    assertThat(answer.has(CxAvps.SERVER_NAME)).isFalse();
    assertThat(answer.has(CxAvps.SERVER_CAPABILITIES)).isFalse();
  }

  @Test
  void anOriginatingRequestIsServedForUnregisteredUsers() {
    DiameterMessage answer = ask(cx.lir(Subscribers.sip("alice"), true));

    assertExperimental(answer, CxResultCode.UNREGISTERED_SERVICE);
    assertThat(answer.has(CxAvps.SERVER_CAPABILITIES)).isTrue();
  }

  @Test
  void anUnknownIdentityIsUserUnknown() {
    assertExperimental(ask(cx.lir("sip:nobody@" + CxFixture.REALM, false)), CxResultCode.ERROR_USER_UNKNOWN);
  }
}
