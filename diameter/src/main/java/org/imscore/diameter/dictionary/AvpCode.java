package org.imscore.diameter.dictionary;

/** An AVP code with its vendor id (0 = IETF). */
public record AvpCode(int code, int vendorId) implements AvpKey {
    public static AvpCode ietf(int code) {
        return new AvpCode(code, 0);
    }

    @Override
    public AvpCode avpCode() {
        return this;
    }

    @Override
    public String toString() {
        return vendorId == 0 ? Integer.toString(code) : code + "/" + vendorId;
    }
}
