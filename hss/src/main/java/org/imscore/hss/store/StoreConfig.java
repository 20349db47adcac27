package org.imscore.hss.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the subscriber store lives.
 *
 * @param jdbcUrl {@code jdbc:h2:...} for the embedded database, {@code jdbc:postgresql://...} for
 *     a PostgreSQL server
 * @param user database user (may be empty for H2)
 * @param password database password (may be empty)
 * @param maxConnections size of the connection pool
 * @param readCacheSubscribers how many subscribers the read cache keeps at most (0: none); about 600 B each for a
 *     subscriber with two identities and an empty profile
 * @param sqnSubscribers how many subscribers' last SQN handed out an embedded store keeps in memory at most, so that
 *     their MARs need no write (0: none, every MAR stores its SQN); about 150 B each (see SqnCounters)
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxConnections,
                          int readCacheSubscribers, int sqnSubscribers) {

  /**
   * The read cache's default size. The cache serves the Cx requests one procedure makes in a burst for one
   * subscriber (a registration's four, see SubscriberCache), so it needs room for the subscribers in the middle of
   * a procedure, not for all of them: 4,096 is ample for thousands of registrations a second and bounds the cache
   * at about 2.4 MB, whatever the number of subscribers.
   */
  public static final int DEFAULT_READ_CACHE = 4_096;

  /**
   * How many subscribers' SQNs are kept in memory by default. Unlike the read cache, what this saves lasts from one
   * registration of a subscriber to its next, so it needs room for the subscribers that authenticate within that
   * time: 65,536 is about 10 MB; a subscriber whose SQN was pushed out costs its next MAR one write, as before.
   */
  public static final int DEFAULT_SQN_SUBSCRIBERS = 65_536;

  // Writers queue on a subscriber's row lock; H2's default of one second is short under load. The
  // Cx procedures and provisioning use a score of statements: with H2's default cache of 8 parsed
  // statements per connection they were parsed again on nearly every use (a third of the HSS's CPU
  // under registration load).
  private static final String H2_SETTINGS = ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";

  public StoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "unsupported JDBC URL " + jdbcUrl + ": use jdbc:h2:... or jdbc:postgresql://...");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
    if (readCacheSubscribers < 0) {
      throw new IllegalArgumentException("readCacheSubscribers must not be negative");
    }
    if (sqnSubscribers < 0) {
      throw new IllegalArgumentException("sqnSubscribers must not be negative");
    }
  }

  /** An embedded H2 database in file {@code hss} under {@code dataDirectory}, created on first use. */
  public static StoreConfig h2File(Path dataDirectory) {
    // DB_CLOSE_ON_EXIT=FALSE: the HSS closes the database itself from its shutdown hook, after the
    // Cx server stopped handing out vectors, so H2's own hook must not close it first.
    // WRITE_DELAY=500 (H2's default): a commit does not write the file by itself. HssStore writes it once for
    // every commit made meanwhile (GroupCommit, a CHECKPOINT) and lets no result out before, so a killed process
    // still cannot forget an SQN it handed out, at one file write per group instead of one per commit.
    String url =
        "jdbc:h2:file:" + dataDirectory.toAbsolutePath().normalize().resolve("hss")
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500" + H2_SETTINGS;
    return new StoreConfig(url, "", "", 8, DEFAULT_READ_CACHE, DEFAULT_SQN_SUBSCRIBERS);
  }

  /** A private in-memory H2 database, gone when the store closes: for tests. */
  public static StoreConfig h2InMemory(String name) {
    return new StoreConfig(
        "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_SETTINGS, "", "", 8, DEFAULT_READ_CACHE,
        DEFAULT_SQN_SUBSCRIBERS);
  }

  public static StoreConfig jdbc(String jdbcUrl, String user, String password) {
    return new StoreConfig(jdbcUrl, user, password, 8, DEFAULT_READ_CACHE, DEFAULT_SQN_SUBSCRIBERS);
  }

  /** The same store with a read cache of at most {@code subscribers} subscribers (0 turns it off). */
  public StoreConfig withReadCache(int subscribers) {
    return new StoreConfig(jdbcUrl, user, password, maxConnections, subscribers, sqnSubscribers);
  }

  /**
   * The same store keeping at most {@code subscribers} subscribers' last SQN in memory (0: none, every MAR writes).
   * Only an embedded H2 keeps any: a shared database may have other writers.
   */
  public StoreConfig withSqnSubscribers(int subscribers) {
    return new StoreConfig(jdbcUrl, user, password, maxConnections, readCacheSubscribers, subscribers);
  }

  boolean isH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  /**
   * H2 opened inside this process (a file or memory, not a {@code tcp:}/{@code ssl:} server that other processes
   * may use too): nothing but this store writes it, so a lock in this process serialises its writers.
   */
  boolean isEmbeddedH2() {
    return isH2() && !jdbcUrl.startsWith("jdbc:h2:tcp:") && !jdbcUrl.startsWith("jdbc:h2:ssl:");
  }

  /** An H2 database with a file (not {@code mem:}): its commits reach the file by a CHECKPOINT, see GroupCommit. */
  boolean writesFileOnCheckpoint() {
    return isH2() && !jdbcUrl.startsWith("jdbc:h2:mem:");
  }
}
