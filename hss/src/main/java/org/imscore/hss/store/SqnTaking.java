package org.imscore.hss.store;

import java.util.Optional;
import org.imscore.hss.subscriber.Subscriber;

/**
 * How an authentication ({@link HssStore#authenticate}) takes its SQNs from a subscriber's {@link SqnCounters
 * counter}: from memory while they stay under the durable mark, else ahead of it under the subscriber's lock, for
 * the writer to store a new mark. Every SQN is taken by a compare-and-set of the counter's state; an issuer that
 * lost the race decides again from the new state.
 */
final class SqnTaking {

  /** How often a MAR in memory decides again after other MARs of the subscriber took SQNs first. */
  private static final int ATTEMPTS = 3;

  private SqnTaking() {}

  /**
   * What an issuer decided under the subscriber's lock, on {@code counter}; {@code pending} is the counter's state
   * once the SQNs were taken ahead of the mark - the writer must store a new mark, then {@link #raiseTo} it - or null
   * when nothing is to be stored.
   */
  record UnderLock<T>(AuthIssuer.Issued<T> issued, SqnCounters.Counter counter, SqnCounters.State pending) {

    /** What to run once the file holds {@code mark}. */
    Runnable raiseTo(long mark) {
      return () -> counter.raise(pending, mark);
    }
  }

  /**
   * The material if its SQNs can be taken from memory with nothing to write; empty when they pass the mark, the
   * issuer resynchronised or changes the registration, or other MARs of the subscriber keep taking SQNs first.
   * Never blocks.
   */
  static <T> Optional<T> fromMemory(Subscriber seen, SqnCounters.Counter counter, AuthIssuer.ForSubscriber<T> work) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      SqnCounters.State state = counter.state();
      if (state.closed()) {
        return Optional.empty();
      }
      AuthIssuer.Issued<T> issued = work.issue(seen, state.last());
      if (issued.resynchronised()
          || (issued.registration() != null && !SubscriberRows.changesNothing(seen, issued.registration()))) {
        return Optional.empty();
      }
      if (takesNone(issued, state) || counter.take(state, issued.sqn())) {
        return Optional.of(issued.result());
      }
      if (issued.sqn() > state.mark()) {
        return Optional.empty();
      }
      // Another MAR of this subscriber took SQNs since the state was read: decide again from the new one.
    }
    return Optional.empty();
  }

  /**
   * Under the subscriber's lock: SQNs under the mark are taken as in {@link #fromMemory}; past it, or for a
   * resynchronisation, they are taken ahead of it ({@link SqnCounters.Counter#takeAhead}).
   *
   * @param stored the subscriber's mark as committed, where its counter starts if it has none
   */
  static <T> UnderLock<T> underLock(Subscriber current, long stored, SqnCounters sqns,
                                    AuthIssuer.ForSubscriber<T> work) {
    while (true) {
      SqnCounters.Counter counter = sqns.openOrStart(current.impi(), stored);
      SqnCounters.State state = counter.state();
      if (state.closed()) {
        continue; // pushed out just now: start a new one
      }
      AuthIssuer.Issued<T> issued = work.issue(current, state.last());
      if (takesNone(issued, state)) {
        return new UnderLock<>(issued, counter, null);
      }
      if (!issued.resynchronised() && issued.sqn() <= state.mark()) {
        if (counter.take(state, issued.sqn())) {
          return new UnderLock<>(issued, counter, null);
        }
        continue; // a MAR on a network thread took SQNs meanwhile
      }
      SqnCounters.State pending = counter.takeAhead(state, issued.sqn());
      if (pending != null) {
        return new UnderLock<>(issued, counter, pending);
      }
      // Taken meanwhile by a MAR on a network thread, or the counter left: decide again.
    }
  }

  /** Whether {@code issued} takes no SQN; an issuer may move SQN_HE back only by a resynchronisation. */
  private static boolean takesNone(AuthIssuer.Issued<?> issued, SqnCounters.State state) {
    if (issued.resynchronised()) {
      return false;
    }
    if (issued.sqn() < state.last()) {
      throw new IllegalStateException(
          "an issuer took SQN " + issued.sqn() + " after " + state.last() + " without a resynchronisation");
    }
    return issued.sqn() == state.last();
  }
}
