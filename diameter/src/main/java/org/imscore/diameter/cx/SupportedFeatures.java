package org.imscore.diameter.cx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.AvpContainer;
import org.imscore.diameter.codec.BaseAvps;

/** Supported-Features (TS 29.229 6.3.29): { Vendor-Id } { Feature-List-ID } { Feature-List }. */
public record SupportedFeatures(long vendorId, long featureListId, long featureList) {

    /** Sent without the M bit: TS 29.229 6.3.29 lets it be set, TS 29.229 7.2.1 asks senders not to. */
    public Avp toAvp() {
        Avp group = Avp.grouped(CxAvps.SUPPORTED_FEATURES,
                Avp.unsigned32(BaseAvps.VENDOR_ID, vendorId),
                Avp.unsigned32(CxAvps.FEATURE_LIST_ID, featureListId),
                Avp.unsigned32(CxAvps.FEATURE_LIST, featureList));
        return group.withFlags(Avp.FLAG_VENDOR);
    }

    public boolean supports(long featureBit) {
        return (featureList & featureBit) != 0;
    }

    public static Optional<SupportedFeatures> fromAvp(Avp group) {
        OptionalLong vendor = group.unsigned32(BaseAvps.VENDOR_ID);
        OptionalLong id = group.unsigned32(CxAvps.FEATURE_LIST_ID);
        OptionalLong list = group.unsigned32(CxAvps.FEATURE_LIST);
        return vendor.isPresent() && id.isPresent() && list.isPresent()
                ? Optional.of(new SupportedFeatures(vendor.getAsLong(), id.getAsLong(), list.getAsLong()))
                : Optional.empty();
    }

    public static List<SupportedFeatures> allFrom(AvpContainer container) {
        List<SupportedFeatures> all = new ArrayList<>();
        for (Avp avp : container.findAll(CxAvps.SUPPORTED_FEATURES)) {
            fromAvp(avp).ifPresent(all::add);
        }
        return all;
    }
}
