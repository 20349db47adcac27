package org.imscore.sip.proxy;

/** How a target set of more than one target is tried (RFC 3261 §16.6). */
public enum ForkingMode {
    /** Every target at once; the first 2xx wins and the other branches are cancelled. */
    PARALLEL,
    /**
     * One target at a time in q-value order; the next is tried when a branch ends without a 2xx or 6xx, or
     * when it has not answered finally within the per-branch timeout (it is then cancelled).
     */
    SEQUENTIAL
}
