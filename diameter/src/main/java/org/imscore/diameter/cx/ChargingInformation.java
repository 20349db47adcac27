package org.imscore.diameter.cx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imscore.diameter.codec.Avp;

/**
 * Charging-Information (TS 29.229 6.3.19): the event and collection charging function names
 * (DiameterURI values).
 */
public record ChargingInformation(Optional<String> primaryEventChargingFunction,
                                  Optional<String> secondaryEventChargingFunction,
                                  Optional<String> primaryChargingCollectionFunction,
                                  Optional<String> secondaryChargingCollectionFunction) {

    public Avp toAvp() {
        List<Avp> members = new ArrayList<>(4);
        primaryEventChargingFunction.ifPresent(
                n -> members.add(Avp.utf8(CxAvps.PRIMARY_EVENT_CHARGING_FUNCTION_NAME, n)));
        secondaryEventChargingFunction.ifPresent(
                n -> members.add(Avp.utf8(CxAvps.SECONDARY_EVENT_CHARGING_FUNCTION_NAME, n)));
        primaryChargingCollectionFunction.ifPresent(
                n -> members.add(Avp.utf8(CxAvps.PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME, n)));
        secondaryChargingCollectionFunction.ifPresent(
                n -> members.add(Avp.utf8(CxAvps.SECONDARY_CHARGING_COLLECTION_FUNCTION_NAME, n)));
        return Avp.grouped(CxAvps.CHARGING_INFORMATION, members);
    }

    public static ChargingInformation fromAvp(Avp group) {
        return new ChargingInformation(group.utf8(CxAvps.PRIMARY_EVENT_CHARGING_FUNCTION_NAME),
                group.utf8(CxAvps.SECONDARY_EVENT_CHARGING_FUNCTION_NAME),
                group.utf8(CxAvps.PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME),
                group.utf8(CxAvps.SECONDARY_CHARGING_COLLECTION_FUNCTION_NAME));
    }
}
