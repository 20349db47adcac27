package org.imscore.diameter.dictionary;

/**
 * The data formats of RFC 6733 section 4.2 (basic) and 4.3 (derived), with the payload length
 * each fixed-size format requires (-1 for variable length).
 */
public enum AvpType {
    OCTET_STRING("OctetString", -1),
    INTEGER32("Integer32", 4),
    INTEGER64("Integer64", 8),
    UNSIGNED32("Unsigned32", 4),
    UNSIGNED64("Unsigned64", 8),
    FLOAT32("Float32", 4),
    FLOAT64("Float64", 8),
    GROUPED("Grouped", -1),
    ADDRESS("Address", -1),
    TIME("Time", 4),
    UTF8_STRING("UTF8String", -1),
    DIAMETER_IDENTITY("DiameterIdentity", -1),
    DIAMETER_URI("DiameterURI", -1),
    ENUMERATED("Enumerated", 4);

    private final String rfcName;
    private final int fixedLength;

    AvpType(String rfcName, int fixedLength) {
        this.rfcName = rfcName;
        this.fixedLength = fixedLength;
    }

    /** The name the RFCs and the dictionary files use, e.g. {@code UTF8String}. */
    public String rfcName() {
        return rfcName;
    }

    /** Payload octets a value of this type has, or -1 when the length varies. */
    public int fixedLength() {
        return fixedLength;
    }

    /** The smallest valid payload: what a zero-filled example of a missing AVP carries (RFC 6733 7.5). */
    public int minimumLength() {
        return switch (this) {
            case ADDRESS -> 6; // family (2) + IPv4 (4)
            default -> Math.max(fixedLength, 0);
        };
    }

    public static AvpType fromRfcName(String name) {
        for (AvpType type : values()) {
            if (type.rfcName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown AVP type " + name);
    }
}
