package org.imscore.aka;

/** The USIM's verdict on a received SQN (TS 33.102 Annex C.2). */
public enum Freshness {
    /** SEQ &gt; SEQ_MS(IND) and within the configured limits: accept. */
    FRESH,
    /** SEQ &le; SEQ_MS(IND): this slot has already seen this or a later SEQ (a replay or an old vector). */
    NOT_NEWER_THAN_SLOT,
    /** SEQ - SEQ_MS &gt; Δ: the network ran too far ahead of the highest SEQ accepted (Annex C.2.2). */
    JUMP_TOO_LARGE,
    /** SEQ_MS - SEQ &ge; L: too old compared with the highest SEQ accepted (Annex C.2.2). */
    TOO_OLD
}
