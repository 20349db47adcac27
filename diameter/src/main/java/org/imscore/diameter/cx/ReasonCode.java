package org.imscore.diameter.cx;

import java.util.Optional;

/** Reason-Code values of Deregistration-Reason (TS 29.229 6.3.17). */
public enum ReasonCode {
    PERMANENT_TERMINATION, NEW_SERVER_ASSIGNED, SERVER_CHANGE, REMOVE_S_CSCF;

    public int value() {
        return ordinal();
    }

    public static Optional<ReasonCode> of(long value) {
        return value >= 0 && value < values().length ? Optional.of(values()[(int) value]) : Optional.empty();
    }
}
