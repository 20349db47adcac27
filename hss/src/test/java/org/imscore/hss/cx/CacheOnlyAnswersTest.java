package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.hss.cx.CxFixture.assertExperimental;
import static org.imscore.hss.cx.CxFixture.assertResultCode;

import java.util.Optional;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CxHandler#answerFromCache}: what the read cache answers alone (on the Diameter event loop) is answered as
 * {@link CxHandler#answer} would; everything that needs the database - a subscriber not cached, a MAR, a SAR that
 * changes the registration - is left to {@code answer}, having changed nothing.
 */
class CacheOnlyAnswersTest {

  private static final String ALICE = Subscribers.impi("alice");
  private static final String ALICE_SIP = Subscribers.sip("alice");

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
  void aSubscriberNotCachedIsLeftToTheDatabase() {
    // Provisioning's write invalidated alice: nothing of her is cached.
    assertThat(cx.handler.answerFromCache(cx.uar(ALICE, ALICE_SIP, UserAuthorizationType.REGISTRATION))).isEmpty();
    assertThat(cx.handler.answerFromCache(cx.lir(ALICE_SIP, false))).isEmpty();
    assertThat(cx.handler.answerFromCache(cx.uar("nobody@x", "sip:nobody@x", UserAuthorizationType.REGISTRATION)))
        .isEmpty();
  }

  @Test
  void aUarForACachedSubscriberIsAnsweredAsFromTheDatabase() {
    DiameterMessage first = cx.uar(ALICE, ALICE_SIP, UserAuthorizationType.REGISTRATION);
    DiameterMessage fromDatabase = cx.handler.answer(first);
    DiameterMessage second = cx.uar(ALICE, ALICE_SIP, UserAuthorizationType.REGISTRATION);

    Optional<DiameterMessage> fromCache = cx.handler.answerFromCache(second);

    assertThat(fromCache).isPresent();
    cx.assertAnswerBasics(second, fromCache.get());
    assertExperimental(fromDatabase, CxResultCode.FIRST_REGISTRATION);
    assertExperimental(fromCache.get(), CxResultCode.FIRST_REGISTRATION);
    assertThat(fromCache.get().avps().subList(1, fromCache.get().avps().size()))
        .isEqualTo(fromDatabase.avps().subList(1, fromDatabase.avps().size()));
  }

  @Test
  void aMarAlwaysGoesToTheDatabaseAndStoresItsSqn() {
    cx.handler.answer(cx.uar(ALICE, ALICE_SIP, UserAuthorizationType.REGISTRATION)); // cached now
    long sqn = cx.store.find(ALICE).orElseThrow().sqn();

    assertThat(cx.handler.answerFromCache(cx.mar(ALICE, ALICE_SIP, Cx.SCHEME_AKAV1_MD5, 1))).isEmpty();
    assertThat(cx.store.find(ALICE).orElseThrow().sqn()).isEqualTo(sqn);
  }

  @Test
  void aSarThatRegistersIsLeftToTheDatabaseUnchangedAndARegistrationAgainIsAnsweredFromTheCache() {
    cx.handler.answer(cx.uar(ALICE, ALICE_SIP, UserAuthorizationType.REGISTRATION)); // cached now

    assertThat(cx.handler.answerFromCache(cx.sar(ALICE, ALICE_SIP, ServerAssignmentType.REGISTRATION))).isEmpty();
    assertThat(cx.store.find(ALICE).orElseThrow().stateOf(ALICE_SIP)).isEqualTo(RegistrationState.NOT_REGISTERED);
    assertThat(cx.store.find(ALICE).orElseThrow().scscf()).isNull();

    assertResultCode(cx.handler.answer(cx.sar(ALICE, ALICE_SIP, ServerAssignmentType.REGISTRATION)),
        ResultCode.SUCCESS);
    DiameterMessage again = cx.sar(ALICE, ALICE_SIP, ServerAssignmentType.RE_REGISTRATION);
    Optional<DiameterMessage> fromCache = cx.handler.answerFromCache(again);

    assertThat(fromCache).isPresent();
    cx.assertAnswerBasics(again, fromCache.get());
    assertResultCode(fromCache.get(), ResultCode.SUCCESS);
    assertThat(fromCache.get().has(CxAvps.USER_DATA)).isTrue();
  }

  @Test
  void aLirAfterARegistrationNamesTheServingScscfFromTheCache() {
    cx.handler.answer(cx.sar(ALICE, ALICE_SIP, ServerAssignmentType.REGISTRATION));
    cx.handler.answer(cx.lir(ALICE_SIP, false)); // caches the IMPU's owner

    Optional<DiameterMessage> fromCache = cx.handler.answerFromCache(cx.lir(ALICE_SIP, false));

    assertThat(fromCache).isPresent();
    assertResultCode(fromCache.get(), ResultCode.SUCCESS);
    assertThat(fromCache.get().utf8(CxAvps.SERVER_NAME)).contains(CxFixture.SCSCF_NAME);
  }

  @Test
  void aProvisioningChangeSendsTheNextReadBackToTheDatabase() {
    cx.handler.answer(cx.lir(ALICE_SIP, false));
    cx.provisioning.delete(ALICE);

    assertThat(cx.handler.answerFromCache(cx.lir(ALICE_SIP, false))).isEmpty();
    assertExperimental(cx.handler.answer(cx.lir(ALICE_SIP, false)), CxResultCode.ERROR_USER_UNKNOWN);
  }

  @Test
  void aRequestThatFailsValidationIsAnsweredWithoutTheStore() {
    DiameterMessage noIdentity = cx.uar(ALICE, ALICE_SIP, UserAuthorizationType.REGISTRATION)
        .toBuilder().remove(CxAvps.PUBLIC_IDENTITY).build();

    Optional<DiameterMessage> answer = cx.handler.answerFromCache(noIdentity);

    assertThat(answer).isPresent();
    assertResultCode(answer.get(), ResultCode.MISSING_AVP);
  }
}
