package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.hss.cx.CxFixture.assertExperimental;
import static org.imscore.hss.cx.CxFixture.assertResultCode;
import static org.imscore.hss.cx.CxFixture.hex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.imscore.aka.AuthenticationCenter;
import org.imscore.aka.Octets;
import org.imscore.aka.Sqn;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.Usim;
import org.imscore.aka.UsimResult;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MultimediaAuthTest {

  private static final String IMPI = Subscribers.impi("alice");
  private static final String IMPU = Subscribers.sip("alice");
  /** SQN of the vector in open5gs' ipsec_reg.pcapng frame 402: IND 24 (aka-digest.md §6). */
  private static final long CAPTURED_SQN = 0x000017242898L;
  /** How far ahead of the last SQN it hands out a MAR that passes the stored mark stores the next one. */
  private static final long BLOCK_AHEAD = CxConfig.DEFAULT_SQN_BLOCK * 32L;

  private CxFixture cx;

  @BeforeEach
  void start() {
    CxConfig d = CxConfig.defaults(CxFixture.REALM);
    cx = new CxFixture(new CxConfig(d.originHost(), d.originRealm(), d.capabilities(), d.allowedVisitedNetworks(), 5, 24));
    SubscriberSpec alice = Subscribers.simple("alice", "tel:+15550001");
    cx.provisioning.create(
        new SubscriberSpec(alice.impi(), alice.auth(), CAPTURED_SQN - 32, alice.publicIdentities(), alice.serviceProfiles()));
  }

  @AfterEach
  void stop() {
    cx.close();
  }

  private DiameterMessage ask(DiameterMessage mar) {
    DiameterMessage answer = cx.handler.answer(mar);
    cx.assertAnswerBasics(mar, answer);
    assertThat(answer.utf8(BaseAvps.USER_NAME)).as("User-Name, also in errors").contains(mar.utf8(BaseAvps.USER_NAME).orElseThrow());
    assertThat(answer.utf8(CxAvps.PUBLIC_IDENTITY)).as("Public-Identity, also in errors")
        .contains(mar.utf8(CxAvps.PUBLIC_IDENTITY).orElseThrow());
    return answer;
  }

  private long storedSqn(String impi) {
    return cx.store.find(impi).orElseThrow().sqn();
  }

  @Test
  void theVectorOfTheRealCaptureComesOutAvpByAvp() {
    DiameterMessage answer = ask(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, 1));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.unsigned32(CxAvps.SIP_NUMBER_AUTH_ITEMS)).hasValue(1);
    List<Avp> items = answer.findAll(CxAvps.SIP_AUTH_DATA_ITEM);
    assertThat(items).hasSize(1);
    Avp item = items.get(0);
    assertThat(item.unsigned32(CxAvps.SIP_ITEM_NUMBER)).hasValue(1);
    assertThat(item.utf8(CxAvps.SIP_AUTHENTICATION_SCHEME)).contains("Digest-AKAv1-MD5");
    assertThat(hex(item.octets(CxAvps.SIP_AUTHENTICATE).orElseThrow()))
        .isEqualTo("a0944c75ff3c4f0853a2f910aa1f104f" + "c6e2f46c8f4280007f3bb9b84b7c3ff6");
    assertThat(hex(item.octets(CxAvps.SIP_AUTHORIZATION).orElseThrow())).isEqualTo("17447172f62cf13e");
    assertThat(hex(item.octets(CxAvps.CONFIDENTIALITY_KEY).orElseThrow())).isEqualTo("d53c02758b376066fad0af7daa6df765");
    assertThat(hex(item.octets(CxAvps.INTEGRITY_KEY).orElseThrow())).isEqualTo("e1763cf28cc2e584588800193137ec92");
    assertThat(item.find(CxAvps.SIP_AUTHENTICATE).orElseThrow().vendorId()).isEqualTo(Cx.VENDOR_ID);
    assertThat(storedSqn(IMPI)).as("the SQN handed out and a block ahead").isEqualTo(CAPTURED_SQN + BLOCK_AHEAD);
  }

  @Test
  void severalVectorsAreNumberedWithRisingSqnsAndCappedAtTheMaximum() {
    DiameterMessage three = ask(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, 3));
    DiameterMessage many = ask(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, 40));

    MultimediaAuthAnswer maa = MultimediaAuthAnswer.from(three).orElseThrow();
    assertThat(maa.numberAuthItems()).hasValue(3);
    assertThat(maa.authDataItems()).extracting(i -> i.itemNumber().getAsLong()).containsExactly(1L, 2L, 3L);
    Usim usim = new Usim(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), SqnScheme.DEFAULT);
    List<Long> sqns = new ArrayList<>();
    for (SipAuthDataItem item : maa.authDataItems()) {
      UsimResult result = usim.authenticate(Octets.of(item.authenticate().orElseThrow()));
      assertThat(result).isInstanceOf(UsimResult.Authenticated.class);
      UsimResult.Authenticated ok = (UsimResult.Authenticated) result;
      assertThat(ok.res().toByteArray()).isEqualTo(item.authorization().orElseThrow());
      assertThat(ok.ck().toByteArray()).isEqualTo(item.confidentialityKey().orElseThrow());
      assertThat(ok.ik().toByteArray()).isEqualTo(item.integrityKey().orElseThrow());
      sqns.add(ok.sqn().value());
    }
    assertThat(sqns).containsExactly(CAPTURED_SQN, CAPTURED_SQN + 32, CAPTURED_SQN + 64);
    assertThat(MultimediaAuthAnswer.from(many).orElseThrow().authDataItems()).hasSize(5);
    assertThat(many.unsigned32(CxAvps.SIP_NUMBER_AUTH_ITEMS)).hasValue(5);
    assertThat(usim.authenticate(Octets.of(MultimediaAuthAnswer.from(many).orElseThrow().authDataItems().get(4)
        .authenticate().orElseThrow())))
        .isInstanceOfSatisfying(UsimResult.Authenticated.class, ok -> assertThat(ok.sqn().value())
            .isEqualTo(CAPTURED_SQN + 7 * 32));
    assertThat(storedSqn(IMPI)).as("the second MAR stays within the block the first stored")
        .isEqualTo(CAPTURED_SQN + 2 * 32 + BLOCK_AHEAD);
  }

  @Test
  void unknownSchemeGetsAkaV1AndAkaV2IsEchoed() {
    DiameterMessage unknown = ask(cx.mar(IMPI, IMPU, "Unknown", 1));
    DiameterMessage v2 = ask(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV2_MD5, 1));

    assertThat(unknown.find(CxAvps.SIP_AUTH_DATA_ITEM).orElseThrow().utf8(CxAvps.SIP_AUTHENTICATION_SCHEME))
        .contains(Cx.SCHEME_AKAV1_MD5);
    assertThat(v2.find(CxAvps.SIP_AUTH_DATA_ITEM).orElseThrow().utf8(CxAvps.SIP_AUTHENTICATION_SCHEME))
        .contains(Cx.SCHEME_AKAV2_MD5);
  }

  @Test
  void aUsimThatIsAheadResynchronisesAndThenAccepts() {
    SubscriberKeys keys = new SubscriberKeys(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), Octets.fromHex("8000"));
    Usim usim = new Usim(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), SqnScheme.DEFAULT);
    Sqn ahead = SqnScheme.DEFAULT.compose(SqnScheme.DEFAULT.seq(new Sqn(CAPTURED_SQN)) + 1000, 24);
    assertThat(usim.authenticate(new AuthenticationCenter().generate(keys, ahead).sipAuthenticate()))
        .isInstanceOf(UsimResult.Authenticated.class);

    SipAuthDataItem stale = MultimediaAuthAnswer.from(ask(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, 1)))
        .orElseThrow().authDataItems().get(0);
    UsimResult failure = usim.authenticate(Octets.of(stale.authenticate().orElseThrow()));
    assertThat(failure).isInstanceOf(UsimResult.SyncFailure.class);
    byte[] randAndAuts =
        Octets.of(stale.authenticate().orElseThrow()).slice(0, 16)
            .concat(((UsimResult.SyncFailure) failure).auts().octets()).toByteArray();

    long before = storedSqn(IMPI);
    assertThat(cx.handler.answerFromCache(cx.resyncMar(IMPI, IMPU, randAndAuts)))
        .as("a resynchronisation always stores its SQN").isEmpty();
    assertThat(storedSqn(IMPI)).isEqualTo(before);

    DiameterMessage answer = ask(cx.resyncMar(IMPI, IMPU, randAndAuts));

    assertResultCode(answer, ResultCode.SUCCESS);
    SipAuthDataItem fresh = MultimediaAuthAnswer.from(answer).orElseThrow().authDataItems().get(0);
    UsimResult accepted = usim.authenticate(Octets.of(fresh.authenticate().orElseThrow()));
    assertThat(accepted).isInstanceOf(UsimResult.Authenticated.class);
    Sqn resynchronised = ((UsimResult.Authenticated) accepted).sqn();
    assertThat(SqnScheme.DEFAULT.seq(resynchronised)).isEqualTo(SqnScheme.DEFAULT.seq(ahead) + 1);
    assertThat(storedSqn(IMPI)).isEqualTo(resynchronised.value() + BLOCK_AHEAD);

    SipAuthDataItem next = MultimediaAuthAnswer.from(ask(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, 1)))
        .orElseThrow().authDataItems().get(0);
    UsimResult nextResult = usim.authenticate(Octets.of(next.authenticate().orElseThrow()));
    assertThat(nextResult).as("the next MAR continues above SQN_MS").isInstanceOfSatisfying(
        UsimResult.Authenticated.class, ok -> assertThat(ok.sqn().value()).isEqualTo(resynchronised.value() + 32));
    assertThat(storedSqn(IMPI)).as("within the block the resynchronisation stored").isEqualTo(
        resynchronised.value() + BLOCK_AHEAD);
  }

  @Test
  void thePublishedResyncVectorVerifies() {
    // hostapd's milenage_auts test (aka-digest.md §7.2): SQN_MS = 1 from this AUTS and RAND.
    SubscriberSpec spec =
        new SubscriberSpec(
            Subscribers.impi("hostapd"),
            new AuthCredentials("90dca4eda45b53cf0f12d7c9c3bc6a89", "cb9cccc4b9258e6dca4760379fb82581", null, "8000", null),
            0,
            Subscribers.simple("hostapd", "tel:+15550009").publicIdentities(),
            Subscribers.simple("hostapd", "tel:+15550009").serviceProfiles());
    cx.provisioning.create(spec);
    byte[] randAndAuts = hex("9fddc72092c6ad036b6e464789315b78" + "4f2039392ddd4bb4316ed4a14688");

    DiameterMessage answer = ask(cx.resyncMar(spec.impi(), Subscribers.sip("hostapd"), randAndAuts));

    assertResultCode(answer, ResultCode.SUCCESS);
    assertThat(answer.findAll(CxAvps.SIP_AUTH_DATA_ITEM)).hasSize(1);
    // SQN_HE 0 still gives a SEQ above SQN_MS's, so it is kept: the new vector is SEQ 1 in IND 24, and the mark
    // stored a block of 32 SEQs ahead of it.
    Usim usim = new Usim(Octets.fromHex(spec.auth().k()), Octets.fromHex(spec.auth().opc()), SqnScheme.DEFAULT);
    SipAuthDataItem item = MultimediaAuthAnswer.from(answer).orElseThrow().authDataItems().get(0);
    assertThat(usim.authenticate(Octets.of(item.authenticate().orElseThrow())))
        .isInstanceOfSatisfying(UsimResult.Authenticated.class,
            ok -> assertThat(ok.sqn().value()).isEqualTo((1L << 5) | 24));
    assertThat(storedSqn(spec.impi())).isEqualTo(((1L + 32) << 5) | 24);
  }

  @Test
  void aForgedAutsIsRejectedAndTheSqnStays() {
    byte[] randAndAuts = hex("9fddc72092c6ad036b6e464789315b78" + "4f2039392ddd4bb4316ed4a14689");

    DiameterMessage answer = ask(cx.resyncMar(IMPI, IMPU, randAndAuts));

    assertResultCode(answer, ResultCode.AUTHORIZATION_REJECTED);
    assertThat(answer.has(CxAvps.SIP_AUTH_DATA_ITEM)).isFalse();
    assertThat(storedSqn(IMPI)).isEqualTo(CAPTURED_SQN - 32);
  }

  @Test
  void resyncDataOfTheWrongLengthIsAnInvalidAvpValue() {
    DiameterMessage answer = cx.handler.answer(cx.resyncMar(IMPI, IMPU, new byte[20]));

    assertThat(answer.resultCode()).hasValue(ResultCode.INVALID_AVP_VALUE);
    assertThat(answer.find(BaseAvps.FAILED_AVP).orElseThrow().has(CxAvps.SIP_AUTH_DATA_ITEM)).isTrue();
    assertThat(answer.utf8(BaseAvps.ERROR_MESSAGE).orElseThrow()).contains("30 octets");
  }

  @Test
  void unknownUsersMismatchesAndUnsupportedSchemesKeepTheIdentitiesInTheAnswer() {
    cx.provisioning.create(Subscribers.simple("bob", "tel:+15550002"));

    assertExperimental(ask(cx.mar("nobody@" + CxFixture.REALM, "sip:nobody@" + CxFixture.REALM, Cx.SCHEME_AKAV1_MD5, 1)),
        CxResultCode.ERROR_USER_UNKNOWN);
    assertExperimental(ask(cx.mar(IMPI, "tel:+15550002", Cx.SCHEME_AKAV1_MD5, 1)),
        CxResultCode.ERROR_IDENTITIES_DONT_MATCH);
    assertExperimental(ask(cx.mar(IMPI, IMPU, "Early-IMS-Security", 1)),
        CxResultCode.ERROR_AUTH_SCHEME_NOT_SUPPORTED);
    assertExperimental(ask(cx.mar(IMPI, IMPU, Cx.SCHEME_DIGEST, 1)),
        CxResultCode.ERROR_AUTH_SCHEME_NOT_SUPPORTED);
    assertThat(storedSqn(IMPI)).isEqualTo(CAPTURED_SQN - 32);
  }

  @Test
  void sipDigestCarriesHa1OfThePassword() throws Exception {
    cx.provisioning.patch(IMPI, new org.imscore.hss.provisioning.SubscriberPatch(null, null, null, null, null, "secret", null, null));

    DiameterMessage answer = ask(cx.mar(IMPI, IMPU, Cx.SCHEME_DIGEST, 1));

    assertResultCode(answer, ResultCode.SUCCESS);
    Avp item = answer.find(CxAvps.SIP_AUTH_DATA_ITEM).orElseThrow();
    assertThat(item.utf8(CxAvps.SIP_AUTHENTICATION_SCHEME)).contains(Cx.SCHEME_DIGEST);
    assertThat(item.has(CxAvps.SIP_AUTHENTICATE)).isFalse();
    Avp digest = item.find(CxAvps.SIP_DIGEST_AUTHENTICATE).orElseThrow();
    assertThat(digest.utf8(CxAvps.DIGEST_REALM)).contains(CxFixture.REALM);
    assertThat(digest.utf8(CxAvps.DIGEST_ALGORITHM)).contains("MD5");
    assertThat(digest.utf8(CxAvps.DIGEST_QOP)).contains("auth");
    byte[] md5 = MessageDigest.getInstance("MD5")
        .digest((IMPI + ":" + CxFixture.REALM + ":secret").getBytes(StandardCharsets.UTF_8));
    assertThat(digest.utf8(CxAvps.DIGEST_HA1)).contains(hex(md5));
    assertThat(storedSqn(IMPI)).isEqualTo(CAPTURED_SQN - 32);
  }

  @Test
  void ha1MatchesTheRfc2617Example() {
    assertThat(MultimediaAuth.ha1("Mufasa", "testrealm@host.com", "Circle Of Life"))
        .isEqualTo("939e7578ed9e3c518a452acee763bce9");
  }

  @Test
  void aChallengeAssignsTheScscfWhileNotRegistered() {
    ask(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, 1));

    var scscf = cx.store.find(IMPI).orElseThrow().scscf();
    assertThat(scscf.serverName()).isEqualTo(CxFixture.SCSCF_NAME);
    assertThat(scscf.diameterHost()).isEqualTo(CxFixture.SCSCF);
    assertThat(scscf.diameterRealm()).isEqualTo(CxFixture.REALM);
  }

  @Test
  void concurrentChallengesNeverShareAnSqn() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<List<Long>>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      futures.add(pool.submit(() -> {
        List<Long> sqns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          DiameterMessage answer = cx.handler.answer(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, 2));
          for (SipAuthDataItem item : MultimediaAuthAnswer.from(answer).orElseThrow().authDataItems()) {
            // A USIM that has seen nothing accepts any vector: it tells the SQN inside AUTN.
            Usim fresh = new Usim(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), SqnScheme.DEFAULT);
            sqns.add(((UsimResult.Authenticated) fresh.authenticate(Octets.of(item.authenticate().orElseThrow())))
                .sqn().value());
          }
        }
        return sqns;
      }));
    }
    Set<Long> distinct = new HashSet<>();
    int total = 0;
    for (Future<List<Long>> f : futures) {
      total += f.get().size();
      distinct.addAll(f.get());
    }
    pool.shutdown();

    assertThat(total).isEqualTo(80);
    assertThat(distinct).hasSize(80);
    long highest = CAPTURED_SQN - 32 + 80 * 32;
    assertThat(distinct).contains(highest).allMatch(sqn -> sqn <= highest);
    assertThat(storedSqn(IMPI)).isBetween(highest, highest + BLOCK_AHEAD);
  }
}
