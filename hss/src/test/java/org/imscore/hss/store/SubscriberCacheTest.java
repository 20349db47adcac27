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
}
