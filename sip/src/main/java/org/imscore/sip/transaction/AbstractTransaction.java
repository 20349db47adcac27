package org.imscore.sip.transaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the four state machines share: the request, its key, the state, the last response, the running timers, and
 * the way inputs are processed.
 *
 * <p>Threading: inputs arrive from transport event loops (messages), timer threads (timers), transport futures
 * (send failures) and TU threads (responses to send). Each input runs as one step under this transaction's lock;
 * a step only changes fields and queues effects (sends, TU callbacks, timer scheduling is done in place). Effects
 * run after the lock is released, in order, by exactly one thread at a time, so a TU callback never runs under a
 * transaction lock (no lock-order deadlock between a proxy's server and client transactions) and callbacks of one
 * transaction never overlap or reorder. A callback that feeds the same transaction (the TU answering inside
 * {@code onRequest}) queues its effects behind the current ones.
 */
abstract class AbstractTransaction implements Transaction {

    static final Logger LOG = LoggerFactory.getLogger("org.imscore.sip.transaction");

    final TransactionLayer layer;
    final SipRequest request;
    final TransactionKey key;
    /** Whether the transport the request travels on is reliable (no retransmissions, zero wait timers). */
    final boolean reliable;
    final SipTimers timers;
    private final long startNanos;

    /** Guarded by this. */
    TransactionState state;
    /** The last response received (client) or sent (server). Guarded by this. */
    SipResponse lastResponse;
    private final EnumMap<RfcTimer, TimerService.Timeout> running = new EnumMap<>(RfcTimer.class);
    private final ArrayDeque<Runnable> effects = new ArrayDeque<>();
    private boolean draining;

    AbstractTransaction(TransactionLayer layer, SipRequest request, TransactionKey key, boolean reliable,
                        TransactionState initial) {
        this.layer = layer;
        this.request = request;
        this.key = key;
        this.reliable = reliable;
        this.timers = layer.config().timers();
        this.state = initial;
        this.startNanos = layer.timerService().nanoTime();
    }

    /** Runs one input step under the lock, then the effects it queued (unless another thread is draining them). */
    final void fire(Runnable step) {
        synchronized (this) {
            step.run();
            if (draining) {
                return;
            }
            draining = true;
        }
        drain();
    }

    /** As {@link #fire(Runnable)} for a step with a result. */
    final <T> T fireAndGet(Supplier<T> step) {
        Object[] result = new Object[1];
        fire(() -> {
            result[0] = step.get();
        });
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = effects.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.warn("{} {}: effect failed", kind(), key, e);
            }
        }
    }

    /** Queues an effect; called inside a step. */
    final void effect(Runnable r) {
        effects.add(r);
    }

    /**
     * Starts (or restarts) a timer; when it fires, {@code input} runs as a step unless the timer was cancelled or
     * restarted meanwhile. A zero duration (Timers D, I, J, K over reliable transports) fires right after this step.
     * Called inside a step.
     */
    final void startTimer(RfcTimer timer, Duration duration, Runnable input) {
        cancelTimer(timer);
        if (duration.isZero()) {
            effect(() -> fire(input));
            return;
        }
        TimerService.Timeout[] self = new TimerService.Timeout[1];
        Runnable onFire = () -> fire(() -> {
            if (running.get(timer) == self[0] && self[0] != null) {
                running.remove(timer);
                input.run();
            }
        });
        self[0] = layer.timerService().schedule(duration, onFire);
        running.put(timer, self[0]);
    }

    final void cancelTimer(RfcTimer timer) {
        TimerService.Timeout t = running.remove(timer);
        if (t != null) {
            t.cancel();
        }
    }

    /** Whether a timer is running (tests and logs). */
    final synchronized boolean isRunning(RfcTimer timer) {
        return running.containsKey(timer);
    }

    @Override
    public final SipRequest request() {
        return request;
    }

    @Override
    public final TransactionKey key() {
        return key;
    }

    @Override
    public final synchronized TransactionState state() {
        return state;
    }

    @Override
    public final synchronized Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    /** Sets the next state; entering TERMINATED cancels every timer and has the layer forget the transaction. */
    final void moveTo(TransactionState next) {
        if (next == state) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}: {} -> {}", kind(), key, state, next);
        }
        state = next;
        if (next == TransactionState.TERMINATED) {
            running.values().forEach(TimerService.Timeout::cancel);
            running.clear();
            String outcome = outcome();
            long ms = (layer.timerService().nanoTime() - startNanos) / 1_000_000;
            effect(() -> {
                layer.forget(this);
                LOG.info("{} {} {} {} ended: {} after {} ms", kind(), request.method(), request.requestUri(), key,
                        outcome, ms);
                terminated();
            });
        }
    }

    /** Hands a request to the transport; a failure comes back as this machine's transport error input. */
    final void transmit(SipRequest message) {
        effect(() -> watch(() -> layer.transport().sendRequest(message, destinationForSend())));
    }

    /** Hands a response to the transport (along its Via); a failure comes back as the transport error input. */
    final void transmit(SipResponse message) {
        effect(() -> watch(() -> layer.transport().sendResponse(message)));
    }

    private void watch(Supplier<CompletionStage<Void>> send) {
        CompletionStage<Void> f;
        try {
            f = send.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((ok, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                LOG.debug("{} {}: transport error: {}", kind(), key, cause.toString());
                fire(() -> transportError(cause));
            }
        });
    }

    /** Where requests go (client transactions); server transactions never send requests. */
    org.imscore.sip.transport.Endpoint destinationForSend() {
        throw new IllegalStateException("server transactions send no requests");
    }

    /** The transport error input of this machine, run as a step. */
    abstract void transportError(Throwable cause);

    /** "INVITE client", "non-INVITE server", ... for logs. */
    abstract String kind();

    /** The outcome for the one INFO line per transaction: "200", "timeout", ... Called under the lock. */
    abstract String outcome();

    /** Tells the TU the transaction is over; runs as an effect. */
    abstract void terminated();

    @Override
    public String toString() {
        return kind() + " " + key;
    }
}
