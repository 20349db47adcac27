package org.imscore.hss.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit: makes committed transactions durable together, one file write for every commit made while the
 * previous write ran, instead of one per commit.
 *
 * <p>Each transaction takes a ticket right after its database commit returned ({@link #committed()}); tickets
 * increase with commit order. {@link #whenDurable(long)} completes once a flush that started after that ticket was
 * taken has finished, i.e. once the file holds that commit. The thread that finds no flush running does the flush
 * itself, again and again while new tickets are waiting: under load the commits made during one flush are all
 * written by the next one, without a thread of its own to wake.
 *
 * <p>For H2, the flush is a {@code CHECKPOINT} (MVStore commit: the chunk with every change committed so far is
 * written); its file store is opened with a write delay, so a transaction commit itself writes nothing. For a
 * database whose commit is durable by itself (PostgreSQL, an in-memory H2) {@link #immediate()} completes at once.
 *
 * <p>Thread-safe: all state is guarded by this object's monitor; the flush runs outside it.
 */
final class GroupCommit {

  /** Writes every committed change to the file. */
  @FunctionalInterface
  interface Flush {
    void run() throws Exception;
  }

  private record Waiter(long ticket, CompletableFuture<Void> durable) {}

  private final Flush flush;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private long committed;
  private long durable;
  private boolean flushing;

  GroupCommit(Flush flush) {
    this.flush = flush;
  }

  /** For a store whose commits are durable when they return: every ticket is durable at once. */
  static GroupCommit immediate() {
    return new GroupCommit(null);
  }

  /** A ticket for a transaction whose commit has just returned. */
  synchronized long committed() {
    committed++;
    if (flush == null) {
      durable = committed;
    }
    return committed;
  }

  /** The newest ticket handed out: everything committed so far. */
  synchronized long latest() {
    return committed;
  }

  /**
   * Completes when the commit of {@code ticket} is in the file; fails with a {@link StoreException} when the flush
   * fails (the commit may then be lost in a crash, so nothing that depends on it may leave).
   */
  CompletableFuture<Void> whenDurable(long ticket) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      if (ticket <= durable) {
        return CompletableFuture.completedFuture(null);
      }
      waiting.add(new Waiter(ticket, done));
      if (flushing) {
        return done; // the running flusher's next round covers it
      }
      flushing = true;
    }
    flushRounds();
    return done;
  }

  /** Blocks until {@link #whenDurable(long)} completes. */
  void awaitDurable(long ticket) {
    try {
      whenDurable(ticket).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof StoreException s ? s
          : new StoreException("cannot write the subscriber store: " + e.getCause(), e.getCause());
    }
  }

  /** Flushes until no ticket is waiting; run by the one thread that set {@code flushing}. */
  private void flushRounds() {
    while (true) {
      long target;
      synchronized (this) {
        if (waiting.isEmpty()) {
          flushing = false;
          return;
        }
        // Every ticket up to here was taken after its commit returned, so this flush writes all of them.
        target = committed;
      }
      Exception failure = null;
      try {
        flush.run();
      } catch (Exception e) {
        failure = e;
      }
      List<Waiter> released = new ArrayList<>();
      synchronized (this) {
        if (failure == null) {
          durable = Math.max(durable, target);
        }
        // Waiters arrive in any order (a ticket is taken before its waiter is added), so look at each.
        for (var it = waiting.iterator(); it.hasNext(); ) {
          Waiter w = it.next();
          if (failure != null || w.ticket() <= durable) {
            released.add(w);
            it.remove();
          }
        }
      }
      // Completed outside the monitor: what waits on them (answers handed to the network) runs here.
      for (Waiter w : released) {
        if (failure == null) {
          w.durable().complete(null);
        } else {
          w.durable().completeExceptionally(
              new StoreException("cannot write the subscriber store: " + failure.getMessage(), failure));
        }
      }
    }
  }
}
