package org.imscore.hss.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqnCountersTest {

  @Test
  void aNewCounterLetsNothingBeTakenUntilAStoredMarkIsRaised() {
    SqnCounters counters = SqnCounters.bounded(4);
    SqnCounters.Counter counter = counters.openOrStart("alice", 640);
    SqnCounters.State started = counter.state();

    assertThat(started).isEqualTo(new SqnCounters.State(640, 640));
    assertThat(counter.take(started, 672)).as("above the mark").isFalse();

    SqnCounters.State pending = counter.takeAhead(started, 672);
    assertThat(pending).isEqualTo(new SqnCounters.State(640, 672));
    assertThat(counter.take(pending, 704)).as("while the new mark is not durable").isFalse();

    counter.raise(pending, 1696);
    SqnCounters.State raised = counter.state();
    assertThat(raised).isEqualTo(new SqnCounters.State(1696, 672));
    assertThat(counter.take(raised, 704)).isTrue();
    assertThat(counters.open("alice")).isSameAs(counter);
    assertThat(counters.openOrStart("alice", 0)).isSameAs(counter);
  }

  @Test
  void onlyOneOfTwoMarsThatReadTheSameStateTakesItsSqns() {
    SqnCounters.Counter counter = raisedCounter(SqnCounters.bounded(4), "alice", 0, 1024);
    SqnCounters.State seen = counter.state();

    assertThat(counter.take(seen, 32)).isTrue();
    assertThat(counter.take(seen, 32)).as("the loser decides again").isFalse();
    assertThat(counter.takeAhead(seen, 2048)).isNull();
    assertThat(counter.state()).isEqualTo(new SqnCounters.State(1024, 32));
  }

  @Test
  void aRaiseAfterTheCounterMovedOnChangesNothing() {
    SqnCounters.Counter counter = SqnCounters.bounded(4).openOrStart("alice", 0);
    SqnCounters.State first = counter.takeAhead(counter.state(), 32);
    SqnCounters.State second = counter.takeAhead(first, 64);

    counter.raise(first, 1056);
    assertThat(counter.state()).isSameAs(second);
    counter.raise(second, 1088);
    assertThat(counter.state()).isEqualTo(new SqnCounters.State(1088, 64));
  }

  @Test
  void aResynchronisationBelowTheMarkLetsNothingBeTakenUntilItsMarkIsDurable() {
    SqnCounters.Counter counter = raisedCounter(SqnCounters.bounded(4), "alice", 320, 1056);

    SqnCounters.State pending = counter.takeAhead(counter.state(), 160);

    assertThat(pending).isEqualTo(new SqnCounters.State(160, 160));
    assertThat(counter.take(pending, 192)).isFalse();
  }

  @Test
  void aForgottenCounterIsClosedForWhoeverStillHoldsIt() {
    SqnCounters counters = SqnCounters.bounded(4);
    SqnCounters.Counter old = raisedCounter(counters, "alice", 0, 1024);
    SqnCounters.State seen = old.state();

    counters.forget(List.of("alice"));

    assertThat(old.take(seen, 32)).isFalse();
    assertThat(counters.open("alice")).isNull();
    SqnCounters.Counter fresh = counters.openOrStart("alice", 2048);
    assertThat(fresh).isNotSameAs(old);
    assertThat(fresh.state()).isEqualTo(new SqnCounters.State(2048, 2048));
  }

  @Test
  void atMostCapacityCountersAreKeptAndTheOldestLeavesClosed() {
    SqnCounters counters = SqnCounters.bounded(2);
    SqnCounters.Counter alice = raisedCounter(counters, "alice", 0, 1024);
    raisedCounter(counters, "bob", 0, 1024);
    SqnCounters.State seen = alice.state();

    raisedCounter(counters, "carol", 0, 1024);

    assertThat(counters.size()).isEqualTo(2);
    assertThat(counters.open("alice")).isNull();
    assertThat(alice.take(seen, 32)).isFalse();
    assertThat(counters.open("bob")).isNotNull();
    assertThat(counters.open("carol")).isNotNull();
  }

  @Test
  void noneKeepsNothing() {
    SqnCounters none = SqnCounters.none();
    SqnCounters.Counter counter = none.openOrStart("alice", 96);

    assertThat(none.kept()).isFalse();
    assertThat(counter.state()).isEqualTo(new SqnCounters.State(96, 96));
    assertThat(none.open("alice")).isNull();
    assertThat(none.size()).isZero();
  }

  /** A counter at {@code last} under a durable {@code mark}, as a writer leaves it. */
  private static SqnCounters.Counter raisedCounter(SqnCounters counters, String impi, long last, long mark) {
    SqnCounters.Counter counter = counters.openOrStart(impi, last);
    SqnCounters.State pending = counter.takeAhead(counter.state(), last);
    counter.raise(pending, mark);
    return counter;
  }
}
