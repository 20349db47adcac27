package org.imscore.hss.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.hss.testing.Subscribers;
import org.junit.jupiter.api.Test;

class SubscriberCacheTest {

  private final SubscriberCache cache = new SubscriberCache(10);

  @Test
  void aValueReadOnceIsServedFromTheCacheUntilInvalidated() throws Exception {
    AtomicInteger loads = new AtomicInteger();

    for (int i = 0; i < 3; i++) {
      assertThat(cache.impiOf("sip:a@x", () -> Optional.of("a" + loads.incrementAndGet()))).contains("a1");
    }
    cache.invalidate(List.of(), List.of("sip:a@x"));

    assertThat(cache.impiOf("sip:a@x", () -> Optional.of("a" + loads.incrementAndGet()))).contains("a2");
  }

  @Test
  void aValueReadWhileAWriteEndedIsNotKept() throws Exception {
    // The load sees the database before the write; the write's invalidation comes before the load ends.
    Optional<String> stale =
        cache.impiOf(
            "sip:a@x",
            () -> {
              cache.invalidate(List.of(), List.of("sip:a@x"));
              return Optional.of("before the write");
            });

    assertThat(stale).contains("before the write");
    assertThat(cache.impiOf("sip:a@x", () -> Optional.of("after the write"))).contains("after the write");
  }

  @Test
  void unknownIdentitiesAreNotCached() throws Exception {
    assertThat(cache.impiOf("sip:new@x", Optional::empty)).isEmpty();

    assertThat(cache.impiOf("sip:new@x", () -> Optional.of("provisioned since"))).contains("provisioned since");
  }

  @Test
  void pastItsCapacityTheNewestReadGetsInAndAnOlderOneGoes() throws Exception {
    SubscriberCache small = new SubscriberCache(1);
    AtomicInteger loads = new AtomicInteger();
    small.impiOf("sip:a@x", () -> Optional.of("a" + loads.incrementAndGet()));

    // b pushes a out: the burst of requests for b is served from the cache.
    small.impiOf("sip:b@x", () -> Optional.of("b" + loads.incrementAndGet()));
    small.impiOf("sip:b@x", () -> Optional.of("b" + loads.incrementAndGet()));
    assertThat(loads).hasValue(2);
    assertThat(small.size()).isZero(); // size counts subscribers; these were IMPU entries

    // a was pushed out: read again from the loader.
    assertThat(small.impiOf("sip:a@x", () -> Optional.of("a" + loads.incrementAndGet()))).contains("a3");
  }

  @Test
  void aCacheOfSizeZeroAlwaysLoads() throws Exception {
    SubscriberCache none = new SubscriberCache(0);
    AtomicInteger loads = new AtomicInteger();

    none.impiOf("sip:a@x", () -> Optional.of("a" + loads.incrementAndGet()));
    none.impiOf("sip:a@x", () -> Optional.of("a" + loads.incrementAndGet()));

    assertThat(loads).hasValue(2);
  }

  @Test
  void aWritersPutReplacesAFillThatBeganBeforeItsCommit() throws Exception {
    SubscriberSpec spec = Subscribers.simple("a", "tel:+1");
    Subscriber before = new Subscriber(spec.impi(), spec.auth(), 0, spec.publicIdentities(), spec.serviceProfiles(),
        null, Map.of());
    Subscriber committed = new Subscriber(before.impi(), before.auth(), 32, before.publicIdentities(),
        before.serviceProfiles(), before.scscf(), before.states());

    Optional<SubscriberReads.Loaded> stale =
        cache.subscriber(
            before.impi(),
            () -> {
              cache.put(before.impi(), new SubscriberReads.Loaded(1, committed));
              return Optional.of(new SubscriberReads.Loaded(1, before));
            });

    assertThat(stale.orElseThrow().subscriber().sqn()).isZero();
    assertThat(cache.subscriber(before.impi(), Optional::empty).orElseThrow().subscriber().sqn()).isEqualTo(32);
  }

  @Test
  void pastItsCapacityTheOldestEntryGoesFirst() throws Exception {
    SubscriberCache three = new SubscriberCache(3);
    AtomicInteger loads = new AtomicInteger();
    for (String user : List.of("a", "b", "c", "d")) {
      three.impiOf("sip:" + user + "@x", () -> Optional.of(user + loads.incrementAndGet()));
    }
    assertThat(loads).hasValue(4);
    assertThat(three.impuEntries()).isEqualTo(3);

    // b, c and d are served from the cache; a, the oldest, went when d came in.
    assertThat(three.impiOf("sip:b@x", () -> Optional.of("reloaded"))).contains("b2");
    assertThat(three.impiOf("sip:c@x", () -> Optional.of("reloaded"))).contains("c3");
    assertThat(three.impiOf("sip:d@x", () -> Optional.of("reloaded"))).contains("d4");
    assertThat(three.impiOf("sip:a@x", () -> Optional.of("a" + loads.incrementAndGet()))).contains("a5");
    // a came back as the newest and pushed out b, now the oldest; reading c and d did not change their turn.
    assertThat(three.impiOf("sip:b@x", () -> Optional.of("b" + loads.incrementAndGet()))).contains("b6");
    assertThat(three.impiOf("sip:a@x", () -> Optional.of("reloaded"))).contains("a5");
  }

  @Test
  void theCacheNeverHoldsMoreThanItsCapacityWhateverComesIn() throws Exception {
    SubscriberCache small = new SubscriberCache(64);
    SubscriberSpec spec = Subscribers.simple("a", "tel:+1");
    for (int i = 0; i < 10_000; i++) {
      String impi = "user" + i + "@x";
      Subscriber subscriber =
          new Subscriber(impi, spec.auth(), 0, spec.publicIdentities(), spec.serviceProfiles(), null, Map.of());
      small.subscriber(impi, () -> Optional.of(new SubscriberReads.Loaded(1, subscriber)));
      small.impiOf("sip:user" + i + "@x", () -> Optional.of(impi));
      if (i % 3 == 0) {
        // A writer's invalidation and put: the same key enters again.
        small.invalidate(List.of(impi), List.of());
        small.put(impi, new SubscriberReads.Loaded(1, subscriber));
      }
      assertThat(small.size()).isLessThanOrEqualTo(64);
      assertThat(small.impuEntries()).isLessThanOrEqualTo(64);
    }
    assertThat(small.impuEntries()).isEqualTo(64);
    // The newest are the ones kept.
    assertThat(small.subscriber("user9999@x", () -> Optional.empty())).isPresent();
    assertThat(small.impiOf("sip:user9999@x", Optional::empty)).contains("user9999@x");
  }

  @Test
  void anEvictedFillIsNotKeptWhenItsReadEnds() throws Exception {
    SubscriberCache one = new SubscriberCache(1);

    // While a's read runs, b comes in and takes the only slot: a's fill token goes, so a's value is not kept.
    one.impiOf("sip:a@x", () -> {
      one.impiOf("sip:b@x", () -> Optional.of("b"));
      return Optional.of("a");
    });

    assertThat(one.impuEntries()).isEqualTo(1);
    assertThat(one.impiOf("sip:b@x", () -> Optional.of("reloaded"))).contains("b");
  }
}
