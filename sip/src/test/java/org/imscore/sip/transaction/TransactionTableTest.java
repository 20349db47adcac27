package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransactionTableTest {

    private static TransactionKey key(int i) {
        return new TransactionKey("z9hG4bK" + i, "127.0.0.1:5080", "REGISTER");
    }

    @Test
    void putIfAbsentKeepsTheFirstEntryAndReturnsIt() {
        TransactionTable<TransactionKey, Object> table = new TransactionTable<>();
        Object first = new Object();
        Object second = new Object();

        assertThat(table.putIfAbsent(key(1), first)).isNull();
        assertThat(table.putIfAbsent(key(1), second)).isSameAs(first);
        assertThat(table.get(key(1))).isSameAs(first);
        assertThat(table.get(key(2))).isNull();
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void replaceAndRemoveActOnlyOnTheEntryNamed() {
        TransactionTable<TransactionKey, Object> table = new TransactionTable<>();
        Object live = new Object();
        Object record = new Object();
        table.putIfAbsent(key(1), live);

        assertThat(table.replace(key(1), new Object(), record)).isFalse();
        assertThat(table.replace(key(2), live, record)).isFalse(); // no such key: nothing is added
        assertThat(table.get(key(2))).isNull();
        assertThat(table.replace(key(1), live, record)).isTrue();
        assertThat(table.get(key(1))).isSameAs(record);

        assertThat(table.remove(key(1), live)).isFalse(); // the transaction was handed over to its record
        assertThat(table.remove(key(1), record)).isTrue();
        assertThat(table.get(key(1))).isNull();
        assertThat(table.remove(key(1), record)).isFalse();
        assertThat(table.size()).isZero();
    }

    @Test
    void aDrainedTableIsSizedForWhatIsLeftNotForItsPeak() {
        TransactionTable<TransactionKey, Object> table = new TransactionTable<>();
        List<Object> entries = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            entries.add(new Object());
            table.putIfAbsent(key(i), entries.get(i));
        }
        assertThat(table.sizedFor()).isEqualTo(40_000);

        for (int i = 0; i < 39_000; i++) {
            table.remove(key(i), entries.get(i));
        }

        assertThat(table.size()).isEqualTo(1_000);
        // Each shard was copied when down to an eighth of its peak (2,500 or so), and is sized for that since.
        assertThat(table.sizedFor()).isLessThanOrEqualTo(40_000 / 8);
        for (int i = 39_000; i < 40_000; i++) {
            assertThat(table.get(key(i))).isSameAs(entries.get(i)); // the copies kept every entry
        }
    }

    @Test
    void aTableThatNeverReachedTheThresholdIsNotCopied() {
        TransactionTable<TransactionKey, Object> table = new TransactionTable<>();
        Object entry = new Object();
        for (int round = 0; round < 100; round++) {
            table.putIfAbsent(key(round), entry);
            table.remove(key(round), entry);
        }
        // Each shard's peak stays at the one or two entries it held: it never had 256 to shed.
        assertThat(table.sizedFor()).isLessThanOrEqualTo(16 * 2);
    }

    @Test
    void threadsAddingAndRemovingTheirOwnKeysWhileTheTableShrinksLoseNothing() throws Exception {
        TransactionTable<TransactionKey, Object> table = new TransactionTable<>();
        int threads = 4;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> lost = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            lost.add(pool.submit(() -> {
                start.await();
                Object mine = new Object();
                int missing = 0;
                for (int i = base; i < base + perThread; i++) {
                    table.putIfAbsent(key(i), mine);
                }
                for (int i = base; i < base + perThread; i++) {
                    if (table.get(key(i)) != mine) {
                        missing++;
                    }
                    // Keep every tenth: the rest drains, so shards shrink while the other threads work.
                    if (i % 10 != 0 && !table.remove(key(i), mine)) {
                        missing++;
                    }
                }
                return missing;
            }));
        }
        start.countDown();
        for (Future<Integer> f : lost) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isZero();
        }
        pool.shutdown();

        assertThat(table.size()).isEqualTo(threads * perThread / 10);
        for (int i = 0; i < threads * perThread; i += 10) {
            assertThat(table.get(key(i))).isNotNull();
        }
    }
}
