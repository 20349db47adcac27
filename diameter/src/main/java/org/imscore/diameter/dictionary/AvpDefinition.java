package org.imscore.diameter.dictionary;

import java.util.Map;
import java.util.Optional;

/**
 * One dictionary row: an AVP's name, code, vendor, data format and M-bit rule, plus the names of its
 * enumerated values. Senders set the M bit when the rule is MUST (and for MAY, by choice); the V bit is
 * set exactly when the vendor id is not 0.
 */
public record AvpDefinition(String name, int code, int vendorId, AvpType type, FlagRule mandatory,
                            Map<Long, String> enumNames) implements AvpKey {

    public AvpDefinition {
        enumNames = Map.copyOf(enumNames);
    }

    /** The flag octet a sender puts in front of this AVP: V when vendor-specific, M when MUST. */
    public int defaultFlags() {
        int flags = vendorId != 0 ? 0x80 : 0;
        return mandatory == FlagRule.MUST ? flags | 0x40 : flags;
    }

    public Optional<String> enumName(long value) {
        return Optional.ofNullable(enumNames.get(value));
    }

    @Override
    public String toString() {
        return name + "(" + avpCode() + ")";
    }
}
