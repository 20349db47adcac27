package org.imscore.diameter.cx;

import java.util.Optional;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.DiameterMessage;

/** LIA, HSS to I-CSCF (TS 29.229 6.1.6). */
public record LocationInfoAnswer(CxResult result, Optional<String> serverName,
                                 Optional<ServerCapabilities> serverCapabilities,
                                 Optional<String> wildcardedPublicIdentity) {

    public DiameterMessage toMessage(DiameterMessage request, String originHost, String originRealm) {
        DiameterMessage.Builder b = CxMessages.answer(request, result, originHost, originRealm);
        serverName.ifPresent(n -> b.add(Avp.utf8(CxAvps.SERVER_NAME, n)));
        serverCapabilities.ifPresent(c -> b.add(c.toAvp()));
        wildcardedPublicIdentity.ifPresent(w -> b.add(Avp.utf8(CxAvps.WILDCARDED_PUBLIC_IDENTITY, w)));
        return CxMessages.finish(b, request);
    }

    public static Optional<LocationInfoAnswer> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.LIA) {
            return Optional.empty();
        }
        return CxResult.from(message).map(result -> new LocationInfoAnswer(result,
                message.utf8(CxAvps.SERVER_NAME),
                message.find(CxAvps.SERVER_CAPABILITIES).map(ServerCapabilities::fromAvp),
                message.utf8(CxAvps.WILDCARDED_PUBLIC_IDENTITY)));
    }
}
