package org.imscore.diameter.cx;

import java.util.Optional;
import java.util.OptionalInt;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.DiameterMessage;

/** LIR, I-CSCF to HSS to find the S-CSCF of a public identity (TS 29.229 6.1.5). */
public record LocationInfoRequest(CxRequestHeader header, String publicIdentity, boolean originating,
                                  OptionalInt userAuthorizationType, OptionalInt sessionPriority) {

    public DiameterMessage toMessage() {
        DiameterMessage.Builder b = CxMessages.request(CxCommand.LIR, header);
        if (originating) {
            b.add(Avp.enumerated(CxAvps.ORIGINATING_REQUEST, 0));
        }
        b.add(Avp.utf8(CxAvps.PUBLIC_IDENTITY, publicIdentity));
        userAuthorizationType.ifPresent(t -> b.add(Avp.enumerated(CxAvps.USER_AUTHORIZATION_TYPE, t)));
        sessionPriority.ifPresent(p -> b.add(Avp.enumerated(CxAvps.SESSION_PRIORITY, p)));
        return b.build();
    }

    public static Optional<LocationInfoRequest> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.LIR) {
            return Optional.empty();
        }
        Optional<CxRequestHeader> header = CxRequestHeader.from(message);
        Optional<String> impu = message.utf8(CxAvps.PUBLIC_IDENTITY);
        if (header.isEmpty() || impu.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LocationInfoRequest(header.get(), impu.get(), message.has(CxAvps.ORIGINATING_REQUEST),
                message.integer32(CxAvps.USER_AUTHORIZATION_TYPE), message.integer32(CxAvps.SESSION_PRIORITY)));
    }
}
