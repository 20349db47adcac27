package org.imscore.hss.store;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Subscribers as last committed, by IMPI, and the IMPI that owns each IMPU, so that the Cx reads (UAR, LIR, the
 * identity checks of MAR and SAR) do not query the database for data that has not changed.
 *
 * <p>Coherence rule: every write of the store invalidates the IMPIs and IMPUs it touched once its transaction has
 * ended (committed or rolled back), and a value read from the database is kept only if no invalidation of its key
 * came between the start of that read and its end. A reader places a fill token before it reads; an invalidation
 * removes whatever is there, token included; the fill replaces only its own token. So a value read before a
 * commit can never be kept after that commit's invalidation, and a read sees either the cache (as of a commit that
 * has ended) or the database. Unknown identities are not cached.
 *
 * <p>Bound: at most {@code capacity} subscribers (and as many IMPUs) are kept, first in, first out. What the cache
 * is for is the burst of Cx requests one procedure makes for one subscriber (a registration's UAR, MAR, UAR and SAR
 * within milliseconds, a call's LIR after the callee registered), so the recently read must get in, however many
 * subscribers the HSS holds. Each map has a ring of {@code capacity} key slots ({@link Fifo}): a key that enters
 * the map takes the next slot and pushes out of the map the key that held it, {@code capacity} entries earlier -
 * constant work per entry, where looking for a victim in the map's own iteration walked its empty bins. A key
 * invalidated and read again takes a new slot while its old one still names it, so it may go when the old slot
 * comes round, earlier than its turn: that only costs a read, as an invalidation would. Evicting a fill token only
 * drops that fill.
 *
 * <p>Writers whose subscriber lock is held in this process ({@link SubscriberLocks#inProcess()}) invalidate and
 * then {@link #put} the subscriber as they committed it, before they release the lock: the next writer of that
 * subscriber, holding the lock, finds exactly the committed state here and need not read it again. A put replaces
 * any fill token, so a fill that began before the commit is dropped as after an invalidation.
 *
 * <p>Thread-safe: lock-free over two concurrent maps and their rings. With concurrent inserts a map may hold a few
 * more entries than {@code capacity} for a moment (an entry is in before its slot is taken).
 */
final class SubscriberCache {

  /** What a read does on a miss: the database query. */
  @FunctionalInterface
  interface Loader<T> {
    Optional<T> load() throws SQLException;
  }

  /** A fill in progress; identity matters, nothing else. */
  private static final class FillToken {}

  private final Fifo byImpi;
  private final Fifo impiByImpu;
  private final int capacity;

  SubscriberCache(int capacity) {
    this.capacity = capacity;
    this.byImpi = new Fifo(capacity);
    this.impiByImpu = new Fifo(capacity);
  }

  Optional<SubscriberReads.Loaded> subscriber(String impi, Loader<SubscriberReads.Loaded> loader)
      throws SQLException {
    return read(byImpi, impi, loader);
  }

  /** The subscriber as last committed if the cache holds it; never reads the database. */
  Optional<SubscriberReads.Loaded> cachedSubscriber(String impi) {
    return cached(byImpi, impi);
  }

  /** The IMPI owning {@code impu} if the cache holds it; never reads the database. */
  Optional<String> cachedImpiOf(String impu) {
    return cached(impiByImpu, impu);
  }

  /** The subscriber as its writer just committed it; only while that writer holds the subscriber's lock. */
  void put(String impi, SubscriberReads.Loaded committed) {
    if (capacity > 0 && byImpi.map.put(impi, committed) == null) {
      byImpi.entered(impi);
    }
  }

  Optional<String> impiOf(String impu, Loader<String> loader) throws SQLException {
    return read(impiByImpu, impu, loader);
  }

  /** After a transaction that changed these subscribers and identities has ended. */
  void invalidate(Collection<String> impis, Collection<String> impus) {
    impis.forEach(byImpi.map::remove);
    impus.forEach(impiByImpu.map::remove);
  }

  int size() {
    return byImpi.map.size();
  }

  /** How many IMPU entries are kept. */
  int impuEntries() {
    return impiByImpu.map.size();
  }

  @SuppressWarnings("unchecked")
  private static <T> Optional<T> cached(Fifo fifo, String key) {
    Object cached = fifo.map.get(key);
    return cached == null || cached instanceof FillToken ? Optional.empty() : Optional.of((T) cached);
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<T> read(Fifo fifo, String key, Loader<T> loader) throws SQLException {
    ConcurrentHashMap<String, Object> map = fifo.map;
    Object cached = map.get(key);
    if (cached != null && !(cached instanceof FillToken)) {
      return Optional.of((T) cached);
    }
    if (cached == null && capacity > 0) {
      FillToken token = new FillToken();
      cached = map.putIfAbsent(key, token);
      if (cached == null) {
        cached = token;
        fifo.entered(key);
      } else if (!(cached instanceof FillToken)) {
        return Optional.of((T) cached);
      }
    }
    Optional<T> loaded;
    try {
      loaded = loader.load();
    } catch (SQLException | RuntimeException e) {
      if (cached instanceof FillToken token) {
        map.remove(key, token);
      }
      throw e;
    }
    if (cached instanceof FillToken token) {
      // Kept only if no invalidation removed the token meanwhile; an unknown key leaves nothing behind.
      if (loaded.isPresent()) {
        map.replace(key, token, loaded.get());
      } else {
        map.remove(key, token);
      }
    }
    return loaded;
  }

  /**
   * A map and the ring of the keys that entered it, oldest first from {@code next}. Every key in the map was
   * written into a slot when it entered, and leaves the map when that slot is written again, so the map holds at
   * most as many keys as the ring has slots (plus those entering at this moment).
   */
  private static final class Fifo {

    final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<String> slots;
    private final AtomicLong next = new AtomicLong();

    Fifo(int capacity) {
      this.slots = new AtomicReferenceArray<>(Math.max(capacity, 1));
    }

    /** After {@code key} entered the map: it takes the oldest slot, whose key leaves the map. */
    void entered(String key) {
      int slot = (int) (next.getAndIncrement() % slots.length());
      String oldest = slots.getAndSet(slot, key);
      if (oldest != null && !oldest.equals(key)) {
        map.remove(oldest);
      }
    }
  }
}
