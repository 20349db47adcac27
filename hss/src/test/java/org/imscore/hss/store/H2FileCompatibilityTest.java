package org.imscore.hss.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.TriggerPoint;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's {@code ./data/hss.mv.db} written by an earlier H2 (2.2.224, see {@code h2-2.2.224/ORIGIN.md}) opens with
 * the H2 this build uses, Flyway accepts its schema history, and every table reads back and takes writes: an H2
 * upgrade that cannot read the files users have fails here, not in the field.
 */
class H2FileCompatibilityTest {

  private static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
  private static final String ALICE = "alice@" + REALM;
  private static final String BOB = "bob@" + REALM;

  @TempDir
  Path data;

  @BeforeEach
  void copyTheOldFile() throws IOException {
    try (InputStream old = Objects.requireNonNull(
        getClass().getResourceAsStream("/h2-2.2.224/hss.mv.db"), "h2-2.2.224/hss.mv.db on the test classpath")) {
      Files.copy(old, data.resolve("hss.mv.db"));
    }
  }

  @Test
  void everySubscriberWrittenByH2_2_2_224ReadsBackWhole() {
    try (HssStore store = HssStore.open(StoreConfig.h2File(data))) {
      assertThat(store.count()).isEqualTo(2);

      Subscriber alice = store.find(ALICE).orElseThrow();
      assertThat(alice.auth().k()).isEqualTo("8baf473f2f8fd09487cccbd7097c6862");
      assertThat(alice.auth().opc()).isEqualTo("8e27b6af0e692e750f32667a3b14605d");
      assertThat(alice.auth().password()).isEqualTo("secret");
      assertThat(alice.sqn()).isEqualTo(64);
      assertThat(alice.scscf()).isEqualTo(
          new ServingScscf("sip:scscf." + REALM + ":6060", "scscf." + REALM, REALM));
      assertThat(alice.publicIdentities()).containsExactly(
          new PublicIdentity("sip:alice@" + REALM, false, 1, "voice"),
          new PublicIdentity("tel:+15550001", false, 1, "voice"));
      assertThat(alice.states()).isEqualTo(Map.of(
          "sip:alice@" + REALM, RegistrationState.REGISTERED, "tel:+15550001", RegistrationState.REGISTERED));
      InitialFilterCriterion ifc = alice.serviceProfile("voice").orElseThrow().initialFilterCriteria().get(0);
      assertThat(ifc.priority()).isEqualTo(10);
      assertThat(ifc.applicationServer().serverName()).isEqualTo("sip:as.example.org:5070");
      assertThat(ifc.triggerPoint().spts()).extracting(TriggerPoint.ServicePointTrigger::condition).containsExactly(
          new TriggerPoint.Method("REGISTER"), new TriggerPoint.SipHeader("Event", ".*reg.*"));

      Subscriber bob = store.findByPublicIdentity("sip:bob@" + REALM).orElseThrow();
      assertThat(bob.impi()).isEqualTo(BOB);
      assertThat(bob.auth().op()).isEqualTo("cdc202d5123e20f62b6d676ac72cb318");
      assertThat(bob.auth().opc()).isNull();
      assertThat(bob.sqn()).isZero();
      assertThat(bob.scscf()).isNull();
    }
  }

  @Test
  void theOldFileTakesWritesThatSurviveReopening() {
    try (HssStore store = HssStore.open(StoreConfig.h2File(data))) {
      assertThat(store.issueAuthentication(ALICE, (credentials, last) -> new AuthIssuer.Issued<>(last, last + 32)))
          .contains(64L);
      store.changeRegistration(BOB, current -> new RegistrationChange(
          Map.of("sip:bob@" + REALM, RegistrationState.UNREGISTERED),
          new ServingScscf("sip:scscf." + REALM + ":6060", "scscf." + REALM, REALM)));
      store.insert(org.imscore.hss.testing.Subscribers.simple("carol", "tel:+15550003"));
    }
    try (HssStore reopened = HssStore.open(StoreConfig.h2File(data))) {
      assertThat(reopened.find(ALICE).orElseThrow().sqn()).isEqualTo(96);
      assertThat(reopened.find(BOB).orElseThrow().states())
          .isEqualTo(Map.of("sip:bob@" + REALM, RegistrationState.UNREGISTERED));
      assertThat(reopened.list(0, 10)).extracting(Subscriber::impi)
          .containsExactly(ALICE, BOB, org.imscore.hss.testing.Subscribers.impi("carol"));
      assertThat(reopened.findByPublicIdentity("tel:+15550003")).isPresent();
    }
  }
}
