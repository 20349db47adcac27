package org.imscore.benchmarks.sip;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.imscore.benchmarks.HeapUsed;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ClientTransaction;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ManualTimerService;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.TransactionLayer;

/**
 * The heap a finished transaction keeps while it waits out its RFC timer: completes {@code count} transactions of
 * one kind on a simulated clock that never moves (so every one of them is still in its wait state), then reports
 * the used heap after full collections, minus the same figure before, divided by {@code count}.
 *
 * <p>Kinds: {@code serverNonInvite} (REGISTER answered 200, Completed, Timer J), {@code serverInviteAccepted}
 * (INVITE answered 100 and 200, Accepted, Timer L), {@code serverInviteConfirmed} (486 and its ACK, Confirmed,
 * Timer I), {@code clientNonInvite} (a forwarded REGISTER and its 200, Completed, Timer K),
 * {@code clientInviteCompleted} (a forwarded INVITE and a 486, Completed, Timer D), {@code clientInviteAccepted}
 * (a forwarded INVITE and a 200, Accepted, Timer M). The transaction user answers at once and keeps nothing; a
 * client listener holds the request it sent, as a proxy's does.
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * org.imscore.benchmarks.sip.TransactionFootprint [count] [kind...]}.
 */
public final class TransactionFootprint {


    private TransactionFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Map<String, BiConsumer<TransactionLayer, Integer>> kinds = kinds();
        List<String> chosen = args.length > 1 ? List.of(args).subList(1, args.length) : List.copyOf(kinds.keySet());
        System.out.printf("%-24s %10s %14s%n", "kind", "count", "bytes/tx");
        for (String kind : chosen) {
            BiConsumer<TransactionLayer, Integer> run = kinds.get(kind);
            if (run == null) {
                throw new IllegalArgumentException("unknown kind " + kind + "; known: " + kinds.keySet());
            }
            System.out.printf("%-24s %10d %14.0f%n", kind, count, bytesPerTransaction(kind, run, count));
        }
    }

    private static double bytesPerTransaction(String kind, BiConsumer<TransactionLayer, Integer> run, int count)
            throws InterruptedException {
        ManualTimerService clock = new ManualTimerService();
        int status = kind.equals("serverInviteConfirmed") ? 486 : 200;
        TransactionLayer layer = new TransactionLayer(new InMemoryTransport(), clock, TransactionConfig.PROXY,
                TransactionTraffic.answering(status));
        // Warm the code paths (and their class loading) before the first measurement, then let them end.
        for (int i = 0; i < 1_000; i++) {
            run.accept(layer, -1 - i);
        }
        clock.advance(Duration.ofMinutes(5));
        long before = HeapUsed.afterGc();
        for (int i = 0; i < count; i++) {
            run.accept(layer, i);
        }
        long after = HeapUsed.afterGc();
        int alive = layer.serverTransactionCount() + layer.clientTransactionCount();
        if (alive != count) {
            throw new IllegalStateException(kind + ": " + alive + " transactions alive, expected " + count);
        }
        Reference.reachabilityFence(layer);
        Reference.reachabilityFence(clock);
        return (after - before) / (double) count;
    }

    private static Map<String, BiConsumer<TransactionLayer, Integer>> kinds() {
        Map<String, BiConsumer<TransactionLayer, Integer>> kinds = new LinkedHashMap<>();
        kinds.put("serverNonInvite", (layer, i) ->
                layer.onMessage(TransactionTraffic.fromUe(TransactionTraffic.register("z9hG4bK-fp-" + i))));
        kinds.put("serverInviteAccepted", (layer, i) -> {
            SipRequest invite = TransactionTraffic.invite("z9hG4bK-fp-" + i);
            layer.onMessage(TransactionTraffic.fromUe(invite));
            layer.onMessage(TransactionTraffic.fromUe(TransactionTraffic.ack(invite, "a7f3c2d1", "z9hG4bK-ack-" + i)));
        });
        kinds.put("serverInviteConfirmed", (layer, i) -> {
            SipRequest invite = TransactionTraffic.invite("z9hG4bK-fp-" + i);
            layer.onMessage(TransactionTraffic.fromUe(invite));
            layer.onMessage(TransactionTraffic.fromUe(TransactionTraffic.ack(invite, "a7f3c2d1", null)));
        });
        kinds.put("clientNonInvite", (layer, i) -> {
            SipRequest out = TransactionTraffic.forwardedRegister("z9hG4bK-fp-" + i);
            layer.sendRequest(out, TransactionTraffic.NEXT_HOP, new HoldingListener(out));
            layer.onMessage(TransactionTraffic.fromNextHop(TransactionTraffic.answer(out, 200, "b81e9a0c")));
        });
        kinds.put("clientInviteCompleted", (layer, i) -> {
            SipRequest out = TransactionTraffic.forwardedInvite("z9hG4bK-fp-" + i);
            layer.sendRequest(out, TransactionTraffic.NEXT_HOP, new HoldingListener(out));
            layer.onMessage(TransactionTraffic.fromNextHop(TransactionTraffic.answer(out, 486, "b81e9a0c")));
        });
        kinds.put("clientInviteAccepted", (layer, i) -> {
            SipRequest out = TransactionTraffic.forwardedInvite("z9hG4bK-fp-" + i);
            layer.sendRequest(out, TransactionTraffic.NEXT_HOP, new HoldingListener(out));
            layer.onMessage(TransactionTraffic.fromNextHop(TransactionTraffic.answer(out, 200, "b81e9a0c")));
        });
        return kinds;
    }


    /** A listener holding what a proxy's holds: the request it forwarded. */
    private static final class HoldingListener implements ClientTransactionListener {
        private final SipRequest forwarded;

        HoldingListener(SipRequest forwarded) {
            this.forwarded = forwarded;
        }

        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
            Reference.reachabilityFence(forwarded);
        }

        @Override
        public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
        }

        @Override
        public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
        }
    }
}
