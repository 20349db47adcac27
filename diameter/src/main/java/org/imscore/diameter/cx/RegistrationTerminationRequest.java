package org.imscore.diameter.cx;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;

/** RTR, HSS to S-CSCF: deregister a user (TS 29.229 6.1.9). Destination-Host is required. */
public record RegistrationTerminationRequest(CxRequestHeader header, String userName,
                                             List<String> associatedIdentities, List<String> publicIdentities,
                                             DeregistrationReason reason, OptionalLong rtrFlags) {

    public RegistrationTerminationRequest {
        associatedIdentities = List.copyOf(associatedIdentities);
        publicIdentities = List.copyOf(publicIdentities);
    }

    public DiameterMessage toMessage() {
        DiameterMessage.Builder b = CxMessages.request(CxCommand.RTR, header)
                .add(Avp.utf8(BaseAvps.USER_NAME, userName));
        if (!associatedIdentities.isEmpty()) {
            b.add(Avp.grouped(CxAvps.ASSOCIATED_IDENTITIES, associatedIdentities.stream()
                    .map(id -> Avp.utf8(BaseAvps.USER_NAME, id)).toList()));
        }
        publicIdentities.forEach(p -> b.add(Avp.utf8(CxAvps.PUBLIC_IDENTITY, p)));
        b.add(reason.toAvp());
        rtrFlags.ifPresent(f -> b.add(Avp.unsigned32(CxAvps.RTR_FLAGS, f)));
        return b.build();
    }

    public static Optional<RegistrationTerminationRequest> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.RTR) {
            return Optional.empty();
        }
        Optional<CxRequestHeader> header = CxRequestHeader.from(message);
        Optional<String> user = message.utf8(BaseAvps.USER_NAME);
        Optional<DeregistrationReason> reason = message.find(CxAvps.DEREGISTRATION_REASON)
                .flatMap(DeregistrationReason::fromAvp);
        if (header.isEmpty() || user.isEmpty() || reason.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RegistrationTerminationRequest(header.get(), user.get(),
                message.find(CxAvps.ASSOCIATED_IDENTITIES).map(g -> g.utf8All(BaseAvps.USER_NAME)).orElse(List.of()),
                message.utf8All(CxAvps.PUBLIC_IDENTITY),
                reason.get(), message.unsigned32(CxAvps.RTR_FLAGS)));
    }
}
