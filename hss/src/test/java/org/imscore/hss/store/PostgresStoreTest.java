package org.imscore.hss.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.ServingScscf;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same migrations and SQL on a real PostgreSQL server: a throw-away cluster made with the
 * machine's initdb and pg_ctl on a free loopback port. Skipped where PostgreSQL is not installed
 * (Debian package {@code postgresql}).
 */
class PostgresStoreTest {

  private static Path bin;
  private static Path cluster;
  private static int port;
  private static boolean asPostgresUser;

  @BeforeAll
  static void startPostgres() throws Exception {
    bin = findBin().orElse(null);
    Assumptions.assumeTrue(bin != null, "PostgreSQL (initdb, pg_ctl) is not installed");
    // initdb refuses to run as root; the Debian package brings a postgres user for that.
    asPostgresUser = "root".equals(System.getProperty("user.name"));
    cluster = Files.createTempDirectory("imscore-pg");
    if (asPostgresUser) {
      run("chown", "postgres", cluster.toString());
    }
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path data = cluster.resolve("data");
    runAsPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "imscore", "-A", "trust", "-E", "UTF8");
    runAsPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", cluster.resolve("log").toString(),
        "-o", "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (cluster == null) {
      return;
    }
    try {
      runAsPostgres(bin.resolve("pg_ctl").toString(), "-D", cluster.resolve("data").toString(), "-m", "immediate", "stop");
    } finally {
      try (Stream<Path> files = Files.walk(cluster)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Optional<Path> findBin() throws IOException {
    Path debian = Paths.get("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Optional<Path> found =
            versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(Comparator.naturalOrder());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static void runAsPostgres(String... command) throws Exception {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    run(full.toArray(String[]::new));
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private HssStore open(String database) throws Exception {
    // A database per test keeps them apart; CREATE DATABASE through the default one.
    try (var c = java.sql.DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "imscore", "");
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    return HssStore.open(StoreConfig.jdbc("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "imscore", ""));
  }

  @Test
  void migrationsRunAndSubscribersRoundTrip() throws Exception {
    try (HssStore store = open("roundtrip")) {
      SubscriberSpec spec = Subscribers.rich("alice");
      Subscriber inserted = store.insert(spec);
      assertThat(inserted.spec()).isEqualTo(spec);
      assertThat(store.findByPublicIdentity(spec.publicIdentities().get(2).uri())).contains(inserted);

      store.changeRegistration(spec.impi(), s -> new RegistrationChange(
          Map.of(spec.publicIdentities().get(0).uri(), RegistrationState.REGISTERED),
          new ServingScscf("sip:scscf.example.org", "scscf.example.org", "example.org")));
      Subscriber updated = store.update(spec.impi(), s -> s.spec()).orElseThrow();
      assertThat(updated.stateOf(spec.publicIdentities().get(0).uri())).isEqualTo(RegistrationState.REGISTERED);
      assertThat(updated.scscf().diameterHost()).isEqualTo("scscf.example.org");

      assertThatThrownBy(() -> store.insert(Subscribers.rich("alice"))).isInstanceOf(DuplicateIdentityException.class);
      assertThat(store.list(0, 10)).hasSize(1);
      assertThat(store.delete(spec.impi())).isPresent();
      assertThat(store.count()).isZero();
    }
    // Reopening runs Flyway again over a migrated schema.
    try (HssStore again = HssStore.open(StoreConfig.jdbc("jdbc:postgresql://127.0.0.1:" + port + "/roundtrip", "imscore", ""))) {
      assertThat(again.count()).isZero();
    }
  }

  @Test
  void aBatchTakesItsGeneratedIdsInOrder() throws Exception {
    try (HssStore store = open("batch")) {
      List<SubscriberSpec> batch = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        batch.add(Subscribers.simple("bulk" + i, "tel:+1555200" + i));
      }
      batch.add(Subscribers.rich("richbulk"));

      store.insertAll(batch);

      assertThat(store.count()).isEqualTo(batch.size());
      for (SubscriberSpec spec : batch) {
        assertThat(store.find(spec.impi()).orElseThrow().spec()).isEqualTo(spec);
      }
      assertThatThrownBy(() -> store.insertAll(List.of(Subscribers.simple("late", "tel:+15552000"))))
          .isInstanceOf(DuplicateIdentityException.class);
      assertThat(store.count()).isEqualTo(batch.size());
    }
  }

  @Test
  void concurrentVectorRequestsNeverShareAnSqn() throws Exception {
    try (HssStore store = open("sqn")) {
      SubscriberSpec spec = Subscribers.simple("bob", "tel:+15550002");
      store.insert(spec);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        results.add(pool.submit(() -> {
          List<Long> seen = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            seen.add(store.issueAuthentication(spec.impi(), (a, last) -> new AuthIssuer.Issued<>(last + 32, last + 32))
                .orElseThrow());
          }
          return seen;
        }));
      }
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> r : results) {
        all.addAll(r.get());
      }
      pool.shutdown();
      assertThat(all).hasSize(120);
      assertThat(store.find(spec.impi()).orElseThrow().sqn()).isEqualTo(120 * 32);
    }
  }
}
