package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the handler does with requests no Cx procedure takes. */
class CxHandlerTest {

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

  @Test
  void aCommandTheHssDoesNotServeIsCommandUnsupported() {
    DiameterMessage rtr =
        DiameterMessage.request(Cx.REGISTRATION_TERMINATION, Cx.APPLICATION_ID)
            .proxiable(true)
            .add(Avp.utf8(BaseAvps.SESSION_ID, "icscf;1;1"))
            .add(Avp.utf8(BaseAvps.ORIGIN_HOST, CxFixture.ICSCF))
            .add(Avp.utf8(BaseAvps.ORIGIN_REALM, CxFixture.REALM))
            .build();

    DiameterMessage answer = cx.handler.answer(rtr);

    assertThat(answer.isRequest()).isFalse();
    assertThat(answer.resultCode().orElseThrow()).isBetween(3000L, 5999L);
    assertThat(answer.hopByHopId()).isEqualTo(rtr.hopByHopId());
    assertThat(answer.sessionId()).contains("icscf;1;1");
  }

  @Test
  void anAnswerHandedInIsNotAnswered() {
    DiameterMessage uar = cx.uar(Subscribers.impi("alice"), Subscribers.sip("alice"), UserAuthorizationType.REGISTRATION);
    DiameterMessage uaa = cx.handler.answer(uar);

    DiameterMessage answer = cx.handler.answer(uaa);

    assertThat(answer.resultCode()).hasValue(ResultCode.UNABLE_TO_COMPLY);
  }

  @Test
  void aRequestThatFailsValidationIsAnsweredBeforeTheStoreIsAsked() {
    DiameterMessage noIdentity = cx.uar(Subscribers.impi("alice"), Subscribers.sip("alice"),
        UserAuthorizationType.REGISTRATION).toBuilder().remove(CxAvps.PUBLIC_IDENTITY).build();
    cx.store.close();

    DiameterMessage answer = cx.handler.answer(noIdentity);

    cx.assertAnswerBasics(noIdentity, answer);
    assertThat(answer.resultCode()).hasValue(ResultCode.MISSING_AVP);
  }

  /**
   * A request a Diameter node received was validated by its codec, which answers those that fail itself: the
   * handler does not check it again. One the validator would refuse (Origin-Realm twice, 5009) shows which way in
   * validates.
   */
  @Test
  void onlyAnswerValidatesARequestAnswerValidatedAndTheCacheTakeItAsChecked() {
    DiameterMessage twoRealms = cx.uar(Subscribers.impi("alice"), Subscribers.sip("alice"),
        UserAuthorizationType.REGISTRATION).toBuilder().add(Avp.utf8(BaseAvps.ORIGIN_REALM, "other.example.org"))
        .build();

    assertThat(cx.handler.answer(twoRealms).resultCode()).hasValue(ResultCode.AVP_OCCURS_TOO_MANY_TIMES);
    CxFixture.assertExperimental(cx.handler.answerValidated(twoRealms), CxResultCode.FIRST_REGISTRATION);
    CxFixture.assertExperimental(cx.handler.answerFromCache(twoRealms).orElseThrow(), CxResultCode.FIRST_REGISTRATION);
  }

  @Test
  void aStoreThatFailsIsUnableToComply() {
    DiameterMessage uar = cx.uar(Subscribers.impi("alice"), Subscribers.sip("alice"), UserAuthorizationType.REGISTRATION);
    cx.store.close();

    DiameterMessage answer = cx.handler.answer(uar);

    cx.assertAnswerBasics(uar, answer);
    assertThat(answer.resultCode()).hasValue(ResultCode.UNABLE_TO_COMPLY);
  }
}
