package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.hss.cx.CxFixture.assertExperimental;
import static org.imscore.hss.cx.CxFixture.assertResultCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.Usim;
import org.imscore.aka.UsimResult;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.testing.SqnWrites;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CxHandler#answerFromCache}: what the read cache answers alone (on the Diameter event loop) is answered as
 * {@link CxHandler#answer} would; everything that needs the database - a subscriber not cached, a MAR that must
 * store an SQN mark or assign the S-CSCF, a SAR that changes the registration - is left to {@code answer}, having
 * changed nothing.
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
  void aMarThatMustStoreAMarkOrAssignTheScscfIsLeftToTheDatabaseUnchanged() {
    cx.handler.answer(cx.uar(ALICE, ALICE_SIP, UserAuthorizationType.REGISTRATION)); // cached now
    long sqn = cx.store.find(ALICE).orElseThrow().sqn();

    // No SQN known in memory yet: the first MAR stores a block (and assigns the S-CSCF).
    assertThat(cx.handler.answerFromCache(cx.mar(ALICE, ALICE_SIP, Cx.SCHEME_AKAV1_MD5, 1))).isEmpty();
    assertThat(cx.store.find(ALICE).orElseThrow().sqn()).isEqualTo(sqn);
    assertThat(cx.store.find(ALICE).orElseThrow().scscf()).isNull();

    assertResultCode(cx.handler.answer(cx.mar(ALICE, ALICE_SIP, Cx.SCHEME_AKAV1_MD5, 1)), ResultCode.SUCCESS);
    // Within the block, but the identity is not registered and another S-CSCF asks: it would be assigned.
    DiameterMessage fromOther = cx.mar(ALICE, ALICE_SIP, Cx.SCHEME_AKAV1_MD5, 1).toBuilder()
        .set(Avp.utf8(CxAvps.SERVER_NAME, CxFixture.OTHER_SCSCF_NAME)).build();
    assertThat(cx.handler.answerFromCache(fromOther)).isEmpty();
    assertThat(cx.store.find(ALICE).orElseThrow().scscf().serverName()).isEqualTo(CxFixture.SCSCF_NAME);
  }

  @Test
  void aMarWithinTheStoredBlockForACachedRegisteredSubscriberIsAnsweredFromTheCache() {
    DiameterMessage first = cx.mar(ALICE, ALICE_SIP, Cx.SCHEME_AKAV1_MD5, 1);
    DiameterMessage fromDatabase = cx.handler.answer(first); // stores a block of SQNs
    assertResultCode(cx.handler.answer(cx.sar(ALICE, ALICE_SIP, ServerAssignmentType.REGISTRATION)),
        ResultCode.SUCCESS);
    Subscriber before = cx.store.find(ALICE).orElseThrow();
    AtomicInteger writes = SqnWrites.countIn(cx.storeConfig.jdbcUrl());
    DiameterMessage again = cx.mar(ALICE, ALICE_SIP, Cx.SCHEME_AKAV1_MD5, 2);

    Optional<DiameterMessage> fromCache = cx.handler.answerFromCache(again);

    assertThat(fromCache).isPresent();
    cx.assertAnswerBasics(again, fromCache.get());
    assertResultCode(fromCache.get(), ResultCode.SUCCESS);
    Usim usim = new Usim(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), SqnScheme.DEFAULT);
    List<Long> sqns = new ArrayList<>();
    for (DiameterMessage maa : List.of(fromDatabase, fromCache.get())) {
      for (SipAuthDataItem item : MultimediaAuthAnswer.from(maa).orElseThrow().authDataItems()) {
        UsimResult result = usim.authenticate(Octets.of(item.authenticate().orElseThrow()));
        assertThat(result).isInstanceOf(UsimResult.Authenticated.class);
        assertThat(((UsimResult.Authenticated) result).res().toByteArray())
            .isEqualTo(item.authorization().orElseThrow());
        sqns.add(((UsimResult.Authenticated) result).sqn().value());
      }
    }
    assertThat(sqns).containsExactly(32L, 64L, 96L);
    assertThat(writes).as("no SQN written").hasValue(0);
    assertThat(cx.store.find(ALICE).orElseThrow()).isEqualTo(before);
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

}
