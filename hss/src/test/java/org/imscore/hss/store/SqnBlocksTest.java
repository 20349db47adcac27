package org.imscore.hss.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.SqnWrites;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQN_HE reserved in blocks ({@link HssStore#authenticate}): the database holds a mark, memory the last SQN handed
 * out; SQNs under the mark cost no write, SQNs past it are handed out only once a new mark is stored, and nothing
 * ever hands out an SQN that was handed out before - across threads, provisioning changes and restarts.
 */
class SqnBlocksTest {

  /** One vector step of SQN with a 5-bit IND held at 0, as MultimediaAuth makes them. */
  private static final long STEP = 32;
  private static final long BLOCK = 32;

  private final SubscriberSpec alice = Subscribers.simple("alice", "tel:+15550001");
  private StoreConfig config;
  private HssStore store;
  private AtomicInteger writes;

  @BeforeEach
  void open() {
    config = StoreConfig.h2InMemory("sqn-" + UUID.randomUUID());
    store = HssStore.open(config);
    store.insert(alice);
    writes = SqnWrites.countIn(config.jdbcUrl());
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** One vector after the last SQN, reserving {@link #BLOCK} more vectors' SQNs when it passes the mark. */
  private static AuthIssuer<Long> oneVector() {
    return (auth, last) -> new AuthIssuer.Issued<>(last + STEP, last + STEP, last + STEP * (1 + BLOCK), false, null);
  }

  private static long issue(HssStore store, String impi) {
    return store.issueAuthentication(impi, oneVector()).orElseThrow();
  }

  private long issue() {
    return issue(store, alice.impi());
  }

  private long stored(HssStore in) {
    return in.find(alice.impi()).orElseThrow().sqn();
  }

  @Test
  void theFirstMarStoresABlockAndTheMarsWithinItWriteNothing() {
    assertThat(issue()).isEqualTo(STEP);
    assertThat(writes).hasValue(1);
    assertThat(stored(store)).isEqualTo(STEP * (1 + BLOCK));

    List<Long> within = new ArrayList<>();
    for (int i = 0; i < BLOCK; i++) {
      within.add(issue());
    }

    assertThat(within).first().isEqualTo(2 * STEP);
    assertThat(within).last().isEqualTo(STEP * (1 + BLOCK));
    assertThat(writes).as("no SQN written within the block").hasValue(1);
    assertThat(stored(store)).isEqualTo(STEP * (1 + BLOCK));
  }

  @Test
  void aMarThatPassesTheMarkStoresTheNextBlockBeforeItReturns() {
    for (int i = 0; i <= BLOCK; i++) {
      issue();
    }
    assertThat(writes).hasValue(1);

    long past = issue();

    assertThat(past).isEqualTo(STEP * (2 + BLOCK));
    assertThat(writes).hasValue(2);
    assertThat(stored(store)).isEqualTo(past + STEP * BLOCK);
  }

  /**
   * A new mark is committed before the SQNs above the old one are returned, but SQNs are taken from memory under it
   * only once the file holds it: with a deferred group commit, not before the deferred work's durability.
   */
  @Test
  void theNewMarkServesMarsFromMemoryOnlyOnceItIsDurable() throws Exception {
    issue();

    CompletableFuture<Long> deferred = store.deferDurability(() -> {
      long first = issue(); // within the block: from memory
      for (int i = 1; i < BLOCK; i++) {
        issue();
      }
      long past = issue(); // past the mark: stores a new one, not yet known to be in the file
      assertThat(store.fromCache(() -> issue())).as("taken from memory under a mark not durable yet").isEmpty();
      return past - first;
    });

    assertThat(deferred.get(5, TimeUnit.SECONDS)).isEqualTo(STEP * BLOCK);
    assertThat(writes).hasValue(2);
    assertThat(store.fromCache(() -> issue())).contains(STEP * (3 + BLOCK));
    assertThat(writes).hasValue(2);
  }

  @Test
  void afterARestartTheSqnsStartAboveEverySqnHandedOutBefore(@TempDir Path data) {
    StoreConfig file = StoreConfig.h2File(data);
    List<Long> before = new ArrayList<>();
    try (HssStore first = HssStore.open(file)) {
      first.insert(alice);
      for (int i = 0; i < 5; i++) {
        before.add(issue(first, alice.impi()));
      }
    }

    try (HssStore reopened = HssStore.open(file)) {
      AtomicInteger writesAfter = SqnWrites.countIn(file.jdbcUrl());
      long mark = stored(reopened);
      long next = issue(reopened, alice.impi());

      assertThat(next).isGreaterThan(before.stream().mapToLong(Long::longValue).max().orElseThrow());
      assertThat(next).as("the mark, then one step").isEqualTo(mark + STEP);
      assertThat(writesAfter).as("a new block first").hasValue(1);
      assertThat(stored(reopened)).isEqualTo(next + STEP * BLOCK);
    }
  }

  /**
   * MARs of one subscriber on many threads at once, half of them first trying the read cache alone as the Diameter
   * event loop does and the rest on a worker's path.
   */
  @Test
  void concurrentMarsGetDistinctRisingSqns() throws Exception {
    issue(); // reads alice into the cache, and a first block
    int threads = 8;
    int perThread = 150;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean loopFirst = t % 2 == 0;
      results.add(pool.submit(() -> {
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          Optional<Long> fromCache = loopFirst ? store.fromCache(this::issue) : Optional.empty();
          seen.add(fromCache.orElseGet(this::issue));
        }
        return seen;
      }));
    }
    Set<Long> all = new HashSet<>();
    long highest = 0;
    for (Future<List<Long>> result : results) {
      List<Long> seen = result.get(30, TimeUnit.SECONDS);
      assertThat(seen).as("each thread's SQNs rise").isSorted().doesNotHaveDuplicates();
      all.addAll(seen);
      highest = Math.max(highest, seen.get(seen.size() - 1));
    }
    pool.shutdown();

    int count = threads * perThread;
    assertThat(all).as("no SQN handed out twice").hasSize(count);
    assertThat(highest).isEqualTo(STEP * (1 + count));
    assertThat(stored(store)).isGreaterThanOrEqualTo(highest);
    assertThat(writes.get()).as("about one write per block").isLessThanOrEqualTo(2 * (count + 1) / (int) BLOCK + 2);
  }

  @Test
  void aProvisionedSqnWinsOverTheOneKeptInMemory() {
    issue();
    issue();
    issue();

    store.update(alice.impi(), current -> new SubscriberSpec(current.impi(), current.auth(), 20 * STEP,
        current.publicIdentities(), current.serviceProfiles()));

    assertThat(issue()).as("from the provisioned SQN, not from the 3 kept in memory").isEqualTo(21 * STEP);
    assertThat(stored(store)).isEqualTo(STEP * (21 + BLOCK));
  }

  @Test
  void aResynchronisationIsStoredAndTheNextMarsContinueFromItWithoutWrites() {
    for (int i = 0; i < 10; i++) {
      issue();
    }
    assertThat(writes).hasValue(1);

    long resynchronised = store.issueAuthentication(alice.impi(),
        (auth, last) -> new AuthIssuer.Issued<>(5 * STEP, 5 * STEP, STEP * (5 + BLOCK), true, null)).orElseThrow();

    assertThat(resynchronised).isEqualTo(5 * STEP);
    assertThat(writes).as("a resynchronisation is stored").hasValue(2);
    assertThat(stored(store)).isEqualTo(STEP * (5 + BLOCK));
    assertThat(issue()).isEqualTo(6 * STEP);
    assertThat(issue()).isEqualTo(7 * STEP);
    assertThat(writes).hasValue(2);
  }

  @Test
  void anIssuerThatTakesNothingWritesNothing() {
    issue();

    assertThat(store.issueAuthentication(alice.impi(), (auth, last) -> new AuthIssuer.Issued<>(last, last)))
        .contains(STEP);
    store.close();
    store = HssStore.open(config);

    assertThat(store.issueAuthentication(alice.impi(), (auth, last) -> new AuthIssuer.Issued<>(last, last)))
        .as("no SQN is known after a restart: the stored mark").contains(STEP * (1 + BLOCK));
    assertThat(writes).hasValue(1);
  }

  @Test
  void withoutSqnsInMemoryEveryMarStoresExactlyTheSqnsItTook() {
    try (HssStore plain = HssStore.open(StoreConfig.h2InMemory("plain-" + UUID.randomUUID()).withSqnSubscribers(0))) {
      plain.insert(alice);

      assertThat(issue(plain, alice.impi())).isEqualTo(STEP);
      assertThat(stored(plain)).isEqualTo(STEP);
      assertThat(issue(plain, alice.impi())).isEqualTo(2 * STEP);
      assertThat(stored(plain)).isEqualTo(2 * STEP);
      assertThat(plain.fromCache(() -> issue(plain, alice.impi()))).isEmpty();
    }
  }
}
