package org.imscore.diameter.cx;

import java.util.List;
import java.util.Optional;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;

/** RTA, S-CSCF to HSS (TS 29.229 6.1.10). */
public record RegistrationTerminationAnswer(CxResult result, List<String> associatedIdentities) {

    public RegistrationTerminationAnswer {
        associatedIdentities = List.copyOf(associatedIdentities);
    }

    public DiameterMessage toMessage(DiameterMessage request, String originHost, String originRealm) {
        DiameterMessage.Builder b = CxMessages.answer(request, result, originHost, originRealm);
        if (!associatedIdentities.isEmpty()) {
            b.add(Avp.grouped(CxAvps.ASSOCIATED_IDENTITIES, associatedIdentities.stream()
                    .map(id -> Avp.utf8(BaseAvps.USER_NAME, id)).toList()));
        }
        return CxMessages.finish(b, request);
    }

    public static Optional<RegistrationTerminationAnswer> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.RTA) {
            return Optional.empty();
        }
        return CxResult.from(message).map(result -> new RegistrationTerminationAnswer(result,
                message.find(CxAvps.ASSOCIATED_IDENTITIES).map(g -> g.utf8All(BaseAvps.USER_NAME)).orElse(List.of())));
    }
}
