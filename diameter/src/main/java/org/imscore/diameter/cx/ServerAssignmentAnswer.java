package org.imscore.diameter.cx;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;

/**
 * SAA, HSS to S-CSCF (TS 29.229 6.1.4). Success must be the base Result-Code 2001 (Kamailio treats an
 * SAA with only Experimental-Result as failure). {@code userData} is the TS 29.228 IMS subscription XML.
 */
public record ServerAssignmentAnswer(CxResult result, Optional<String> userName, Optional<String> userData,
                                     Optional<Avp> chargingInformation, List<String> associatedIdentities,
                                     OptionalInt looseRouteIndication, Optional<String> serverName) {

    public ServerAssignmentAnswer {
        associatedIdentities = List.copyOf(associatedIdentities);
    }

    public DiameterMessage toMessage(DiameterMessage request, String originHost, String originRealm) {
        DiameterMessage.Builder b = CxMessages.answer(request, result, originHost, originRealm);
        userName.ifPresent(u -> b.add(Avp.utf8(BaseAvps.USER_NAME, u)));
        userData.ifPresent(xml -> b.add(Avp.octets(CxAvps.USER_DATA, xml.getBytes(StandardCharsets.UTF_8))));
        chargingInformation.ifPresent(b::add);
        if (!associatedIdentities.isEmpty()) {
            b.add(Avp.grouped(CxAvps.ASSOCIATED_IDENTITIES, associatedIdentities.stream()
                    .map(id -> Avp.utf8(BaseAvps.USER_NAME, id)).toList()));
        }
        looseRouteIndication.ifPresent(l -> b.add(Avp.enumerated(CxAvps.LOOSE_ROUTE_INDICATION, l)));
        serverName.ifPresent(n -> b.add(Avp.utf8(CxAvps.SERVER_NAME, n)));
        return CxMessages.finish(b, request);
    }

    public static Optional<ServerAssignmentAnswer> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.SAA) {
            return Optional.empty();
        }
        return CxResult.from(message).map(result -> new ServerAssignmentAnswer(result,
                message.utf8(BaseAvps.USER_NAME),
                message.octets(CxAvps.USER_DATA).map(b -> new String(b, StandardCharsets.UTF_8)),
                message.find(CxAvps.CHARGING_INFORMATION),
                message.find(CxAvps.ASSOCIATED_IDENTITIES).map(g -> g.utf8All(BaseAvps.USER_NAME)).orElse(List.of()),
                message.integer32(CxAvps.LOOSE_ROUTE_INDICATION),
                message.utf8(CxAvps.SERVER_NAME)));
    }
}
