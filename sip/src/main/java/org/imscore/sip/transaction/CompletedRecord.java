package org.imscore.sip.transaction;

import java.time.Duration;

/**
 * What the completed-transaction records share: the key, the state, and the one wait timer (D, I, J, K, L or M)
 * whose firing ends the record and takes it out of the layer's table. The record is its timer's task, and the timer
 * is a {@link TimerService#scheduleWait wait}, which the production timer keeps in a queue without an object of its
 * own per record. A wait cannot be cancelled: a record that ends before its timer (a transport error, which is
 * rare) stays in the timer's queue until then, out of the layer's table, and its timer finds it ended and does
 * nothing.
 */
abstract class CompletedRecord implements Runnable {

    final TransactionLayer layer;
    final TransactionKey key;
    final boolean invite;
    /** Guarded by this. */
    TransactionState state;
    private RfcTimer timerName;

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
        layer.timerService().scheduleWait(duration, this);
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
        synchronized (this) {
            if (state == TransactionState.TERMINATED) {
                return false;
            }
            state = TransactionState.TERMINATED;
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
