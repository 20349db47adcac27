package org.imscore.diameter.cx;

import java.util.List;
import java.util.Optional;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.DiameterMessage;

/** UAA, HSS to I-CSCF (TS 29.229 6.1.2): the S-CSCF name or the capabilities to choose one. */
public record UserAuthorizationAnswer(CxResult result, Optional<String> serverName,
                                      Optional<ServerCapabilities> serverCapabilities,
                                      List<SupportedFeatures> supportedFeatures) {

    public UserAuthorizationAnswer {
        supportedFeatures = List.copyOf(supportedFeatures);
    }

    public DiameterMessage toMessage(DiameterMessage request, String originHost, String originRealm) {
        DiameterMessage.Builder b = CxMessages.answer(request, result, originHost, originRealm);
        supportedFeatures.forEach(f -> b.add(f.toAvp()));
        serverName.ifPresent(n -> b.add(Avp.utf8(CxAvps.SERVER_NAME, n)));
        serverCapabilities.ifPresent(c -> b.add(c.toAvp()));
        return CxMessages.finish(b, request);
    }

    /** Empty when {@code message} is not a UAA or carries no result. */
    public static Optional<UserAuthorizationAnswer> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.UAA) {
            return Optional.empty();
        }
        return CxResult.from(message).map(result -> new UserAuthorizationAnswer(result,
                message.utf8(CxAvps.SERVER_NAME),
                message.find(CxAvps.SERVER_CAPABILITIES).map(ServerCapabilities::fromAvp),
                SupportedFeatures.allFrom(message)));
    }
}
