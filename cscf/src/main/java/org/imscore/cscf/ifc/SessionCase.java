package org.imscore.cscf.ifc;

/**
 * The direction of a request as the S-CSCF sees it (tDirectionOfRequest, TS 29.228 Annex E); the XML carries the
 * ordinal, so the order of the constants is the wire encoding.
 */
public enum SessionCase {
    ORIGINATING,
    TERMINATING_REGISTERED,
    TERMINATING_UNREGISTERED,
    ORIGINATING_UNREGISTERED;

    /** Whether the served user is the originator (TS 23.218 §6.3). */
    public boolean originating() {
        return this == ORIGINATING || this == ORIGINATING_UNREGISTERED;
    }

    /** The constant for the integer a SessionCase element carries. */
    public static SessionCase ofCode(int code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("SessionCase " + code + " is not 0..3");
        }
        return values()[code];
    }
}
