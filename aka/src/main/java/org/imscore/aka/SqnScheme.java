package org.imscore.aka;

/**
 * How sequence numbers are made and judged, per TS 33.102 Annex C: SQN = SEQ ‖ IND, where IND (the low-order
 * {@code indBits}) selects one of 2^indBits slots in the USIM's array and SEQ is a counter.
 *
 * <p>The home network uses {@link #next} to issue numbers; the USIM ({@link UsimSqnState}) applies the same scheme
 * to judge freshness, including the two optional limits of Annex C.2.2: {@code maxJump} (Δ, how far SEQ may run
 * ahead of the highest SEQ accepted so far) and {@code ageLimit} (L, how far it may lag behind it). A value of
 * {@link #NO_LIMIT} switches a limit off.
 *
 * @param indBits  length of IND in bits, 0..16 (Annex C.3.2 suggests 5, i.e. an array of 32)
 * @param maxJump  Δ, or {@link #NO_LIMIT}
 * @param ageLimit L, or {@link #NO_LIMIT}
 */
public record SqnScheme(int indBits, long maxJump, long ageLimit) {

    public static final long NO_LIMIT = Long.MAX_VALUE;

    /** IND of 5 bits, no Δ and no L limit. */
    public static final SqnScheme DEFAULT = new SqnScheme(5, NO_LIMIT, NO_LIMIT);

    public SqnScheme {
        if (indBits < 0 || indBits > 16) {
            throw new IllegalArgumentException("IND length must be 0..16 bits, got " + indBits);
        }
        if (maxJump < 1) {
            throw new IllegalArgumentException("maximum SEQ jump (delta) must be at least 1, got " + maxJump);
        }
        if (ageLimit < 1) {
            throw new IllegalArgumentException("SEQ age limit (L) must be at least 1, got " + ageLimit);
        }
    }

    /** A scheme with IND of the given length and no limits. */
    public static SqnScheme withIndBits(int indBits) {
        return new SqnScheme(indBits, NO_LIMIT, NO_LIMIT);
    }

    /** Number of IND slots, a = 2^indBits. */
    public int slots() {
        return 1 << indBits;
    }

    /** The largest SEQ value, 2^(48-indBits) - 1. */
    public long maxSeq() {
        return Sqn.MAX >>> indBits;
    }

    public long seq(Sqn sqn) {
        return sqn.value() >>> indBits;
    }

    public int ind(Sqn sqn) {
        return (int) (sqn.value() & (slots() - 1));
    }

    /** SQN = SEQ ‖ IND. */
    public Sqn compose(long seq, int ind) {
        if (seq < 0 || seq > maxSeq()) {
            throw new IllegalArgumentException("SEQ must be 0.." + maxSeq() + " with a " + indBits
                    + "-bit IND, got " + seq);
        }
        requireInd(ind);
        return new Sqn((seq << indBits) | ind);
    }

    /**
     * The number the home network issues after {@code lastIssued} for slot {@code ind} (Annex C.1.1/C.3.1: SEQ_HE
     * is incremented by one per vector; IND is chosen per serving domain, e.g. one fixed value for IMS).
     *
     * @throws IllegalStateException when SEQ is exhausted
     */
    public Sqn next(Sqn lastIssued, int ind) {
        requireInd(ind);
        long seq = seq(lastIssued);
        if (seq >= maxSeq()) {
            throw new IllegalStateException("SEQ exhausted at " + lastIssued + "; the subscriber needs new keys");
        }
        return compose(seq + 1, ind);
    }

    private void requireInd(int ind) {
        if (ind < 0 || ind >= slots()) {
            throw new IllegalArgumentException("IND must be 0.." + (slots() - 1) + " with a " + indBits
                    + "-bit IND, got " + ind);
        }
    }
}
