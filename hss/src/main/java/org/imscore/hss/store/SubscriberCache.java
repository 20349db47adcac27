package org.imscore.hss.store;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subscribers as last committed, by IMPI, and the IMPI that owns each IMPU, so that the Cx reads (UAR, LIR, the
 * identity checks of MAR and SAR) do not query the database for data that has not changed.
 *
 * <p>Coherence rule: every write of the store invalidates the IMPIs and IMPUs it touched once its transaction has
 * ended (committed or rolled back), and a value read from the database is kept only if no invalidation of its key
 * came between the start of that read and its end. A reader places a fill token before it reads; an invalidation
 * removes whatever is there, token included; the fill replaces only its own token. So a value read before a
 * commit can never be kept after that commit's invalidation, and a read sees either the cache (as of a commit that
 * has ended) or the database. Unknown identities are not cached. At most {@code capacity} subscribers are kept:
 * one more pushes out an arbitrary other (the first of the map's iteration, spread by hash). What the cache is for
 * is the burst of Cx requests one procedure makes for one subscriber (a registration's UAR, MAR, UAR and SAR within
 * milliseconds, a call's LIR after the callee registered), so the recently read must get in, however many
 * subscribers the HSS holds; evicting a fill token only drops that fill, as an invalidation would.
 *
 * <p>Writers whose subscriber lock is held in this process ({@link SubscriberLocks#inProcess()}) invalidate and
 * then {@link #put} the subscriber as they committed it, before they release the lock: the next writer of that
 * subscriber, holding the lock, finds exactly the committed state here and need not read it again. A put replaces
 * any fill token, so a fill that began before the commit is dropped as after an invalidation.
 *
 * <p>Thread-safe: lock-free over two concurrent maps.
 */
final class SubscriberCache {

  /** What a read does on a miss: the database query. */
  @FunctionalInterface
  interface Loader<T> {
    Optional<T> load() throws SQLException;
  }

  /** A fill in progress; identity matters, nothing else. */
  private static final class FillToken {}

  private final ConcurrentHashMap<String, Object> byImpi = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> impiByImpu = new ConcurrentHashMap<>();
  private final int capacity;

  SubscriberCache(int capacity) {
    this.capacity = capacity;
  }

  Optional<SubscriberReads.Loaded> subscriber(String impi, Loader<SubscriberReads.Loaded> loader)
      throws SQLException {
    return read(byImpi, impi, loader);
  }

  /** The subscriber as its writer just committed it; only while that writer holds the subscriber's lock. */
  void put(String impi, SubscriberReads.Loaded committed) {
    if (capacity > 0 && byImpi.put(impi, committed) == null) {
      makeRoom(byImpi, impi);
    }
  }

  Optional<String> impiOf(String impu, Loader<String> loader) throws SQLException {
    return read(impiByImpu, impu, loader);
  }

  /** After a transaction that changed these subscribers and identities has ended. */
  void invalidate(Collection<String> impis, Collection<String> impus) {
    impis.forEach(byImpi::remove);
    impus.forEach(impiByImpu::remove);
  }

  int size() {
    return byImpi.size();
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<T> read(ConcurrentHashMap<String, Object> map, String key, Loader<T> loader)
      throws SQLException {
    Object cached = map.get(key);
    if (cached != null && !(cached instanceof FillToken)) {
      return Optional.of((T) cached);
    }
    if (cached == null && capacity > 0) {
      FillToken token = new FillToken();
      cached = map.putIfAbsent(key, token);
      if (cached == null) {
        cached = token;
        makeRoom(map, key);
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

  /** After {@code added} went in: while over capacity, drops another entry. */
  private void makeRoom(ConcurrentHashMap<String, Object> map, String added) {
    Iterator<String> keys = map.keySet().iterator();
    while (map.size() > capacity && keys.hasNext()) {
      String key = keys.next();
      if (!key.equals(added)) {
        map.remove(key);
      }
    }
  }
}
