package org.imscore.diameter.dictionary;

/**
 * What identifies an AVP on the wire: its code and its vendor (0 for IETF AVPs, sent without the V bit).
 * Both a bare {@link AvpCode} and a dictionary {@link AvpDefinition} are keys, so message accessors take either.
 */
public sealed interface AvpKey permits AvpCode, AvpDefinition {
    int code();

    int vendorId();

    default AvpCode avpCode() {
        return new AvpCode(code(), vendorId());
    }

    default boolean matches(int code, int vendorId) {
        return code() == code && vendorId() == vendorId;
    }
}
