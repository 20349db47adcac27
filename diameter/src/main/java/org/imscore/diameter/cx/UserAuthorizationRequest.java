package org.imscore.diameter.cx;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;

/**
 * UAR, I-CSCF to HSS at REGISTER (TS 29.229 6.1.1). {@code authorizationType} is the raw value;
 * an absent User-Authorization-Type reads as REGISTRATION (0), as Kamailio omits it.
 */
public record UserAuthorizationRequest(CxRequestHeader header, String userName, String publicIdentity,
                                       String visitedNetworkIdentifier, int authorizationType,
                                       OptionalLong uarFlags, List<SupportedFeatures> supportedFeatures) {

    public UserAuthorizationRequest {
        supportedFeatures = List.copyOf(supportedFeatures);
    }

    public Optional<UserAuthorizationType> type() {
        return UserAuthorizationType.of(authorizationType);
    }

    public DiameterMessage toMessage() {
        DiameterMessage.Builder b = CxMessages.request(CxCommand.UAR, header)
                .add(Avp.utf8(BaseAvps.USER_NAME, userName));
        supportedFeatures.forEach(f -> b.add(f.toAvp()));
        b.add(Avp.utf8(CxAvps.PUBLIC_IDENTITY, publicIdentity))
                .add(Avp.octets(CxAvps.VISITED_NETWORK_IDENTIFIER, visitedNetworkIdentifier.getBytes(StandardCharsets.UTF_8)))
                .add(Avp.enumerated(CxAvps.USER_AUTHORIZATION_TYPE, authorizationType));
        uarFlags.ifPresent(f -> b.add(Avp.unsigned32(CxAvps.UAR_FLAGS, f)));
        return b.build();
    }

    /** Empty when {@code message} is not a UAR or lacks a required AVP. */
    public static Optional<UserAuthorizationRequest> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.UAR) {
            return Optional.empty();
        }
        Optional<CxRequestHeader> header = CxRequestHeader.from(message);
        Optional<String> user = message.utf8(BaseAvps.USER_NAME);
        Optional<String> impu = message.utf8(CxAvps.PUBLIC_IDENTITY);
        Optional<byte[]> visited = message.octets(CxAvps.VISITED_NETWORK_IDENTIFIER);
        if (header.isEmpty() || user.isEmpty() || impu.isEmpty() || visited.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserAuthorizationRequest(header.get(), user.get(), impu.get(),
                new String(visited.get(), StandardCharsets.UTF_8),
                message.integer32(CxAvps.USER_AUTHORIZATION_TYPE).orElse(UserAuthorizationType.REGISTRATION.value()),
                message.unsigned32(CxAvps.UAR_FLAGS), SupportedFeatures.allFrom(message)));
    }
}
