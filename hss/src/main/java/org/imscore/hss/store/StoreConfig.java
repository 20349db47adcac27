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
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxConnections) {

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
  }

  /** An embedded H2 database in file {@code hss} under {@code dataDirectory}, created on first use. */
  public static StoreConfig h2File(Path dataDirectory) {
    // DB_CLOSE_ON_EXIT=FALSE: the HSS closes the database itself from its shutdown hook, after the
    // Cx server stopped handing out vectors, so H2's own hook must not close it first.
    // WRITE_DELAY=0: a commit reaches the file before the answer leaves (H2 otherwise batches
    // commits for up to half a second), so a killed process cannot forget an SQN it handed out.
    String url =
        "jdbc:h2:file:" + dataDirectory.toAbsolutePath().normalize().resolve("hss")
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" + H2_SETTINGS;
    return new StoreConfig(url, "", "", 8);
  }

  /** A private in-memory H2 database, gone when the store closes: for tests. */
  public static StoreConfig h2InMemory(String name) {
    return new StoreConfig("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_SETTINGS, "", "", 8);
  }

  public static StoreConfig jdbc(String jdbcUrl, String user, String password) {
    return new StoreConfig(jdbcUrl, user, password, 8);
  }

  boolean isH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }
}
