package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulated clock used by every timer test, and the wheel used in production. */
class TimerServiceTest {

    @Test
    void manualClockRunsDueTasksInDeadlineOrderOnlyWhenAdvanced() {
        ManualTimerService clock = new ManualTimerService();
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofMillis(300), () -> ran.add("c@" + clock.now().toMillis()));
        clock.schedule(Duration.ofMillis(100), () -> ran.add("a@" + clock.now().toMillis()));
        clock.schedule(Duration.ofMillis(100), () -> ran.add("b@" + clock.now().toMillis()));
        assertThat(ran).isEmpty();
        assertThat(clock.pendingDelays()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100),
                Duration.ofMillis(300));

        clock.advance(Duration.ofMillis(100));
        assertThat(ran).containsExactly("a@100", "b@100");
        clock.advance(Duration.ofMillis(1000));
        assertThat(ran).containsExactly("a@100", "b@100", "c@300");
        assertThat(clock.now()).isEqualTo(Duration.ofMillis(1100));
    }

    @Test
    void tasksScheduledWhileAdvancingRunIfTheyFallDue() {
        ManualTimerService clock = new ManualTimerService();
        List<Long> ran = new ArrayList<>();
        Runnable[] again = new Runnable[1];
        again[0] = () -> {
            ran.add(clock.now().toMillis());
            clock.schedule(Duration.ofMillis(500), again[0]);
        };
        clock.schedule(Duration.ofMillis(500), again[0]);
        clock.advance(Duration.ofMillis(1700));
        assertThat(ran).containsExactly(500L, 1000L, 1500L);
        assertThat(clock.pending()).isEqualTo(1);
    }

    @Test
    void cancelledTasksDoNotRun() {
        ManualTimerService clock = new ManualTimerService();
        List<String> ran = new ArrayList<>();
        TimerService.Timeout t = clock.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
        assertThat(t.cancel()).isTrue();
        assertThat(t.cancel()).isFalse();
        assertThat(t.isCancelled()).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(ran).isEmpty();
        assertThat(clock.pending()).isZero();

        TimerService.Timeout done = clock.schedule(Duration.ZERO, () -> ran.add("now"));
        clock.runDue();
        assertThat(ran).containsExactly("now");
        assertThat(done.cancel()).isFalse(); // already ran
    }

    @Test
    void wheelRunsTasksAndHonoursCancel() throws InterruptedException {
        try (WheelTimerService wheel = new WheelTimerService()) {
            CountDownLatch fired = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            TimerService.Timeout cancelled = wheel.schedule(Duration.ofMillis(50), never::countDown);
            assertThat(cancelled.cancel()).isTrue();
            wheel.schedule(Duration.ofMillis(20), fired::countDown);
            wheel.schedule(Duration.ofMillis(10), () -> {
                throw new IllegalStateException("a failing task does not stop the wheel");
            });
            assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(never.await(200, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(cancelled.isCancelled()).isTrue();
        }
    }

    @Test
    void derivedTimersFollowT1T2AndT4() {
        SipTimers t = new SipTimers(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMinutes(3));
        assertThat(t.timerB()).isEqualTo(Duration.ofSeconds(16));
        assertThat(t.timerF()).isEqualTo(Duration.ofSeconds(16));
        assertThat(t.timerH()).isEqualTo(Duration.ofSeconds(16));
        assertThat(t.timerJ(false)).isEqualTo(Duration.ofSeconds(16));
        assertThat(t.timerL()).isEqualTo(Duration.ofSeconds(16));
        assertThat(t.timerM()).isEqualTo(Duration.ofSeconds(16));
        assertThat(t.timerD(false)).isEqualTo(Duration.ofSeconds(32));
        assertThat(t.timerI(false)).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.timerK(false)).isEqualTo(Duration.ofSeconds(3));
        assertThat(List.of(t.timerD(true), t.timerI(true), t.timerJ(true), t.timerK(true)))
                .containsOnly(Duration.ZERO);
        assertThat(t.doubledUpToT2(Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(500));
        assertThat(t.doubledUpToT2(Duration.ofMillis(1500)))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(SipTimers.DEFAULT.t1()).isEqualTo(Duration.ofMillis(500));
        assertThat(SipTimers.DEFAULT.t2()).isEqualTo(Duration.ofSeconds(4));
        assertThat(SipTimers.DEFAULT.t4()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void nonsenseTimersAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SipTimers(Duration.ofSeconds(5),
                Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofMinutes(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T1 <= T2");
    }

    @Test
    void wheelRunsWaitsOfEachDelayInOrderAfterTheirDelay() throws InterruptedException {
        try (WheelTimerService wheel = new WheelTimerService()) {
            List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(7);
            long start = System.nanoTime();
            long[] shortRan = new long[1];
            for (int i = 0; i < 5; i++) {
                String name = "long" + i;
                wheel.scheduleWait(Duration.ofMillis(200), () -> {
                    ran.add(name);
                    all.countDown();
                });
            }
            wheel.scheduleWait(Duration.ofMillis(20), () -> {
                throw new IllegalStateException("a failing wait does not stop the others");
            });
            wheel.scheduleWait(Duration.ofMillis(20), () -> {
                shortRan[0] = System.nanoTime();
                ran.add("short");
                all.countDown();
            });
            wheel.scheduleWait(Duration.ZERO, all::countDown);
            assertThat(wheel.pendingWaits()).isEqualTo(8);

            assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("short", "long0", "long1", "long2", "long3", "long4");
            assertThat(shortRan[0] - start).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
            assertThat(wheel.pendingWaits()).isZero();
        }
    }

    @Test
    void aWaitQueueKeepsItsOrderAcrossWrapAroundAndGrowth() {
        WaitQueue queue = new WaitQueue(100);
        List<Integer> ran = new ArrayList<>();
        Runnable[] due = new Runnable[16];
        long now = 0;
        int next = 0;
        int expected = 0;
        // Add and take in uneven rounds so that the ring wraps and then grows while wrapped.
        for (int round = 0; round < 40; round++) {
            int adds = round < 20 ? 7 : 13;
            for (int i = 0; i < adds; i++) {
                int id = next++;
                queue.add(() -> ran.add(id), now++);
            }
            int n = queue.takeDue(now - 90, due); // due: the waits made 190 ticks ago or earlier
            for (int i = 0; i < n; i++) {
                due[i].run();
            }
        }
        int n;
        while ((n = queue.takeDue(Long.MAX_VALUE / 2, due)) > 0) {
            for (int i = 0; i < n; i++) {
                due[i].run();
            }
        }
        assertThat(queue.size()).isZero();
        assertThat(ran).hasSize(next);
        for (int id : ran) {
            assertThat(id).isEqualTo(expected++);
        }
        assertThat(queue.takeDue(Long.MAX_VALUE / 2, due)).isZero();
    }

    @Test
    void aWaitQueueGivesBackItsPeakRoomWhenItEmpties() {
        WaitQueue queue = new WaitQueue(0);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int id = i;
            queue.add(() -> ran.add(id), i);
        }
        assertThat(queue.capacity()).isGreaterThanOrEqualTo(10_000);
        Runnable[] due = new Runnable[100];
        int n;
        while ((n = queue.takeDue(Long.MAX_VALUE / 2, due)) > 0) {
            for (int i = 0; i < n; i++) {
                due[i].run();
            }
        }
        assertThat(ran).hasSize(10_000);
        for (int i = 0; i < ran.size(); i++) {
            assertThat(ran.get(i)).isEqualTo(i);
        }
        assertThat(queue.capacity()).isLessThanOrEqualTo(128);
    }

    @Test
    void aWaitIsNotDueBeforeItsDelay() {
        WaitQueue queue = new WaitQueue(1_000);
        queue.add(() -> { }, 5_000);
        Runnable[] due = new Runnable[4];
        assertThat(queue.takeDue(5_999, due)).isZero();
        assertThat(queue.takeDue(6_000, due)).isEqualTo(1);
    }
}
