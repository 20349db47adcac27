package org.imscore.hss.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.hss.cx.CxFixture.assertResultCode;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.Usim;
import org.imscore.aka.UsimResult;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.hss.provisioning.SubscriberPatch;
import org.imscore.hss.testing.SqnWrites;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MARs and the SQN block ({@link CxConfig#sqnBlock()}, here 3 vectors): a MAR stores a mark only when its vectors
 * pass the one stored, and the vectors a USIM sees still rise one SEQ at a time.
 */
class MultimediaAuthSqnBlockTest {

  private static final String IMPI = Subscribers.impi("alice");
  private static final String IMPU = Subscribers.sip("alice");
  private static final int BLOCK = 3;

  private CxFixture cx;
  private AtomicInteger writes;

  @BeforeEach
  void start() {
    cx = new CxFixture(CxConfig.defaults(CxFixture.REALM).withSqnBlock(BLOCK));
    cx.provisioning.create(Subscribers.simple("alice", "tel:+15550001"));
    writes = SqnWrites.countIn(cx.storeConfig.jdbcUrl());
  }

  @AfterEach
  void stop() {
    cx.close();
  }

  /** The SQNs of a MAR's vectors, as a USIM that has seen nothing reads them from AUTN. */
  private List<Long> sqns(DiameterMessage maa) {
    assertResultCode(maa, ResultCode.SUCCESS);
    return MultimediaAuthAnswer.from(maa).orElseThrow().authDataItems().stream()
        .map(SipAuthDataItem::authenticate)
        .map(randAutn -> new Usim(Octets.fromHex(Subscribers.K), Octets.fromHex(Subscribers.OPC), SqnScheme.DEFAULT)
            .authenticate(Octets.of(randAutn.orElseThrow())))
        .map(result -> ((UsimResult.Authenticated) result).sqn().value())
        .toList();
  }

  private List<Long> mar(int vectors) {
    return sqns(cx.handler.answer(cx.mar(IMPI, IMPU, Cx.SCHEME_AKAV1_MD5, vectors)));
  }

  private long stored() {
    return cx.store.find(IMPI).orElseThrow().sqn();
  }

  @Test
  void marsWithinTheBlockStoreNoSqnAndTheOneThatPassesItStoresTheNextBeforeItIsAnswered() {
    assertThat(mar(1)).containsExactly(32L);
    assertThat(writes).hasValue(1);
    assertThat(stored()).isEqualTo(32L * (1 + BLOCK));

    assertThat(mar(2)).containsExactly(64L, 96L);
    assertThat(mar(1)).containsExactly(128L);
    assertThat(writes).as("within the block").hasValue(1);

    assertThat(mar(2)).containsExactly(160L, 192L);
    assertThat(writes).hasValue(2);
    assertThat(stored()).as("the SQNs answered and a block ahead").isEqualTo(32L * (6 + BLOCK));
  }

  @Test
  void aProvisionedSqnTakesEffectOnTheNextMar() {
    mar(1);
    mar(1);

    cx.provisioning.patch(IMPI, new SubscriberPatch(null, null, null, null, 32L * 100, null, null, null));

    assertThat(mar(1)).as("from the provisioned SQN, not the one kept in memory").containsExactly(32L * 101);
    assertThat(stored()).isEqualTo(32L * (101 + BLOCK));
  }

  @Test
  void aBlockOfNoneStoresEveryMarsSqns() {
    cx.close();
    cx = new CxFixture(CxConfig.defaults(CxFixture.REALM).withSqnBlock(0));
    cx.provisioning.create(Subscribers.simple("alice", "tel:+15550001"));

    assertThat(mar(2)).containsExactly(32L, 64L);
    assertThat(stored()).isEqualTo(64);
    assertThat(mar(1)).containsExactly(96L);
    assertThat(stored()).isEqualTo(96);
  }
}
