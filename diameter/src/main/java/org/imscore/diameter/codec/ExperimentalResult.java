package org.imscore.diameter.codec;

import java.util.Optional;
import java.util.OptionalLong;

/** Experimental-Result (RFC 6733 7.6): { Vendor-Id } { Experimental-Result-Code }. */
public record ExperimentalResult(long vendorId, long code) {

    public Avp toAvp() {
        return Avp.grouped(BaseAvps.EXPERIMENTAL_RESULT,
                Avp.unsigned32(BaseAvps.VENDOR_ID, vendorId),
                Avp.unsigned32(BaseAvps.EXPERIMENTAL_RESULT_CODE, code));
    }

    /** The first Experimental-Result of {@code container}, when it has both members. */
    public static Optional<ExperimentalResult> from(AvpContainer container) {
        return container.find(BaseAvps.EXPERIMENTAL_RESULT).flatMap(ExperimentalResult::fromAvp);
    }

    public static Optional<ExperimentalResult> fromAvp(Avp group) {
        OptionalLong vendor = group.unsigned32(BaseAvps.VENDOR_ID);
        OptionalLong code = group.unsigned32(BaseAvps.EXPERIMENTAL_RESULT_CODE);
        return vendor.isPresent() && code.isPresent()
                ? Optional.of(new ExperimentalResult(vendor.getAsLong(), code.getAsLong()))
                : Optional.empty();
    }
}
