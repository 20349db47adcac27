package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.Transport;
import org.junit.jupiter.api.Test;

/** The timers of one transaction on one scheduled timeout: order, laziness, and what it means for a transaction. */
class TimerSetTest extends TransactionTestBase {

    private final TimerSet set = new TimerSet();
    private final List<String> wakes = new ArrayList<>();
    private final Runnable wake = () -> wakes.add("woke at " + clock.now().toMillis());

    private long at(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void dueTimersComeOutByDeadlineThenByStartOrder() {
        set.start(RfcTimer.F, at(64));
        set.start(RfcTimer.E, at(32));
        set.start(RfcTimer.E, at(64)); // restarted: now started after F
        set.start(RfcTimer.K, at(10));

        assertThat(set.pollDue(at(9))).isNull();
        assertThat(set.pollDue(at(64))).isEqualTo(RfcTimer.K);
        assertThat(set.pollDue(at(64))).isEqualTo(RfcTimer.F);
        assertThat(set.pollDue(at(64))).isEqualTo(RfcTimer.E);
        assertThat(set.pollDue(at(64))).isNull();
    }

    @Test
    void oneWakeUpIsScheduledAndReplacedOnlyWhenATimerMustFireSooner() {
        set.start(RfcTimer.B, at(32_000));
        set.rearm(clock, 0, wake);
        set.start(RfcTimer.C, at(181_000));
        set.rearm(clock, 0, wake);
        assertThat(clock.pendingDelays()).containsExactly(Duration.ofSeconds(32));

        set.start(RfcTimer.A, at(500));
        set.rearm(clock, 0, wake);
        assertThat(clock.pendingDelays()).containsExactly(Duration.ofMillis(500));

        set.stop(RfcTimer.A); // stopping leaves the early wake-up: it will find nothing due
        set.rearm(clock, 0, wake);
        assertThat(clock.pendingDelays()).containsExactly(Duration.ofMillis(500));

        set.clear();
        assertThat(clock.pending()).isZero();
        assertThat(wakes).isEmpty();
    }

    @Test
    void aFourthTimerAtOnceIsADefect() {
        set.start(RfcTimer.A, at(1));
        set.start(RfcTimer.B, at(2));
        set.start(RfcTimer.C, at(3));
        assertThatThrownBy(() -> set.start(RfcTimer.D, at(4))).isInstanceOf(IllegalStateException.class);
        set.stop(RfcTimer.B);
        set.start(RfcTimer.D, at(4));
        assertThat(set.isRunning(RfcTimer.D)).isTrue();
        assertThat(set.isRunning(RfcTimer.B)).isFalse();
    }

    @Test
    void aProxyInviteRunsTimersABAndCOnOneTimeoutAndRestartingTimerCSchedulesNothing() {
        layer = new TransactionLayer(transport, clock, TransactionConfig.PROXY, user);
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        assertThat(clock.pending()).isEqualTo(1);

        clock.advance(ms(100));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 183), Wire.PEER_UDP));
        assertThat(clock.pending()).isEqualTo(1);

        clock.advance(ms(400)); // the wake-up for Timer A finds it stopped and sleeps until Timer C
        assertThat(transport.requests).hasSize(1);
        assertThat(clock.pendingDelays()).containsExactly(ms(180_600)); // C restarted by the 183 at 0.1 s

        clock.advance(ms(180_599));
        assertThat(listener.timerC).isZero();
        clock.advance(ms(1));
        assertThat(listener.timerC).isEqualTo(1); // §16.8: the proxy is to CANCEL
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(clock.pending()).isEqualTo(1);
    }

    @Test
    void timersDueAtTheSameInstantFireInTheOrderTheyWereStarted() {
        // T1 = T2 = 1 s: Timer E fires every second, Timer F at 64 s, both at 64 s. F was started first, E last
        // restarted at 63 s: F fires first and the transaction times out without a 65th send.
        SipTimers timers = new SipTimers(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(181));
        layer = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT.withTimers(timers), user);
        ClientTransaction tx = layer.sendRequest(outgoing("OPTIONS", Transport.UDP), Wire.PEER_UDP, listener);

        clock.advance(s(64));

        assertThat(transport.requests).hasSize(64);
        assertThat(transport.requestTimes.get(63)).isEqualTo(s(63));
        assertThat(listener.timeouts).hasSize(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(clock.pending()).isZero();
    }
}
