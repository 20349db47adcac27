package org.imscore.benchmarks.sip;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ManualTimerService;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.TransactionLayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole transaction per operation, through the transaction layer on a simulated clock and an in-memory
 * transport that serializes what it is given (as the Netty transport does) and writes nowhere:
 *
 * <ul>
 *   <li>{@code serverNonInvite}: a REGISTER arrives, the TU answers 200 at once, the transaction waits out Timer J
 *       (RFC 3261 §17.2.2); {@code serverNonInviteRetransmitted}: the same with one retransmission of the REGISTER
 *       answered from the transaction;</li>
 *   <li>{@code serverInviteAccepted}: INVITE, 100 Trying from the transaction, 200 from the TU, the ACK (to the TU),
 *       Timer L (RFC 6026 §7.1); {@code serverInviteRejected}: 486, the ACK absorbed, Timer I;</li>
 *   <li>{@code clientNonInvite}: a REGISTER we forward, its 200, Timer K; {@code clientInviteAccepted}: an INVITE we
 *       forward as a proxy (Timer C on), 100, 180, 200, Timer M; {@code clientInviteRejected}: 100, 486, our ACK,
 *       Timer D.</li>
 * </ul>
 * Each operation ends by moving the clock past every wait timer, so the transaction is gone and the next operation
 * starts from empty tables. Run with the allocation profiler:
 * {@code java -jar benchmarks/target/benchmarks.jar TransactionLayer -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransactionLayerBenchmark {

    /** Longer than every wait timer (J, L, M, D = 32 s; I, K = T4): the transaction ends within it. */
    private static final Duration PAST_WAIT_TIMERS = Duration.ofSeconds(33);

    private ManualTimerService clock;
    private InMemoryTransport transport;
    private TransactionLayer registrar;
    private TransactionLayer uas;
    private TransactionLayer busyUas;
    private TransactionLayer proxy;

    private SipRequest register;
    private SipRequest invite;
    private SipRequest ackFor200;
    private SipRequest ackFor486;
    private SipRequest forwardedRegister;
    private SipResponse registerOk;
    private SipRequest forwardedInvite;
    private SipResponse trying;
    private SipResponse ringing;
    private SipResponse inviteOk;
    private SipResponse busy;

    @Setup
    public void setUp() {
        clock = new ManualTimerService();
        transport = new InMemoryTransport();
        registrar = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT, TransactionTraffic.answering(200));
        uas = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT, TransactionTraffic.answering(200));
        busyUas = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT, TransactionTraffic.answering(486));
        proxy = new TransactionLayer(transport, clock, TransactionConfig.PROXY, TransactionTraffic.answering(200));

        register = TransactionTraffic.register("z9hG4bK-bench-reg");
        invite = TransactionTraffic.invite("z9hG4bK-bench-inv");
        ackFor200 = TransactionTraffic.ack(invite, "a7f3c2d1", "z9hG4bK-bench-ack");
        ackFor486 = TransactionTraffic.ack(invite, "a7f3c2d1", null);
        forwardedRegister = TransactionTraffic.forwardedRegister("z9hG4bK-bench-fwd-reg");
        registerOk = TransactionTraffic.answer(forwardedRegister, 200, "b81e9a0c");
        forwardedInvite = TransactionTraffic.forwardedInvite("z9hG4bK-bench-fwd-inv");
        trying = TransactionTraffic.answer(forwardedInvite, 100, null);
        ringing = TransactionTraffic.answer(forwardedInvite, 180, "b81e9a0c");
        inviteOk = TransactionTraffic.answer(forwardedInvite, 200, "b81e9a0c");
        busy = TransactionTraffic.answer(forwardedInvite, 486, "b81e9a0c");
    }

    @Benchmark
    public long serverNonInvite() {
        registrar.onMessage(TransactionTraffic.fromUe(register));
        clock.advance(PAST_WAIT_TIMERS);
        return transport.octets;
    }

    @Benchmark
    public long serverNonInviteRetransmitted() {
        registrar.onMessage(TransactionTraffic.fromUe(register));
        registrar.onMessage(TransactionTraffic.fromUe(register));
        clock.advance(PAST_WAIT_TIMERS);
        return transport.octets;
    }

    @Benchmark
    public long serverInviteAccepted() {
        uas.onMessage(TransactionTraffic.fromUe(invite));
        uas.onMessage(TransactionTraffic.fromUe(ackFor200));
        clock.advance(PAST_WAIT_TIMERS);
        return transport.octets;
    }

    @Benchmark
    public long serverInviteRejected() {
        busyUas.onMessage(TransactionTraffic.fromUe(invite));
        busyUas.onMessage(TransactionTraffic.fromUe(ackFor486));
        clock.advance(PAST_WAIT_TIMERS);
        return transport.octets;
    }

    @Benchmark
    public long clientNonInvite() {
        proxy.sendRequest(forwardedRegister, TransactionTraffic.NEXT_HOP, ClientTransactionListener.IGNORE);
        proxy.onMessage(TransactionTraffic.fromNextHop(registerOk));
        clock.advance(PAST_WAIT_TIMERS);
        return transport.octets;
    }

    @Benchmark
    public long clientInviteAccepted() {
        proxy.sendRequest(forwardedInvite, TransactionTraffic.NEXT_HOP, ClientTransactionListener.IGNORE);
        proxy.onMessage(TransactionTraffic.fromNextHop(trying));
        proxy.onMessage(TransactionTraffic.fromNextHop(ringing));
        proxy.onMessage(TransactionTraffic.fromNextHop(inviteOk));
        clock.advance(PAST_WAIT_TIMERS);
        return transport.octets;
    }

    @Benchmark
    public long clientInviteRejected() {
        proxy.sendRequest(forwardedInvite, TransactionTraffic.NEXT_HOP, ClientTransactionListener.IGNORE);
        proxy.onMessage(TransactionTraffic.fromNextHop(trying));
        proxy.onMessage(TransactionTraffic.fromNextHop(busy));
        clock.advance(PAST_WAIT_TIMERS);
        return transport.octets;
    }
}
