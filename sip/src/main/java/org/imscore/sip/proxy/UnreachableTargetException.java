package org.imscore.sip.proxy;

/** No next hop could be determined for a target (RFC 3261 §16.6 step 7); the branch counts as a 503. */
public final class UnreachableTargetException extends Exception {

    public UnreachableTargetException(String message) {
        super(message);
    }
}
