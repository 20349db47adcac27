package org.imscore.hss.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber store: plain JDBC over a small connection pool, schema kept by Flyway
 * ({@code db/migration}, the same scripts on H2 and PostgreSQL). Every public method is one
 * transaction; writers lock the subscription row first ({@code SELECT ... FOR UPDATE}) so that
 * concurrent Cx requests and provisioning changes on one subscriber are serialised.
 */
public final class HssStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HssStore.class);
  private static final String UNIQUE_VIOLATION = "23505";

  private final HikariDataSource pool;
  private final String description;

  private HssStore(HikariDataSource pool, String description) {
    this.pool = pool;
    this.description = description;
  }

  /** Opens the database, creating or migrating its schema. */
  public static HssStore open(StoreConfig config) {
    DataSource source;
    if (config.isH2()) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(config.jdbcUrl());
      h2.setUser(config.user());
      h2.setPassword(config.password());
      source = h2;
    } else {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(config.jdbcUrl());
      pg.setUser(config.user());
      pg.setPassword(config.password());
      source = pg;
    }
    String description = config.jdbcUrl().replaceAll(";.*", "");
    // A fixed set of sessions kept open: each keeps its parsed statements (H2's query cache, PostgreSQL's
    // server-side prepared statements) from one Cx request to the next.
    HikariConfig pooling = new HikariConfig();
    pooling.setDataSource(source);
    pooling.setPoolName("hss-store");
    pooling.setMaximumPoolSize(config.maxConnections());
    pooling.setMinimumIdle(config.maxConnections());
    pooling.setConnectionTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(pooling);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the subscriber store at " + description + ": " + e.getMessage(), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException("cannot open the subscriber store at " + description, e);
    }
    log.info("subscriber store open at {}", description);
    return new HssStore(pool, description);
  }

  public Optional<Subscriber> find(String impi) {
    return read(c -> SubscriberReads.load(c, impi, false));
  }

  public Optional<Subscriber> findByPublicIdentity(String impu) {
    return read(
        c -> {
          Optional<String> impi = SubscriberRows.impiOf(c, impu);
          return impi.isEmpty() ? Optional.empty() : SubscriberReads.load(c, impi.get(), false);
        });
  }

  /** Subscribers ordered by IMPI. */
  public List<Subscriber> list(int offset, int limit) {
    return read(
        c -> {
          List<String> impis = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT impi FROM subscription ORDER BY impi LIMIT ? OFFSET ?")) {
            s.setInt(1, limit);
            s.setInt(2, offset);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                impis.add(r.getString(1));
              }
            }
          }
          List<Subscriber> page = new ArrayList<>();
          for (String impi : impis) {
            SubscriberReads.load(c, impi, false).ifPresent(page::add);
          }
          return page;
        });
  }

  public long count() {
    return read(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM subscription");
              ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  /**
   * Creates a subscriber.
   *
   * @throws DuplicateIdentityException when its IMPI or one of its IMPUs is already provisioned
   */
  public Subscriber insert(SubscriberSpec spec) {
    return write(
        c -> {
          if (SubscriberRows.exists(c, spec.impi())) {
            throw new DuplicateIdentityException(spec.impi());
          }
          SubscriberRows.checkImpusFree(c, spec, -1);
          long id = SubscriberRows.insertSubscription(c, spec);
          SubscriberRows.insertProfilesAndIdentities(c, id, spec, Map.of());
          return SubscriberReads.load(c, spec.impi(), false).orElseThrow();
        });
  }

  /**
   * Creates many subscribers in one transaction, written with JDBC batches (a few statements per
   * batch instead of several per subscriber): all of them or, on any failure, none.
   *
   * @throws DuplicateIdentityException when an IMPI or IMPU of them is already provisioned (the
   *     caller checks the batch itself for identities given twice)
   */
  public void insertAll(List<SubscriberSpec> specs) {
    if (specs.isEmpty()) {
      return;
    }
    write(
        c -> {
          Set<String> impis = new HashSet<>();
          Set<String> impus = new HashSet<>();
          for (SubscriberSpec spec : specs) {
            impis.add(spec.impi());
            spec.publicIdentities().forEach(p -> impus.add(p.uri()));
          }
          Set<String> taken = SubscriberRows.provisioned(c, impis, impus);
          if (!taken.isEmpty()) {
            throw new DuplicateIdentityException(taken.iterator().next());
          }
          SubscriberRows.insertAll(c, specs);
          return null;
        });
  }

  /** Which of these IMPIs and IMPUs are provisioned already. */
  public Set<String> provisioned(Collection<String> impis, Collection<String> impus) {
    return read(c -> SubscriberRows.provisioned(c, impis, impus));
  }

  /**
   * Replaces a subscriber's provisioned data with what {@code change} computes from the current
   * subscriber, under the row lock. Registration states of identities that stay are kept, as are
   * the assigned S-CSCF and (unless the new spec says otherwise) the SQN. Anything {@code change}
   * throws rolls the transaction back.
   *
   * @return the subscriber after the change, empty when the IMPI is unknown
   */
  public Optional<Subscriber> update(String impi, Function<Subscriber, SubscriberSpec> change) {
    return write(
        c -> {
          Optional<Subscriber> current = SubscriberReads.load(c, impi, true);
          if (current.isEmpty()) {
            return Optional.empty();
          }
          SubscriberSpec spec = change.apply(current.get());
          if (!spec.impi().equals(impi)) {
            throw new IllegalArgumentException("the IMPI of a subscriber cannot change");
          }
          long id = SubscriberRows.idOf(c, impi);
          SubscriberRows.checkImpusFree(c, spec, id);
          SubscriberRows.updateSubscription(c, id, spec);
          SubscriberRows.deleteProfilesAndIdentities(c, id);
          SubscriberRows.insertProfilesAndIdentities(c, id, spec, current.get().states());
          return SubscriberReads.load(c, impi, false);
        });
  }

  /** Deletes a subscriber; returns what was deleted, empty when the IMPI is unknown. */
  public Optional<Subscriber> delete(String impi) {
    return write(
        c -> {
          Optional<Subscriber> current = SubscriberReads.load(c, impi, true);
          if (current.isPresent()) {
            try (PreparedStatement s =
                c.prepareStatement("DELETE FROM subscription WHERE impi = ?")) {
              s.setString(1, impi);
              s.executeUpdate();
            }
          }
          return current;
        });
  }

  /**
   * Hands out authentication material: locks the subscriber, lets {@code issuer} compute vectors
   * from the credentials and SQN_HE, stores the SQN it used and commits, and only then returns the
   * material. A vector is never returned whose SQN was not durably stored first, so a crash cannot
   * make the HSS reuse an SQN (TS 33.102 §6.3.2 and Annex C).
   *
   * @return the material, empty when the IMPI is unknown
   */
  public <T> Optional<T> issueAuthentication(String impi, AuthIssuer<T> issuer) {
    return authenticate(impi, current -> issuer.issue(current.auth(), current.sqn()));
  }

  /**
   * {@link #issueAuthentication} with the whole subscriber at hand, and the registration change that goes with
   * the material (the S-CSCF a MAR assigns, TS 29.228 §6.3) in the same transaction, so one commit stores both.
   * {@code work} runs under the row lock; its SQN is stored, then its registration change (when not null).
   *
   * @return the material, empty when the IMPI is unknown
   */
  public <T> Optional<T> authenticate(String impi, Function<Subscriber, AuthIssuer.Issued<T>> work) {
    return write(
        c -> {
          Optional<SubscriberReads.Loaded> current = SubscriberReads.loadWithId(c, impi, true);
          if (current.isEmpty()) {
            return Optional.empty();
          }
          Subscriber subscriber = current.get().subscriber();
          AuthIssuer.Issued<T> issued = work.apply(subscriber);
          if (issued.sqn() != subscriber.sqn()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE subscription SET sqn = ? WHERE id = ?")) {
              s.setLong(1, issued.sqn());
              s.setLong(2, current.get().id());
              s.executeUpdate();
            }
          }
          if (issued.registration() != null) {
            SubscriberRows.applyRegistration(c, current.get().id(), subscriber, issued.registration());
          }
          return Optional.of(issued.result());
        });
  }

  /**
   * Changes registration state and the assigned S-CSCF as {@code change} decides from the current
   * subscriber, under the row lock. {@code change} may return null to leave everything as it is;
   * a change that changes nothing writes nothing.
   *
   * @return the subscriber after the change, empty when the IMPI is unknown
   */
  public Optional<Subscriber> changeRegistration(
      String impi, Function<Subscriber, RegistrationChange> change) {
    return write(
        c -> {
          Optional<SubscriberReads.Loaded> current = SubscriberReads.loadWithId(c, impi, true);
          if (current.isEmpty()) {
            return Optional.empty();
          }
          Subscriber subscriber = current.get().subscriber();
          RegistrationChange registration = change.apply(subscriber);
          if (registration == null) {
            return Optional.of(subscriber);
          }
          return Optional.of(
              SubscriberRows.applyRegistration(c, current.get().id(), subscriber, registration));
        });
  }

  @Override
  public void close() {
    pool.close();
    log.info("subscriber store at {} closed", description);
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T read(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("subscriber store failed: " + e.getMessage(), e);
    }
  }

  private <T> T write(SqlWork<T> work) {
    Objects.requireNonNull(work);
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException e) {
        c.rollback();
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          // Lost a race with a concurrent insert of the same identity.
          throw new DuplicateIdentityException("an identity of this subscriber");
        }
        throw e;
      } catch (RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("subscriber store failed: " + e.getMessage(), e);
    }
  }
}
