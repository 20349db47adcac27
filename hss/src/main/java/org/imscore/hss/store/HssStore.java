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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * transaction ({@link StoreTransactions}); writers take the subscriber's lock first ({@link SubscriberLocks}: the
 * row's {@code SELECT ... FOR UPDATE}, or a lock in this process for an embedded H2) so that concurrent Cx
 * requests and provisioning changes on one subscriber are serialised.
 *
 * <p>Durability: a write method returns only once its change is in the database file (for H2 by a
 * {@link GroupCommit group commit} shared with the commits made at the same time, for PostgreSQL by its commit).
 * {@link #deferDurability} lets a caller that answers asynchronously (the Cx server) not block on that, and send
 * its result only when the returned future completes.
 *
 * <p>Reads by IMPI and IMPU go through a {@link SubscriberCache} that every write method here invalidates once
 * its transaction has ended; its javadoc states the coherence rule. {@link #fromCache} runs reads on that cache
 * alone, for a caller that must not block (a network thread). Changes made to the database behind this
 * store's back (another process, a hand-written UPDATE) are not seen until the subscriber's next write.
 *
 * <p>SQN_HE: the database keeps a mark per subscriber, the greatest SQN the HSS may have handed out; an embedded
 * store keeps beside the cache the last SQN each subscriber actually got ({@link SqnCounters}), so that a MAR whose
 * SQNs stay under the mark writes nothing; see {@link #authenticate}.
 */
public final class HssStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HssStore.class);

  private final StoreTransactions transactions;
  private final String description;
  private final SubscriberCache cache;
  private final SubscriberLocks locks;
  private final SqnCounters sqns;
  /** Set while {@link #fromCache} runs work on this thread. */
  private final ThreadLocal<Boolean> cacheOnly = ThreadLocal.withInitial(() -> false);

  private HssStore(StoreTransactions transactions, String description, SubscriberCache cache,
                   SubscriberLocks locks, SqnCounters sqns) {
    this.transactions = transactions;
    this.description = description;
    this.cache = cache;
    this.locks = locks;
    this.sqns = sqns;
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
    SubscriberLocks locks = config.isEmbeddedH2() ? SubscriberLocks.inProcess() : SubscriberLocks.inDatabase();
    // SQNs in memory only where this process is the database's one writer, as for the locks.
    SqnCounters sqns = config.isEmbeddedH2() ? SqnCounters.bounded(config.sqnSubscribers()) : SqnCounters.none();
    return new HssStore(new StoreTransactions(pool, config.writesFileOnCheckpoint()), description,
        new SubscriberCache(config.readCacheSubscribers()), locks, sqns);
  }

  /**
   * Runs {@code work} (calls of this store's methods, on this thread) without waiting for its writes to reach the
   * file, and returns its result in a future that completes once they have; at once when it wrote nothing. The
   * caller must let nothing of the result leave before the future completes: that is what keeps an SQN handed out
   * from being reused after a crash (TS 33.102 Annex C) - a vector leaves only once the file holds its SQN; a crash
   * before then forgets the SQN together with the vectors nobody has seen. The future fails with a
   * {@link StoreException} when the file cannot be written.
   */
  public <T> CompletableFuture<T> deferDurability(Supplier<T> work) {
    return transactions.deferDurability(work);
  }

  /**
   * Runs {@code work} (reads of this store, on this thread) on the read cache alone: its result, or empty as soon
   * as it would need the database - a subscriber or identity the cache does not hold, or any write - in which case
   * {@code work} stopped there (having read, never written) and the caller runs it again where it may block. Never
   * blocks: a cache hit is a look-up in a concurrent map; nothing here takes a lock or a connection. An
   * {@link #authenticate} whose SQNs stay under the stored mark is such a read: it takes its SQNs from memory.
   */
  public <T> Optional<T> fromCache(Supplier<T> work) {
    if (cacheOnly.get()) {
      return Optional.of(work.get());
    }
    cacheOnly.set(true);
    try {
      return Optional.of(work.get());
    } catch (NeedsDatabase e) {
      return Optional.empty();
    } finally {
      cacheOnly.set(false);
    }
  }

  /** Thrown inside {@link #fromCache} where the work would reach the database; caught there. */
  private static final class NeedsDatabase extends RuntimeException {
    private static final NeedsDatabase INSTANCE = new NeedsDatabase();

    private NeedsDatabase() {
      super("needs the database", null, false, false);
    }
  }

  /** Inside {@link #fromCache}: stops the work before it would reach the database. */
  private void databaseNeeded() {
    if (cacheOnly.get()) {
      throw NeedsDatabase.INSTANCE;
    }
  }

  public Optional<Subscriber> find(String impi) {
    if (cacheOnly.get()) {
      return Optional.of(cache.cachedSubscriber(impi).orElseThrow(() -> NeedsDatabase.INSTANCE).subscriber());
    }
    try {
      return cache.subscriber(impi, () -> read(c -> SubscriberReads.loadWithId(c, impi, false)))
          .map(SubscriberReads.Loaded::subscriber);
    } catch (SQLException e) {
      throw new StoreException("subscriber store failed: " + e.getMessage(), e); // not thrown: read() wraps it
    }
  }

  public Optional<Subscriber> findByPublicIdentity(String impu) {
    Optional<String> impi;
    try {
      impi = cacheOnly.get()
          ? Optional.of(cache.cachedImpiOf(impu).orElseThrow(() -> NeedsDatabase.INSTANCE))
          : cache.impiOf(impu, () -> read(c -> SubscriberRows.impiOf(c, impu)));
    } catch (SQLException e) {
      throw new StoreException("subscriber store failed: " + e.getMessage(), e); // not thrown: read() wraps it
    }
    Optional<Subscriber> owner = impi.flatMap(this::find);
    if (owner.isPresent() && owner.get().publicIdentity(impu).isPresent()) {
      return owner;
    }
    // The identity moved or went away between the two lookups: ask the database in one transaction.
    return read(
        c -> {
          Optional<String> current = SubscriberRows.impiOf(c, impu);
          return current.isEmpty() ? Optional.empty() : SubscriberReads.load(c, current.get(), false);
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
    return provision(
        List.of(spec.impi()),
        spec.publicIdentities().stream().map(p -> p.uri()).toList(),
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
    Set<String> impis = new HashSet<>();
    Set<String> impus = new HashSet<>();
    for (SubscriberSpec spec : specs) {
      impis.add(spec.impi());
      spec.publicIdentities().forEach(p -> impus.add(p.uri()));
    }
    provision(
        impis,
        impus,
        c -> {
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
   * throws rolls the transaction back. The next MAR starts from the SQN stored now, whatever was kept in memory.
   *
   * @return the subscriber after the change, empty when the IMPI is unknown
   */
  public Optional<Subscriber> update(String impi, Function<Subscriber, SubscriberSpec> change) {
    databaseNeeded(); // before the lock, which may be held by a writer
    List<String> impus = new ArrayList<>();
    return locks.holding(impi, () -> provision(
        List.of(impi),
        impus,
        c -> {
          Optional<Subscriber> current = SubscriberReads.load(c, impi, locks.lockRowInTransaction());
          if (current.isEmpty()) {
            return Optional.empty();
          }
          SubscriberSpec spec = change.apply(current.get());
          current.get().publicIdentities().forEach(p -> impus.add(p.uri()));
          spec.publicIdentities().forEach(p -> impus.add(p.uri()));
          if (!spec.impi().equals(impi)) {
            throw new IllegalArgumentException("the IMPI of a subscriber cannot change");
          }
          long id = SubscriberRows.idOf(c, impi);
          SubscriberRows.checkImpusFree(c, spec, id);
          SubscriberRows.updateSubscription(c, id, spec);
          SubscriberRows.deleteProfilesAndIdentities(c, id);
          SubscriberRows.insertProfilesAndIdentities(c, id, spec, current.get().states());
          return SubscriberReads.load(c, impi, false);
        }));
  }

  /** Deletes a subscriber; returns what was deleted, empty when the IMPI is unknown. */
  public Optional<Subscriber> delete(String impi) {
    databaseNeeded(); // before the lock, which may be held by a writer
    List<String> impus = new ArrayList<>();
    return locks.holding(impi, () -> provision(
        List.of(impi),
        impus,
        c -> {
          Optional<Subscriber> current = SubscriberReads.load(c, impi, locks.lockRowInTransaction());
          if (current.isPresent()) {
            current.get().publicIdentities().forEach(p -> impus.add(p.uri()));
            try (PreparedStatement s =
                c.prepareStatement("DELETE FROM subscription WHERE impi = ?")) {
              s.setString(1, impi);
              s.executeUpdate();
            }
          }
          return current;
        }));
  }

  /**
   * Hands out authentication material: lets {@code issuer} compute it from the credentials and the last SQN handed
   * out, and returns it once the SQNs it takes are safe: under a mark the database durably holds (TS 33.102 §6.3.2
   * and Annex C: an SQN handed out is never handed out again, even after a crash). See {@link #authenticate}.
   *
   * @return the material, empty when the IMPI is unknown
   */
  public <T> Optional<T> issueAuthentication(String impi, AuthIssuer<T> issuer) {
    return authenticate(impi, (current, lastSqn) -> issuer.issue(current.auth(), lastSqn));
  }

  /**
   * {@link #issueAuthentication} with the whole subscriber at hand, and the registration change that goes with
   * the material (the S-CSCF a MAR assigns, TS 29.228 §6.3), stored in the same transaction when there is one.
   *
   * <p>The database holds a mark per subscriber (auth_sequence.sqn): the greatest SQN the HSS may have handed out.
   * An embedded store keeps in memory the last SQN actually handed out ({@link SqnCounters}). When the SQNs the
   * issuer takes stay under the mark, and its registration change changes nothing, they are taken in memory: no
   * lock, no write, no commit to wait for; in {@link #fromCache} too, when the subscriber is cached, so that a MAR
   * is answered on the network thread like a UAR. When they would pass the mark, the subscriber's lock is taken,
   * the mark the issuer reserves ({@link AuthIssuer.Issued#reserve}, a block of SQNs ahead) is stored, and the
   * material is returned only after the commit, while the mark in memory is raised only once the file holds it
   * (with {@link #deferDurability}, after the deferred group commit). Where no SQN is known in memory - after a
   * start, for a subscriber whose SQN was pushed out, after a provisioning change - the issuer starts from the
   * stored mark, so its SQNs are above every SQN handed out before and a new block is stored first: a subscriber's
   * SQNs jump ahead by at most a block. The USIM accepts that: it takes any SEQ above the highest it has seen as
   * long as the jump stays within Δ (TS 33.102 C.2.2, 2^28 by default), and a block is a few dozen.
   *
   * <p>A resynchronisation ({@link AuthIssuer.Issued#resynchronised}) always stores its SQN, as does every MAR
   * where no SQN is kept in memory (a database other processes share: each MAR reads the mark under the row lock and
   * stores exactly the SQNs it took). {@code work} decides from its arguments alone; it may be called more than
   * once (see {@link AuthIssuer}).
   *
   * @return the material, empty when the IMPI is unknown
   */
  public <T> Optional<T> authenticate(String impi, AuthIssuer.ForSubscriber<T> work) {
    if (sqns.kept()) {
      Optional<Subscriber> seen = find(impi);
      if (seen.isEmpty()) {
        return Optional.empty();
      }
      SqnCounters.Counter counter = sqns.open(impi);
      if (counter != null) {
        Optional<T> issued = SqnTaking.fromMemory(seen.get(), counter, work);
        if (issued.isPresent()) {
          return issued;
        }
      }
    }
    return lockedWrite(impi, (c, current) -> authenticateLocked(c, current, work));
  }

  /**
   * {@link #authenticate} under the subscriber's lock, in its transaction: stores the new mark when the SQNs were
   * taken ahead of the one stored, and the registration change; the counter learns the new mark once it is durable.
   */
  private <T> Locked<T> authenticateLocked(Connection c, SubscriberReads.Loaded current,
                                           AuthIssuer.ForSubscriber<T> work) throws SQLException {
    long id = current.id();
    Subscriber subscriber = current.subscriber();
    SqnTaking.UnderLock<T> taken = SqnTaking.underLock(subscriber, subscriber.sqn(), sqns, work);
    AuthIssuer.Issued<T> issued = taken.issued();
    long stored = subscriber.sqn();
    Runnable whenDurable = null;
    if (taken.pending() != null) {
      // Where nothing is kept in memory, a mark ahead would only make the SQNs jump: store those taken.
      stored = sqns.kept() ? issued.reserve() : issued.sqn();
      SubscriberRows.updateSqn(c, id, stored);
      whenDurable = taken.raiseTo(stored);
    }
    Subscriber changed = issued.registration() == null ? subscriber
        : SubscriberRows.applyRegistration(c, id, subscriber, issued.registration());
    return new Locked<>(issued.result(), new SubscriberReads.Loaded(id, new Subscriber(subscriber.impi(),
        changed.auth(), stored, changed.publicIdentities(), changed.serviceProfiles(), changed.scscf(),
        changed.states())), whenDurable);
  }

  /**
   * Changes registration state and the assigned S-CSCF as {@code change} decides from the current
   * subscriber, under the row lock. {@code change} may return null to leave everything as it is;
   * a change that changes nothing writes nothing. {@code change} may be called twice (first on the subscriber
   * as last committed, then under the lock): it must decide from its argument alone.
   *
   * @return the subscriber after the change, empty when the IMPI is unknown
   */
  public Optional<Subscriber> changeRegistration(
      String impi, Function<Subscriber, RegistrationChange> change) {
    // Most calls change nothing (a re-registration at the same S-CSCF). Decided on the subscriber as last
    // committed, they take no row lock and commit nothing: in H2 the lock alone rewrites the row's page, and a
    // commit would wait for a file write. A real change is decided again under the lock.
    Optional<Subscriber> seen = find(impi);
    if (seen.isEmpty()) {
      return seen;
    }
    RegistrationChange proposed = change.apply(seen.get());
    if (proposed == null || SubscriberRows.changesNothing(seen.get(), proposed)) {
      return seen;
    }
    return lockedWrite(impi, (c, current) -> {
      Subscriber subscriber = current.subscriber();
      RegistrationChange registration = change.apply(subscriber);
      if (registration == null) {
        return new Locked<>(subscriber, null, null);
      }
      Subscriber changed = SubscriberRows.applyRegistration(c, current.id(), subscriber, registration);
      return new Locked<>(changed, new SubscriberReads.Loaded(current.id(), changed), null);
    });
  }

  /**
   * What a locked write returns: its result, the subscriber as it committed it (null when it wrote nothing), and what
   * to run once its commit is in the file (null for nothing).
   */
  private record Locked<T>(T result, SubscriberReads.Loaded committed, Runnable whenDurable) {
  }

  @FunctionalInterface
  private interface LockedWork<T> {
    Locked<T> run(Connection c, SubscriberReads.Loaded current) throws SQLException;
  }

  /**
   * Runs {@code work} on the subscriber in one rerunnable transaction under its lock (see {@link #loadLocked}),
   * then, still under the lock, hands what it committed to the cache.
   *
   * @return the work's result, empty when the IMPI is unknown
   */
  private <T> Optional<T> lockedWrite(String impi, LockedWork<T> work) {
    databaseNeeded();
    return locks.holding(impi, () -> {
      Locked<T> done = write(List.of(impi), List.of(), true, c -> {
        Optional<SubscriberReads.Loaded> current = loadLocked(c, impi);
        return current.isEmpty() ? null : work.run(c, current.get());
      });
      if (done == null) {
        return Optional.empty();
      }
      committed(impi, done.committed());
      if (done.whenDurable() != null) {
        transactions.whenDurable(done.whenDurable());
      }
      return Optional.of(done.result());
    });
  }

  /**
   * The subscriber for a writer, in its transaction: read {@code FOR UPDATE} where the database holds the locks;
   * else (the lock is held in this process) from the cache, which then holds what the last writer committed.
   */
  private Optional<SubscriberReads.Loaded> loadLocked(Connection c, String impi) throws SQLException {
    if (locks.lockRowInTransaction()) {
      return SubscriberReads.loadWithId(c, impi, true);
    }
    return cache.subscriber(impi, () -> SubscriberReads.loadWithId(c, impi, false));
  }

  /** After a write's commit, still under the subscriber's lock: the cache keeps the state it committed. */
  private void committed(String impi, SubscriberReads.Loaded after) {
    if (after != null && !locks.lockRowInTransaction()) {
      cache.put(impi, after);
    }
  }

  @Override
  public void close() {
    transactions.close();
    log.info("subscriber store at {} closed", description);
  }

  /**
   * A provisioning write: then the SQNs kept in memory for these subscribers and the cache's entries of them and of
   * these identities are forgotten (also after a failure), so that their next MAR starts from the SQN stored. The
   * SQNs first: a MAR that still reads the subscriber as before the change can take no SQN kept from before it.
   */
  private <T> T provision(Collection<String> impis, Collection<String> impus, StoreTransactions.SqlWork<T> work) {
    databaseNeeded();
    try {
      return transactions.write(work, false);
    } finally {
      sqns.forget(impis);
      cache.invalidate(impis, impus);
    }
  }

  /**
   * {@code rerunnable}: the work decides everything from what it reads under its row lock, so running it again
   * after a commit that failed midway is as right as the first run (a MAR hands out a fresh SQN, a registration
   * change finds what is already done); such work is retried after a transient fault of the commit too.
   */
  private <T> T write(Collection<String> impis, Collection<String> impus, boolean rerunnable, StoreTransactions.SqlWork<T> work) {
    databaseNeeded();
    try {
      return transactions.write(work, rerunnable);
    } finally {
      cache.invalidate(impis, impus);
    }
  }

  private <T> T read(StoreTransactions.SqlWork<T> work) {
    databaseNeeded();
    return transactions.read(work);
  }

  private <T> T write(StoreTransactions.SqlWork<T> work) {
    databaseNeeded();
    return transactions.write(work, false);
  }
}
