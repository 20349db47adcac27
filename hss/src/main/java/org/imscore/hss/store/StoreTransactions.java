package org.imscore.hss.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's JDBC transactions over its connection pool: reads, writes that are durable before they return
 * (through a {@link GroupCommit}), work whose durability its caller awaits asynchronously, and one retry of a
 * transient H2 fault. Thread-safe; {@link #deferDurability} scopes are per thread.
 */
final class StoreTransactions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoreTransactions.class);
  private static final String UNIQUE_VIOLATION = "23505";

  private final HikariDataSource pool;
  private final GroupCommit commits;
  /** The work running in {@link #deferDurability} on this thread, if any. */
  private final ThreadLocal<Scope> deferred = new ThreadLocal<>();

  /** A {@link #deferDurability} scope: its newest commit ticket, and what is to run once that commit is durable. */
  private static final class Scope {
    long ticket;
    final List<Runnable> whenDurable = new ArrayList<>();

    void runWhenDurable() {
      whenDurable.forEach(Runnable::run);
    }
  }

  /** {@code writesFileOnCheckpoint}: an H2 file whose commits reach it by a CHECKPOINT (grouped). */
  StoreTransactions(HikariDataSource pool, boolean writesFileOnCheckpoint) {
    this.pool = pool;
    this.commits = writesFileOnCheckpoint ? new GroupCommit(() -> checkpoint(pool)) : GroupCommit.immediate();
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** H2: writes every committed change to the file now (MVStore commit), for the commits waiting on it. */
  private static void checkpoint(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  /**
   * Runs {@code work} (transactions of this store, on this thread) without waiting for its writes to reach the
   * file, and returns its result in a future that completes once they have; at once when it wrote nothing. The
   * caller must let nothing of the result leave before the future completes: that is what keeps an SQN handed out
   * from being reused after a crash (TS 33.102 Annex C) - a vector leaves only once the file holds its SQN; a crash
   * before then forgets the SQN together with the vectors nobody has seen. The future fails with a
   * {@link StoreException} when the file cannot be written.
   */
  <T> CompletableFuture<T> deferDurability(Supplier<T> work) {
    Scope outer = deferred.get();
    Scope scope = new Scope();
    deferred.set(scope);
    T result;
    try {
      result = work.get();
    } finally {
      if (outer == null) {
        deferred.remove();
      } else {
        deferred.set(outer);
        outer.ticket = Math.max(outer.ticket, scope.ticket);
        outer.whenDurable.addAll(scope.whenDurable);
      }
    }
    if (outer != null) {
      return CompletableFuture.completedFuture(result);
    }
    if (scope.ticket == 0) {
      scope.runWhenDurable();
      return CompletableFuture.completedFuture(result);
    }
    return commits.whenDurable(scope.ticket).thenApply(done -> {
      scope.runWhenDurable();
      return result;
    });
  }

  /**
   * Runs {@code action} once every commit this thread made so far is in the file: at once when this thread waited
   * for them, else when the enclosing {@link #deferDurability} scope's commits are; never when that file write fails.
   */
  void whenDurable(Runnable action) {
    Scope scope = deferred.get();
    if (scope == null) {
      action.run();
    } else {
      scope.whenDurable.add(action);
    }
  }

  /** Runs {@code work} on a connection in auto-commit mode (reads). */
  <T> T read(SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(true);
        return work.run(c);
      } catch (SQLException e) {
        if (attempt == 1 && isTransientH2Fault(e)) {
          log.warn("subscriber store: {}; reading again", e.getMessage());
          continue;
        }
        throw new StoreException("subscriber store failed: " + e.getMessage(), e);
      }
    }
  }

  /**
   * H2 2.2.224 now and then failed a statement with an internal MVStore error ("Position 0", "File corrupted while
   * reading record") when it read a page while the store was being written to the file (H2 issue #4012, fixed in
   * 2.3.230); the database was intact and the statement succeeded when run again. Such a failure before the commit
   * is retried once, in a new transaction. Kept with the fixed H2 as a guard: no load run here reproduced the fault
   * on demand, so none can show it gone, and a retry costs nothing until a fault happens.
   */
  private static boolean isTransientH2Fault(SQLException e) {
    return e.getErrorCode() == 90030
        || (e.getErrorCode() == 50000 && String.valueOf(e.getMessage()).contains("MVStoreException"));
  }

  /**
   * Runs {@code work} in one transaction and commits it; the commit is durable on return unless a
   * {@link #deferDurability} scope on this thread waits for it. {@code rerunnable}: see HssStore's write.
   */
  <T> T write(SqlWork<T> work, boolean rerunnable) {
    Objects.requireNonNull(work);
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        T result;
        try {
          result = work.run(c);
        } catch (SQLException e) {
          c.rollback();
          if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            // Lost a race with a concurrent insert of the same identity.
            throw new DuplicateIdentityException("an identity of this subscriber");
          }
          if (attempt == 1 && isTransientH2Fault(e)) {
            log.warn("subscriber store: {}; running the transaction again", e.getMessage());
            continue; // rolled back: nothing of it happened
          }
          throw e;
        } catch (RuntimeException e) {
          c.rollback();
          throw e;
        }
        try {
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          if (rerunnable && attempt == 1 && isTransientH2Fault(e)) {
            log.warn("subscriber store: {} at commit; running the transaction again", e.getMessage());
            continue;
          }
          throw e;
        }
        durable(commits.committed());
        return result;
      } catch (SQLException e) {
        throw new StoreException("subscriber store failed: " + e.getMessage(), e);
      }
    }
  }
  /** After a commit: wait until it is in the file, or leave that to the enclosing {@link #deferDurability}. */
  private void durable(long ticket) {
    Scope scope = deferred.get();
    if (scope != null) {
      scope.ticket = Math.max(scope.ticket, ticket);
    } else {
      commits.awaitDurable(ticket);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
