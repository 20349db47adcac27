package org.imscore.hss.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * SQN_HE in memory, per subscriber, so that a MAR need not write (TS 33.102 Annex C lets the HE choose how it
 * makes SEQ; what it must never do is hand out an SQN not above one handed out before, even across a crash). The
 * database holds a mark per subscriber, auth_sequence.sqn: the greatest SQN this HSS may have handed out. A
 * {@link Counter} holds the last SQN actually handed out and the mark as far as it is known to be in the file; an
 * SQN up to that mark leaves with no write, because after a crash the HSS starts again above the stored mark. When
 * a MAR would pass it, its writer first stores a mark a block further under the subscriber's lock, and the counter
 * learns the new mark only once the group commit has written it ({@link Counter#raise}).
 *
 * <p>Concurrency: an SQN is taken only by a compare-and-set of the counter's state ({@link Counter#take}), whether
 * by a MAR on a network thread, which must not block, or by a writer under the subscriber's lock; a MAR that loses
 * the race decides again from the new state, so two MARs never take the same SQN, and the SQNs taken from a counter
 * rise in the order they are taken. A counter is made or replaced only under the subscriber's lock
 * ({@link SubscriberLocks#inProcess}), and one that leaves - pushed out, or forgotten after a provisioning change -
 * is closed first, so that a MAR still holding it takes nothing more from it once another one exists.
 *
 * <p>Kept only where this process is the database's one writer (an embedded H2): a store shared with other
 * processes must read the mark under the row lock for every MAR, as another HSS may have moved it; {@link #none()}.
 *
 * <p>Bound: at most {@code capacity} counters, first made, first out, like {@link SubscriberCache}; a counter lasts
 * from a subscriber's first MAR (after a start, or after it left) until {@code capacity} other subscribers got one,
 * and one pushed out costs the subscriber's next MAR a write, as every MAR cost before. About 150 bytes each.
 */
final class SqnCounters {

  /**
   * A counter's value; swapped whole.
   *
   * @param mark the SQNs after {@code last} up to here may be handed out with no write: the file holds this mark or
   *     a higher one (a new counter's mark is the committed one, maybe not in the file yet, but it is also its
   *     {@code last}, so nothing is taken before a {@link Counter#raise})
   * @param last at least every SQN taken from the counter; above {@code mark} while a writer stores a new mark
   */
  record State(long mark, long last) {

    /** The state of a counter that left: nothing is taken from it any more, whoever still holds it. */
    boolean closed() {
      return this == CLOSED;
    }
  }

  /** The state of a counter that left: takes nothing, is raised never. */
  private static final State CLOSED = new State(-1, Long.MAX_VALUE);

  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<String> slots;
  private final AtomicLong next = new AtomicLong();
  private final int capacity;

  private SqnCounters(int capacity) {
    this.capacity = capacity;
    this.slots = new AtomicReferenceArray<>(Math.max(capacity, 1));
  }

  /** At most {@code capacity} counters; 0 keeps none, as {@link #none()}. */
  static SqnCounters bounded(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    return new SqnCounters(capacity);
  }

  /** Keeps no counter: every MAR starts from the stored value and stores the SQNs it takes, exactly. */
  static SqnCounters none() {
    return new SqnCounters(0);
  }

  /** Whether counters are kept, and so whether a mark stored ahead of the SQNs taken is ever used. */
  boolean kept() {
    return capacity > 0;
  }

  /** The subscriber's counter if one is kept and open, else null. Never blocks. */
  Counter open(String impi) {
    Counter counter = counters.get(impi);
    return counter == null || counter.isClosed() ? null : counter;
  }

  /**
   * Under the subscriber's lock: its open counter, else a new one at {@code stored}, the mark as committed. A new
   * counter lets nothing be taken from memory (its last SQN is its mark) until a writer stored a mark above it: the
   * SQNs handed out before it was made are unknown, and the committed mark may not be in the file yet.
   */
  Counter openOrStart(String impi, long stored) {
    if (!kept()) {
      return new Counter(new State(stored, stored));
    }
    while (true) {
      Counter current = counters.get(impi);
      if (current != null && !current.isClosed()) {
        return current;
      }
      Counter started = new Counter(new State(stored, stored));
      // Only a counter that leaves can change the entry meanwhile (this thread holds the subscriber's lock).
      boolean in = current == null
          ? counters.putIfAbsent(impi, started) == null
          : counters.replace(impi, current, started);
      if (in) {
        entered(impi);
        return started;
      }
    }
  }

  /**
   * After a provisioning write of these subscribers has ended, under their lock where they exist: their SQN (or
   * their credentials) may have changed, so their next MAR starts from the stored mark. The read cache's coherence
   * rule (see {@link SubscriberCache}) for the SQN kept beside it.
   */
  void forget(Collection<String> impis) {
    for (String impi : impis) {
      leave(impi);
    }
  }

  int size() {
    return counters.size();
  }

  /** After {@code impi} got a counter: it takes the oldest slot, whose subscriber's counter leaves. */
  private void entered(String impi) {
    int slot = (int) (next.getAndIncrement() % slots.length());
    String oldest = slots.getAndSet(slot, impi);
    if (oldest != null && !oldest.equals(impi)) {
      leave(oldest);
    }
  }

  /** Closed before it is removed: whoever finds it gone makes a new one only after this one took its last SQN. */
  private void leave(String impi) {
    Counter counter = counters.get(impi);
    if (counter != null) {
      counter.close();
      counters.remove(impi, counter);
    }
  }

  /**
   * One subscriber's SQN_HE in memory. Thread-safe: its state changes by compare-and-set only, on a field of its own
   * rather than an AtomicReference beside it (one object less per subscriber that registered).
   */
  static final class Counter {

    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Counter.class, "state", State.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private volatile State state;

    private Counter(State initial) {
      this.state = initial;
    }

    State state() {
      return state;
    }

    boolean isClosed() {
      return state.closed();
    }

    /**
     * Takes the SQNs after {@code seen.last()} up to {@code last}, with no write: only when they are under the mark
     * and nobody took any since {@code seen} was read. False when the caller must decide again (from the new state)
     * or write first.
     */
    boolean take(State seen, long last) {
      return last <= seen.mark() && STATE.compareAndSet(this, seen, new State(seen.mark(), last));
    }

    /**
     * Under the subscriber's lock, before the writer stores a new mark: takes the SQNs up to {@code last} (after
     * {@code seen.last()}, or from SQN_MS after a resynchronisation, possibly below it) whatever the mark, and lets
     * nothing more be taken from memory until {@link #raise}. Null when another MAR took SQNs since {@code seen}.
     */
    State takeAhead(State seen, long last) {
      State pending = new State(Math.min(seen.mark(), last), last);
      return STATE.compareAndSet(this, seen, pending) ? pending : null;
    }

    /**
     * Once the file holds {@code mark}, stored by the writer that set {@code pending}: SQNs up to it may now be taken
     * from memory. Does nothing when the counter moved on meanwhile (closed, or taken further by a writer whose own
     * mark will be raised in turn).
     */
    void raise(State pending, long mark) {
      STATE.compareAndSet(this, pending, new State(mark, pending.last()));
    }

    private void close() {
      state = CLOSED;
    }
  }
}
