package org.imscore.aka;

import java.util.Arrays;
import java.util.Objects;

/**
 * The sequence number memory of a USIM (TS 33.102 Annex C.2): one SEQ_MS per IND slot, all 0 at first. Immutable:
 * {@link #accept} returns the state after accepting an SQN.
 */
public final class UsimSqnState {

    private final SqnScheme scheme;
    private final long[] seqMs;

    private UsimSqnState(SqnScheme scheme, long[] seqMs) {
        this.scheme = scheme;
        this.seqMs = seqMs;
    }

    /** A fresh USIM: SEQ_MS(i) = 0 for every slot. */
    public static UsimSqnState initial(SqnScheme scheme) {
        return new UsimSqnState(Objects.requireNonNull(scheme, "scheme"), new long[scheme.slots()]);
    }

    public SqnScheme scheme() {
        return scheme;
    }

    /** SEQ_MS of slot {@code ind}. */
    public long seqMs(int ind) {
        if (ind < 0 || ind >= seqMs.length) {
            throw new IllegalArgumentException("IND must be 0.." + (seqMs.length - 1) + ", got " + ind);
        }
        return seqMs[ind];
    }

    /**
     * The highest SQN accepted so far in any slot: the SQN_MS a synchronisation failure reports (Annex C.2.2).
     * {@link Sqn#ZERO} before anything was accepted.
     */
    public Sqn highestAccepted() {
        Sqn highest = Sqn.ZERO;
        for (int ind = 0; ind < seqMs.length; ind++) {
            if (seqMs[ind] > 0) {
                Sqn candidate = scheme.compose(seqMs[ind], ind);
                if (candidate.compareTo(highest) > 0) {
                    highest = candidate;
                }
            }
        }
        return highest;
    }

    /** Annex C.2.1/C.2.2 freshness of {@code sqn}. */
    public Freshness check(Sqn sqn) {
        long seq = scheme.seq(sqn);
        long highestSeq = scheme.seq(highestAccepted());
        if (seq <= seqMs[scheme.ind(sqn)]) {
            return Freshness.NOT_NEWER_THAN_SLOT;
        }
        if (seq > highestSeq && seq - highestSeq > scheme.maxJump()) {
            return Freshness.JUMP_TOO_LARGE;
        }
        if (seq < highestSeq && highestSeq - seq >= scheme.ageLimit()) {
            return Freshness.TOO_OLD;
        }
        return Freshness.FRESH;
    }

    /**
     * The state after accepting {@code sqn}: SEQ_MS(IND) := SEQ.
     *
     * @throws IllegalArgumentException when {@code sqn} is not {@link Freshness#FRESH}
     */
    public UsimSqnState accept(Sqn sqn) {
        Freshness freshness = check(sqn);
        if (freshness != Freshness.FRESH) {
            throw new IllegalArgumentException("SQN " + sqn + " is not fresh (" + freshness + ")");
        }
        long[] next = seqMs.clone();
        next[scheme.ind(sqn)] = scheme.seq(sqn);
        return new UsimSqnState(scheme, next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsimSqnState other && scheme.equals(other.scheme) && Arrays.equals(seqMs, other.seqMs);
    }

    @Override
    public int hashCode() {
        return 31 * scheme.hashCode() + Arrays.hashCode(seqMs);
    }

    @Override
    public String toString() {
        return "UsimSqnState[highestAccepted=" + highestAccepted() + ", seqMs=" + Arrays.toString(seqMs) + "]";
    }
}
