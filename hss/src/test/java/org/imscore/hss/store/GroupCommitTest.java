package org.imscore.hss.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void aCommitIsDurableOnlyAfterAFlushThatStartedAfterIt() {
    AtomicInteger flushes = new AtomicInteger();
    GroupCommit commits = new GroupCommit(flushes::incrementAndGet);

    long ticket = commits.committed();
    CompletableFuture<Void> durable = commits.whenDurable(ticket);

    assertThat(durable).isCompleted();
    assertThat(flushes).hasValue(1);
    // Already durable: no second flush.
    assertThat(commits.whenDurable(ticket)).isCompleted();
    assertThat(flushes).hasValue(1);
  }

  @Test
  void commitsMadeDuringAFlushAreWrittenTogetherByTheNextOne() throws Exception {
    CountDownLatch flushing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger flushes = new AtomicInteger();
    GroupCommit commits =
        new GroupCommit(
            () -> {
              if (flushes.incrementAndGet() == 1) {
                flushing.countDown();
                release.await(5, TimeUnit.SECONDS);
              }
            });
    long first = commits.committed();
    CompletableFuture<Void> firstDurable =
        CompletableFuture.supplyAsync(() -> commits.whenDurable(first)).thenCompose(f -> f);
    assertThat(flushing.await(5, TimeUnit.SECONDS)).isTrue();

    // While the first flush runs: ten more commits wait, none of them flushes by itself.
    List<CompletableFuture<Void>> later = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      later.add(commits.whenDurable(commits.committed()));
    }
    assertThat(later).noneMatch(CompletableFuture::isDone);
    assertThat(flushes).hasValue(1);

    release.countDown();
    firstDurable.get(5, TimeUnit.SECONDS);
    CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
    assertThat(flushes).hasValue(2);
  }

  @Test
  void aFailedFlushFailsItsWaitersAndTheNextFlushIsTried() {
    AtomicInteger flushes = new AtomicInteger();
    GroupCommit commits =
        new GroupCommit(
            () -> {
              if (flushes.incrementAndGet() == 1) {
                throw new java.io.IOException("disk full");
              }
            });

    long ticket = commits.committed();
    assertThatThrownBy(() -> commits.awaitDurable(ticket))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("disk full");
    commits.awaitDurable(ticket);
    assertThat(flushes).hasValue(2);
  }

  @Test
  void aStoreWhoseCommitIsDurableNeverFlushes() {
    GroupCommit commits = GroupCommit.immediate();

    assertThat(commits.whenDurable(commits.committed())).isCompleted();
  }
}
