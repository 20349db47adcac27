package org.imscore.cscf.ifc;

/**
 * What the S-CSCF does when the application server does not answer (TS 23.218 §6.4, TS 29.228 Annex B.2.2); the XML
 * carries the ordinal.
 */
public enum DefaultHandling {
    /** Go on with the next filter criterion, as if the AS were not there. */
    SESSION_CONTINUED,
    /** Give up the request: the originator gets the error. */
    SESSION_TERMINATED;

    public static DefaultHandling ofCode(int code) {
        if (code < 0 || code >= values().length) {
            throw new IllegalArgumentException("DefaultHandling " + code + " is not 0 or 1");
        }
        return values()[code];
    }
}
