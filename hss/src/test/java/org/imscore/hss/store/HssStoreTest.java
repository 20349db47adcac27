package org.imscore.hss.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HssStoreTest {

  private HssStore store;

  @BeforeEach
  void open() {
    store = HssStore.open(StoreConfig.h2InMemory("store-" + UUID.randomUUID()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aSubscriberWithProfilesAndCriteriaReadsBackAsWritten() {
    SubscriberSpec spec = Subscribers.rich("alice");

    Subscriber inserted = store.insert(spec);

    assertThat(inserted.spec()).isEqualTo(spec);
    assertThat(store.find(spec.impi())).contains(inserted);
    assertThat(inserted.states().values()).containsOnly(RegistrationState.NOT_REGISTERED);
    assertThat(inserted.scscfName()).isNull();
  }

  @Test
  void aSubscriberIsFoundByAnyOfItsPublicIdentities() {
    SubscriberSpec spec = Subscribers.rich("bob");
    store.insert(spec);

    for (PublicIdentity identity : spec.publicIdentities()) {
      assertThat(store.findByPublicIdentity(identity.uri()).map(Subscriber::impi))
          .contains(spec.impi());
    }
    assertThat(store.findByPublicIdentity("sip:nobody@example.org")).isEmpty();
    assertThat(store.find("nobody@example.org")).isEmpty();
  }

  @Test
  void aDuplicateImpiOrImpuIsRefusedAndNothingIsWritten() {
    store.insert(Subscribers.simple("carol", "tel:+15550001"));

    assertThatThrownBy(() -> store.insert(Subscribers.simple("carol", "tel:+15550002")))
        .isInstanceOf(DuplicateIdentityException.class)
        .hasMessageContaining(Subscribers.impi("carol"));
    SubscriberSpec sharesTel = Subscribers.simple("dave", "tel:+15550001");
    assertThatThrownBy(() -> store.insert(sharesTel))
        .isInstanceOf(DuplicateIdentityException.class)
        .hasMessageContaining("tel:+15550001");

    assertThat(store.find(sharesTel.impi())).isEmpty();
    assertThat(store.findByPublicIdentity("tel:+15550002")).isEmpty();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void aBatchIsWrittenInOneGoAndReadsBackAsGiven() {
    List<SubscriberSpec> batch = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      batch.add(Subscribers.simple("bulk" + i, "tel:+1555100" + i));
    }
    batch.add(Subscribers.rich("richbulk"));

    store.insertAll(batch);

    assertThat(store.count()).isEqualTo(batch.size());
    for (SubscriberSpec spec : batch) {
      Subscriber read = store.find(spec.impi()).orElseThrow();
      assertThat(read.spec()).isEqualTo(spec);
      assertThat(read.states().values()).containsOnly(RegistrationState.NOT_REGISTERED);
    }
    assertThat(store.findByPublicIdentity("tel:+1555100249").map(Subscriber::impi))
        .contains(Subscribers.impi("bulk249"));
  }

  @Test
  void aBatchWithAnIdentityAlreadyProvisionedWritesNothing() {
    store.insert(Subscribers.simple("taken", "tel:+15550009"));
    List<SubscriberSpec> batch =
        List.of(Subscribers.simple("fresh1", "tel:+15550010"), Subscribers.simple("fresh2", "tel:+15550009"));

    assertThat(store.provisioned(List.of(Subscribers.impi("fresh1"), Subscribers.impi("taken")),
        List.of("tel:+15550009", "tel:+15550010")))
        .containsExactlyInAnyOrder(Subscribers.impi("taken"), "tel:+15550009");
    assertThatThrownBy(() -> store.insertAll(batch))
        .isInstanceOf(DuplicateIdentityException.class)
        .hasMessageContaining("tel:+15550009");
    assertThat(store.find(Subscribers.impi("fresh1"))).isEmpty();
    assertThat(store.count()).isEqualTo(1);
  }

  @Test
  void anUpdateKeepsRegistrationStateOfIdentitiesThatStay() {
    SubscriberSpec spec = Subscribers.simple("erin", "tel:+15550003");
    store.insert(spec);
    store.changeRegistration(
        spec.impi(),
        s -> new RegistrationChange(
            Map.of(Subscribers.sip("erin"), RegistrationState.REGISTERED,
                "tel:+15550003", RegistrationState.REGISTERED),
            new org.imscore.hss.subscriber.ServingScscf("sip:scscf.example.org:6060", "scscf.example.org", "example.org")));

    Subscriber updated =
        store.update(
                spec.impi(),
                current ->
                    new SubscriberSpec(
                        spec.impi(),
                        spec.auth(),
                        current.sqn(),
                        List.of(
                            spec.publicIdentities().get(0),
                            new PublicIdentity("tel:+15550004", false, 1, "default")),
                        spec.serviceProfiles()))
            .orElseThrow();

    assertThat(updated.stateOf(Subscribers.sip("erin"))).isEqualTo(RegistrationState.REGISTERED);
    assertThat(updated.stateOf("tel:+15550004")).isEqualTo(RegistrationState.NOT_REGISTERED);
    assertThat(updated.publicIdentity("tel:+15550003")).isEmpty();
    assertThat(updated.scscfName()).isEqualTo("sip:scscf.example.org:6060");
    assertThat(store.findByPublicIdentity("tel:+15550003")).isEmpty();
  }

  @Test
  void aFailingUpdateRollsBackEverything() {
    SubscriberSpec spec = Subscribers.rich("frank");
    Subscriber before = store.insert(spec);
    store.insert(Subscribers.simple("grace", "tel:+15550005"));

    assertThatThrownBy(
            () ->
                store.update(
                    spec.impi(),
                    current ->
                        new SubscriberSpec(
                            spec.impi(),
                            spec.auth(),
                            999,
                            List.of(new PublicIdentity("tel:+15550005", false, 1, "default")),
                            spec.serviceProfiles())))
        .isInstanceOf(DuplicateIdentityException.class);

    assertThat(store.find(spec.impi())).contains(before);
  }

  @Test
  void deletingRemovesTheSubscriberAndFreesItsIdentities() {
    SubscriberSpec spec = Subscribers.rich("heidi");
    Subscriber inserted = store.insert(spec);

    assertThat(store.delete(spec.impi())).contains(inserted);
    assertThat(store.delete(spec.impi())).isEmpty();
    assertThat(store.find(spec.impi())).isEmpty();
    assertThat(store.findByPublicIdentity(spec.publicIdentities().get(0).uri())).isEmpty();
    store.insert(spec);
    assertThat(store.find(spec.impi())).isPresent();
  }

  @Test
  void listingPagesInImpiOrder() {
    for (int i = 0; i < 7; i++) {
      store.insert(Subscribers.simple("user" + i, "tel:+1555010" + i));
    }

    assertThat(store.count()).isEqualTo(7);
    assertThat(store.list(0, 3)).extracting(Subscriber::impi)
        .containsExactly(Subscribers.impi("user0"), Subscribers.impi("user1"), Subscribers.impi("user2"));
    assertThat(store.list(6, 3)).extracting(Subscriber::impi).containsExactly(Subscribers.impi("user6"));
    assertThat(store.list(7, 3)).isEmpty();
  }

  @Test
  void concurrentVectorRequestsNeverShareAnSqn() throws Exception {
    concurrentVectorRequestsNeverShareAnSqn(store);
  }

  /** The same on a file: commits written in groups, the subscriber's lock held in this process. */
  @Test
  void concurrentVectorRequestsOnAFileStoreNeverShareAnSqn(@TempDir Path data) throws Exception {
    try (HssStore file = HssStore.open(StoreConfig.h2File(data))) {
      concurrentVectorRequestsNeverShareAnSqn(file);
    }
  }

  /** Without the read cache, a writer reads the subscriber from the database under its lock. */
  @Test
  void concurrentVectorRequestsWithoutTheReadCacheNeverShareAnSqn() throws Exception {
    try (HssStore uncached =
        HssStore.open(StoreConfig.h2InMemory("uncached-" + UUID.randomUUID()).withReadCache(0))) {
      concurrentVectorRequestsNeverShareAnSqn(uncached);
    }
  }

  private static void concurrentVectorRequestsNeverShareAnSqn(HssStore store) throws Exception {
    SubscriberSpec spec = Subscribers.simple("ivan", "tel:+15550006");
    store.insert(spec);
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      results.add(
          pool.submit(
              () -> {
                List<Long> seen = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                  // Two vectors per request, 32 apart, like an IND of 5 bits held constant.
                  seen.addAll(
                      store
                          .issueAuthentication(
                              spec.impi(),
                              (auth, last) ->
                                  new AuthIssuer.Issued<>(List.of(last + 32, last + 64), last + 64))
                          .orElseThrow());
                }
                return seen;
              }));
    }
    Set<Long> all = new HashSet<>();
    int count = 0;
    for (Future<List<Long>> result : results) {
      List<Long> sqns = result.get();
      count += sqns.size();
      all.addAll(sqns);
    }
    pool.shutdown();

    assertThat(count).isEqualTo(threads * perThread * 2);
    assertThat(all).hasSize(count);
    assertThat(store.find(spec.impi()).orElseThrow().sqn()).isEqualTo(32L * count);
  }

  @Test
  void anIssuerThatFailsLeavesTheSqnAlone() {
    SubscriberSpec spec = Subscribers.simple("judy", "tel:+15550007");
    store.insert(spec);

    assertThatThrownBy(
            () ->
                store.issueAuthentication(
                    spec.impi(),
                    (auth, last) -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(store.find(spec.impi()).orElseThrow().sqn()).isZero();
    assertThat(store.issueAuthentication("nobody@example.org", (a, l) -> new AuthIssuer.Issued<>(1, l)))
        .isEmpty();
  }

  @Test
  void vectorsAndTheAssignmentTheyBringAreStoredInOneTransaction() {
    SubscriberSpec spec = Subscribers.simple("lena", "tel:+15550009");
    store.insert(spec);
    ServingScscf scscf = new ServingScscf("sip:scscf.example.org:6060", "scscf.example.org", "example.org");

    Optional<String> issued =
        store.authenticate(
            spec.impi(),
            (current, last) -> new AuthIssuer.Issued<>("vector for " + current.impi(), last + 32,
                new RegistrationChange(Map.of(), scscf)));

    assertThat(issued).contains("vector for " + spec.impi());
    Subscriber after = store.find(spec.impi()).orElseThrow();
    assertThat(after.sqn()).isEqualTo(32);
    assertThat(after.scscf()).isEqualTo(scscf);
    assertThatThrownBy(
            () ->
                store.authenticate(
                    spec.impi(),
                    (current, last) -> {
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(store.find(spec.impi()).orElseThrow()).isEqualTo(after);
    assertThat(store.authenticate("nobody@example.org", (c, last) -> new AuthIssuer.Issued<>(1, last))).isEmpty();
  }

  @Test
  void aRegistrationChangeReturnsTheSubscriberAfterItAndIgnoresIdentitiesNotTheirs() {
    SubscriberSpec spec = Subscribers.simple("mona", "tel:+15550010");
    store.insert(spec);
    ServingScscf scscf = new ServingScscf("sip:scscf.example.org:6060", "scscf.example.org", "example.org");
    RegistrationChange register =
        new RegistrationChange(
            Map.of(Subscribers.sip("mona"), RegistrationState.REGISTERED,
                "sip:somebody-else@example.org", RegistrationState.REGISTERED),
            scscf);

    Subscriber changed = store.changeRegistration(spec.impi(), s -> register).orElseThrow();
    Subscriber again = store.changeRegistration(spec.impi(), s -> register).orElseThrow();

    assertThat(changed).isEqualTo(store.find(spec.impi()).orElseThrow());
    assertThat(changed.stateOf(Subscribers.sip("mona"))).isEqualTo(RegistrationState.REGISTERED);
    assertThat(changed.stateOf("tel:+15550010")).isEqualTo(RegistrationState.NOT_REGISTERED);
    assertThat(changed.states()).doesNotContainKey("sip:somebody-else@example.org");
    assertThat(again).isEqualTo(changed);
  }

  @Test
  void theSqnSurvivesClosingAndReopeningAFileDatabase(@TempDir Path data) {
    SubscriberSpec spec = Subscribers.simple("kim", "tel:+15550008");
    try (HssStore file = HssStore.open(StoreConfig.h2File(data))) {
      file.insert(spec);
      file.issueAuthentication(spec.impi(), (auth, last) -> new AuthIssuer.Issued<>(last + 32, last + 32));
    }
    try (HssStore reopened = HssStore.open(StoreConfig.h2File(data))) {
      assertThat(reopened.find(spec.impi()).orElseThrow().sqn()).isEqualTo(32);
    }
  }

  /**
   * What a crash leaves is what is in the file: a copy of it, taken while the store is still open, must hold the
   * SQN of every vector handed out (TS 33.102 Annex C), although H2 writes commits to the file only in groups.
   */
  @Test
  void anSqnHandedOutIsInTheFileBeforeTheVectorsAreReturned(@TempDir Path data, @TempDir Path crashed)
      throws Exception {
    SubscriberSpec spec = Subscribers.simple("lee", "tel:+15550009");
    try (HssStore file = HssStore.open(StoreConfig.h2File(data))) {
      file.insert(spec);
      assertThat(file.issueAuthentication(spec.impi(), (auth, last) -> new AuthIssuer.Issued<>("v1", last + 32)))
          .contains("v1");
      copyFile(data, crashed);
      CompletableFuture<Optional<String>> deferred =
          file.deferDurability(
              () -> file.issueAuthentication(spec.impi(), (auth, last) -> new AuthIssuer.Issued<>("v2", last + 32)));
      assertThat(deferred.get(5, TimeUnit.SECONDS)).contains("v2");
      copyFile(data, crashed.resolve("second"));
    }
    try (HssStore afterFirst = HssStore.open(StoreConfig.h2File(crashed));
        HssStore afterSecond = HssStore.open(StoreConfig.h2File(crashed.resolve("second")))) {
      assertThat(afterFirst.find(spec.impi()).orElseThrow().sqn()).isEqualTo(32);
      assertThat(afterSecond.find(spec.impi()).orElseThrow().sqn()).isEqualTo(64);
    }
  }

  @Test
  void workThatWritesNothingIsNotHeldForTheFile() {
    SubscriberSpec spec = Subscribers.simple("max", "tel:+15550011");
    store.insert(spec);

    CompletableFuture<Optional<Subscriber>> read = store.deferDurability(() -> store.find(spec.impi()));

    assertThat(read).isCompleted();
    assertThat(read.join()).isPresent();
  }

  private static void copyFile(Path dataDirectory, Path into) throws java.io.IOException {
    java.nio.file.Files.createDirectories(into);
    java.nio.file.Files.copy(dataDirectory.resolve("hss.mv.db"), into.resolve("hss.mv.db"));
  }
}
