package org.imscore.diameter.cx;

import java.util.Optional;

/** User-Authorization-Type values (TS 29.229 6.3.24); absent in a UAR means REGISTRATION. */
public enum UserAuthorizationType {
    REGISTRATION, DE_REGISTRATION, REGISTRATION_AND_CAPABILITIES;

    public int value() {
        return ordinal();
    }

    public static Optional<UserAuthorizationType> of(long value) {
        return value >= 0 && value < values().length ? Optional.of(values()[(int) value]) : Optional.empty();
    }
}
