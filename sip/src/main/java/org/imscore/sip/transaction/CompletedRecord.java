package org.imscore.sip.transaction;

import java.time.Duration;

/**
 * What the two completed-transaction records share: the key, the state, and the one wait timer (D, K, I, J or L)
 * whose firing ends the record and takes it out of the layer's table. The record is its timer's task, one object less
 * per transaction.
 */
abstract class CompletedRecord implements Runnable {

    final TransactionLayer layer;
    final TransactionKey key;
    final boolean invite;
    /** Guarded by this. */
    TransactionState state;
    private RfcTimer timerName;
    private TimerService.Timeout timer;

    CompletedRecord(TransactionLayer layer, TransactionKey key, boolean invite, TransactionState state) {
        this.layer = layer;
        this.key = key;
        this.invite = invite;
        this.state = state;
    }

    /** What the record is, for logs: "client", "INVITE server", ... */
    abstract String kind();

    /** Starts the wait timer; when it fires ({@link #run()}) the transaction ends. */
    void startTimer(RfcTimer name, Duration duration) {
        synchronized (this) {
            timerName = name;
        }
        TimerService.Timeout t = layer.timerService().schedule(duration, this);
        synchronized (this) {
            timer = t;
        }
    }

    /** The wait timer fired. */
    @Override
    public void run() {
        if (end()) {
            AbstractTransaction.LOG.debug("{} {}: Timer {} fired, terminated", kind(), key, timerName);
        }
    }

    /** Moves to Terminated and leaves the layer's table; false if it already was. */
    final boolean end() {
        TimerService.Timeout t;
        synchronized (this) {
            if (state == TransactionState.TERMINATED) {
                return false;
            }
            state = TransactionState.TERMINATED;
            t = timer;
        }
        if (t != null) {
            t.cancel();
        }
        layer.forget(this);
        return true;
    }

    public TransactionKey key() {
        return key;
    }

    public synchronized TransactionState state() {
        return state;
    }

    @Override
    public String toString() {
        return kind() + " " + key + " (completed)";
    }
}
