package org.imscore.diameter.cx;

import java.util.Optional;

/** Server-Assignment-Type values (TS 29.229 6.3.15). */
public enum ServerAssignmentType {
    NO_ASSIGNMENT, REGISTRATION, RE_REGISTRATION, UNREGISTERED_USER, TIMEOUT_DEREGISTRATION,
    USER_DEREGISTRATION, TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME, USER_DEREGISTRATION_STORE_SERVER_NAME,
    ADMINISTRATIVE_DEREGISTRATION, AUTHENTICATION_FAILURE, AUTHENTICATION_TIMEOUT,
    DEREGISTRATION_TOO_MUCH_DATA, AAA_USER_DATA_REQUEST, PGW_UPDATE, RESTORATION;

    /** The value on the wire (the declaration order is the numbering of the TS). */
    public int value() {
        return ordinal();
    }

    public static Optional<ServerAssignmentType> of(long value) {
        return value >= 0 && value < values().length ? Optional.of(values()[(int) value]) : Optional.empty();
    }
}
