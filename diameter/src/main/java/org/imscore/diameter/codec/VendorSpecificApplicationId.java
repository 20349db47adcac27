package org.imscore.diameter.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Vendor-Specific-Application-Id (RFC 6733 6.11): { Vendor-Id } [ Auth-Application-Id ]
 * [ Acct-Application-Id ], exactly one of the two application ids present.
 */
public record VendorSpecificApplicationId(long vendorId, OptionalLong authApplicationId,
                                          OptionalLong acctApplicationId) {

    public static VendorSpecificApplicationId auth(long vendorId, long applicationId) {
        return new VendorSpecificApplicationId(vendorId, OptionalLong.of(applicationId), OptionalLong.empty());
    }

    public static VendorSpecificApplicationId acct(long vendorId, long applicationId) {
        return new VendorSpecificApplicationId(vendorId, OptionalLong.empty(), OptionalLong.of(applicationId));
    }

    /** The application id, whichever of auth/acct is present (auth first); -1 when neither. */
    public long applicationId() {
        return authApplicationId.orElse(acctApplicationId.orElse(-1));
    }

    public Avp toAvp() {
        List<Avp> members = new ArrayList<>(2);
        members.add(Avp.unsigned32(BaseAvps.VENDOR_ID, vendorId));
        authApplicationId.ifPresent(id -> members.add(Avp.unsigned32(BaseAvps.AUTH_APPLICATION_ID, id)));
        acctApplicationId.ifPresent(id -> members.add(Avp.unsigned32(BaseAvps.ACCT_APPLICATION_ID, id)));
        return Avp.grouped(BaseAvps.VENDOR_SPECIFIC_APPLICATION_ID, members);
    }

    public static Optional<VendorSpecificApplicationId> fromAvp(Avp group) {
        OptionalLong vendor = group.unsigned32(BaseAvps.VENDOR_ID);
        if (vendor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VendorSpecificApplicationId(vendor.getAsLong(),
                group.unsigned32(BaseAvps.AUTH_APPLICATION_ID), group.unsigned32(BaseAvps.ACCT_APPLICATION_ID)));
    }

    /** Every well-formed Vendor-Specific-Application-Id of {@code container}. */
    public static List<VendorSpecificApplicationId> allFrom(AvpContainer container) {
        List<VendorSpecificApplicationId> all = new ArrayList<>();
        for (Avp avp : container.findAll(BaseAvps.VENDOR_SPECIFIC_APPLICATION_ID)) {
            fromAvp(avp).ifPresent(all::add);
        }
        return all;
    }
}
