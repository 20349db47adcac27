package org.imscore.hss.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the writers of one subscriber (Cx requests and provisioning changes), so that each decides from what
 * the one before it committed.
 *
 * <ul>
 *   <li>A database that other processes may share (PostgreSQL, an H2 server): the subscription row's own lock,
 *       taken by reading it {@code FOR UPDATE} in the writing transaction; this class then does nothing.
 *   <li>An embedded H2 database (this process alone opens its file): a lock in this process, taken around the
 *       whole transaction, and a plain read. H2 never keeps a {@code FOR UPDATE} query in its statement cache and
 *       parses it anew on every use: a tenth of the HSS's CPU under registration load went into that.
 * </ul>
 *
 * <p>A writer holds one subscriber's lock at a time, so striping (several subscribers per lock) cannot deadlock.
 * Thread-safe.
 */
final class SubscriberLocks {

  private static final int STRIPES = 256;
  private static final long TIMEOUT_SECONDS = 10; // H2's LOCK_TIMEOUT of the row lock this replaces

  private final ReentrantLock[] stripes;

  private SubscriberLocks(ReentrantLock[] stripes) {
    this.stripes = stripes;
  }

  static SubscriberLocks inDatabase() {
    return new SubscriberLocks(null);
  }

  static SubscriberLocks inProcess() {
    ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
    return new SubscriberLocks(stripes);
  }

  /** Whether the writing transaction must lock the subscription row itself ({@code FOR UPDATE}). */
  boolean lockRowInTransaction() {
    return stripes == null;
  }

  /** Runs {@code transaction} holding the lock of {@code impi} (when the locks are in this process). */
  <T> T holding(String impi, Supplier<T> transaction) {
    if (stripes == null) {
      return transaction.get();
    }
    ReentrantLock lock = stripes[Math.floorMod(impi.hashCode(), STRIPES)];
    try {
      if (!lock.tryLock(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new StoreException("subscriber " + impi + " stayed locked for " + TIMEOUT_SECONDS + " s", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for subscriber " + impi, e);
    }
    try {
      return transaction.get();
    } finally {
      lock.unlock();
    }
  }
}
