package org.imscore.sip.transaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the four state machines share: the request, its key, the state, the last response, the running timers, and
 * the way inputs are processed.
 *
 * <p>Threading: inputs arrive from transport event loops (messages), timer threads (timers), transport futures
 * (send failures) and TU threads (responses to send). Each input runs as one step under this transaction's lock;
 * a step only changes fields and queues effects (sends, TU callbacks; timers are set in place). Effects run after
 * the lock is released, in order, by exactly one thread at a time, so a TU callback never runs under a transaction
 * lock (no lock-order deadlock between a proxy's server and client transactions) and callbacks of one transaction
 * never overlap or reorder. A callback that feeds the same transaction (the TU answering inside
 * {@code onRequest}) queues its effects behind the current ones.
 *
 * <p>When a machine reaches a state in which it only waits out an RFC timer, {@link #waitOut} hands it over to a
 * compact record (see the subclasses): from then on this object is what the TU holds, with its request and last
 * response, and its state is the record's.
 */
abstract class AbstractTransaction implements Transaction {

    static final Logger LOG = LoggerFactory.getLogger("org.imscore.sip.transaction");

    final TransactionLayer layer;
    final SipRequest request;
    final TransactionKey key;
    /** Whether the transport the request travels on is reliable (no retransmissions, zero wait timers). */
    final boolean reliable;
    final SipTimers timers;
    final long startNanos;

    /** Guarded by this. */
    TransactionState state;
    /** The last response received (client) or sent (server). Guarded by this. */
    SipResponse lastResponse;
    /** The running timers; created with the first one (a non-INVITE server transaction never needs one). */
    private TimerSet timerSet;
    private Runnable wakeUp;
    private final ArrayDeque<Runnable> effects = new ArrayDeque<>(4);
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
     * Starts (or restarts) a timer; when it fires, {@link #timerFired} runs as a step unless the timer was stopped
     * or restarted meanwhile. A zero duration (Timers D, I, J, K over reliable transports) fires right after this
     * step. Called inside a step.
     */
    final void startTimer(RfcTimer timer, Duration duration) {
        if (duration.isZero()) {
            stopTimer(timer);
            effect(() -> fire(() -> timerFired(timer)));
            return;
        }
        if (timerSet == null) {
            timerSet = new TimerSet();
            wakeUp = () -> fire(this::wokenUp);
        }
        long now = layer.timerService().nanoTime();
        timerSet.start(timer, now + duration.toNanos());
        timerSet.rearm(layer.timerService(), now, wakeUp);
    }

    /** Stops a timer if it runs. Called inside a step. */
    final void stopTimer(RfcTimer timer) {
        if (timerSet != null) {
            timerSet.stop(timer);
            timerSet.rearm(layer.timerService(), layer.timerService().nanoTime(), wakeUp);
        }
    }

    /** Stops every timer (terminated, or handed over to a record). */
    final void stopAllTimers() {
        if (timerSet != null) {
            timerSet.clear();
        }
    }

    /** The one scheduled wake-up fired: the due timers fire in order, then the next wake-up is set. A step. */
    private void wokenUp() {
        long now = layer.timerService().nanoTime();
        timerSet.woke(now);
        RfcTimer due;
        while (isLive() && (due = timerSet.pollDue(now)) != null) {
            timerFired(due);
        }
        if (isLive()) {
            timerSet.rearm(layer.timerService(), now, wakeUp);
        }
    }

    /** Whether a timer is running (tests and logs). */
    final synchronized boolean isRunning(RfcTimer timer) {
        return timerSet != null && timerSet.isRunning(timer);
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
    public final synchronized Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    /** Sets the next state; entering TERMINATED stops every timer and has the layer forget the transaction. */
    final void moveTo(TransactionState next) {
        if (next == state) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {}: {} -> {}", kind(), key, state, next);
        }
        state = next;
        if (next == TransactionState.TERMINATED) {
            stopAllTimers();
            String outcome = LOG.isInfoEnabled() ? outcome() : null;
            effect(() -> {
                layer.forget(this);
                logEnd("ended", outcome);
                terminated();
            });
        }
    }

    /**
     * Enters {@code waitState}, in which the machine only waits out {@code timer}: over a reliable transport (a zero
     * duration) the timer fires at once; otherwise, once this step's effects are done, the layer swaps this
     * transaction for a compact record that answers retransmissions and runs the timer, and the TU is let go
     * ({@link #handOver}). Called inside a step; returns {@code waitState}.
     */
    final TransactionState waitOut(TransactionState waitState, RfcTimer timer, Duration duration) {
        if (duration.isZero()) {
            startTimer(timer, duration);
        } else {
            effect(() -> handOver(waitState, timer, duration));
        }
        return waitState;
    }

    /**
     * The effect {@link #waitOut} queued: unless an input moved the machine on meanwhile (a send that failed at once
     * terminates it), builds the record, puts it in the layer's table in this transaction's place, starts its timer,
     * writes the transaction's log line and tells the TU its part is over.
     */
    abstract void handOver(TransactionState waitState, RfcTimer timer, Duration duration);

    /** The INFO line of the transaction: what, how it ended (or completed), and when. */
    final void logEnd(String how, String outcome) {
        if (LOG.isInfoEnabled()) {
            long ms = (layer.timerService().nanoTime() - startNanos) / 1_000_000;
            LOG.info("{} {} {} {} {}: {} after {} ms", kind(), request.method(), request.requestUri(), key, how,
                    outcome, ms);
        }
    }

    /** Whether this object still runs the machine: not terminated, not handed over to a record. Under the lock. */
    abstract boolean isLive();

    /** Hands a request to the transport; a failure comes back as this machine's transport error input. */
    final void transmit(SipRequest message) {
        effect(() -> watch(() -> layer.transport().sendRequest(message, destinationForSend())));
    }

    /** Hands an encoded message to the transport; a failure comes back as the transport error input. */
    final void watch(Supplier<CompletionStage<Void>> send) {
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
                LOG.debug("{} {}: transport error: {}", kind(), key, cause);
                fire(() -> transportError(cause));
            }
        });
    }

    /**
     * {@code message} in wire form, or null if it cannot be encoded (then it is handed to the transport as it is,
     * whose failure becomes the transport error input as for any other send).
     */
    static EncodedMessage encodeOrNull(SipMessage message) {
        try {
            return EncodedMessage.of(message);
        } catch (RuntimeException e) {
            LOG.debug("cannot encode {}: {}", message.startLine(), e.toString());
            return null;
        }
    }

    /** Where requests go (client transactions); server transactions never send requests. */
    org.imscore.sip.transport.Endpoint destinationForSend() {
        throw new IllegalStateException("server transactions send no requests");
    }

    /** A timer of this machine fired: its input, run as a step. */
    abstract void timerFired(RfcTimer timer);

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
