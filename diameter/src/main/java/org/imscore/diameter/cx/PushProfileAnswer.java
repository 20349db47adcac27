package org.imscore.diameter.cx;

import java.util.Optional;

import org.imscore.diameter.codec.DiameterMessage;

/** PPA, S-CSCF to HSS (TS 29.229 6.1.12). */
public record PushProfileAnswer(CxResult result) {

    public DiameterMessage toMessage(DiameterMessage request, String originHost, String originRealm) {
        return CxMessages.finish(CxMessages.answer(request, result, originHost, originRealm), request);
    }

    public static Optional<PushProfileAnswer> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.PPA) {
            return Optional.empty();
        }
        return CxResult.from(message).map(PushProfileAnswer::new);
    }
}
