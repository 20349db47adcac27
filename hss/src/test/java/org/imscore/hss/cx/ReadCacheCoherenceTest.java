package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.hss.cx.CxFixture.SCSCF_NAME;
import static org.imscore.hss.cx.CxFixture.assertExperimental;
import static org.imscore.hss.cx.CxFixture.assertResultCode;

import java.util.List;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.Usim;
import org.imscore.aka.UsimResult;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.cx.UserAuthorizationType;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's read cache seen from Cx: a Cx read made before a provisioning change (so the subscriber is cached)
 * and one made after it must differ as the change says.
 */
class ReadCacheCoherenceTest {

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
  void aDeletedSubscriberIsUnknownToTheNextLir() {
    register("alice");
    assertResultCode(cx.handler.answer(cx.lir(Subscribers.sip("alice"), false)), ResultCode.SUCCESS);

    cx.provisioning.delete(Subscribers.impi("alice"));

    assertExperimental(cx.handler.answer(cx.lir(Subscribers.sip("alice"), false)), CxResultCode.ERROR_USER_UNKNOWN);
  }

  @Test
  void anAdministrativeDeregistrationIsSeenByTheNextLir() {
    register("alice");
    assertThat(cx.handler.answer(cx.lir(Subscribers.sip("alice"), false)).utf8(CxAvps.SERVER_NAME))
        .contains(SCSCF_NAME);

    cx.provisioning.deregister(Subscribers.impi("alice"));

    assertExperimental(
        cx.handler.answer(cx.lir(Subscribers.sip("alice"), false)), CxResultCode.ERROR_IDENTITY_NOT_REGISTERED);
  }

  @Test
  void anIdentityMovedToAnotherSubscriberIsAnsweredForItsNewOwner() {
    String tel = "tel:+15550001";
    assertExperimental(cx.handler.answer(cx.uar(Subscribers.impi("alice"), tel, UserAuthorizationType.REGISTRATION)),
        CxResultCode.FIRST_REGISTRATION);
    assertThat(cx.store.findByPublicIdentity(tel).orElseThrow().impi()).isEqualTo(Subscribers.impi("alice"));

    SubscriberSpec alice = cx.store.find(Subscribers.impi("alice")).orElseThrow().spec();
    cx.provisioning.replace(alice.impi(), new SubscriberSpec(alice.impi(), alice.auth(), alice.sqn(),
        List.of(alice.publicIdentities().get(0)), alice.serviceProfiles()));
    SubscriberSpec bob = Subscribers.simple("bob", "tel:+15550002");
    cx.provisioning.create(new SubscriberSpec(bob.impi(), bob.auth(), bob.sqn(),
        List.of(bob.publicIdentities().get(0), new PublicIdentity(tel, false, 1, alice.publicIdentities().get(0).profile())),
        bob.serviceProfiles()));

    assertExperimental(cx.handler.answer(cx.uar(Subscribers.impi("alice"), tel, UserAuthorizationType.REGISTRATION)),
        CxResultCode.ERROR_IDENTITIES_DONT_MATCH);
    assertThat(cx.store.findByPublicIdentity(tel).orElseThrow().impi()).isEqualTo(Subscribers.impi("bob"));
  }

  @Test
  void eachMarHandsOutSqnsAboveTheLastOnesUnderTheMarkStored() {
    long before = cx.store.find(Subscribers.impi("alice")).orElseThrow().sqn();

    long first = sqnOf(cx.handler.answer(
        cx.mar(Subscribers.impi("alice"), Subscribers.sip("alice"), Cx.SCHEME_AKAV1_MD5, 1)));
    long afterOne = cx.store.find(Subscribers.impi("alice")).orElseThrow().sqn();
    long second = sqnOf(cx.handler.answer(
        cx.mar(Subscribers.impi("alice"), Subscribers.sip("alice"), Cx.SCHEME_AKAV1_MD5, 1)));

    assertThat(first).isGreaterThan(before);
    assertThat(second).isGreaterThan(first);
    assertThat(afterOne).isGreaterThanOrEqualTo(second);
    assertThat(cx.store.find(Subscribers.impi("alice")).orElseThrow().sqn()).isEqualTo(afterOne);
  }

  /** The SQN of the one vector of a MAA, as a USIM that has seen nothing reads it. */
  private static long sqnOf(DiameterMessage maa) {
    SipAuthDataItem item = MultimediaAuthAnswer.from(maa).orElseThrow().authDataItems().get(0);
    UsimResult result = new Usim(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), SqnScheme.DEFAULT)
        .authenticate(Octets.of(item.authenticate().orElseThrow()));
    return ((UsimResult.Authenticated) result).sqn().value();
  }

  private void register(String user) {
    assertResultCode(
        cx.handler.answer(cx.sar(Subscribers.impi(user), Subscribers.sip(user), ServerAssignmentType.REGISTRATION)),
        ResultCode.SUCCESS);
  }
}
