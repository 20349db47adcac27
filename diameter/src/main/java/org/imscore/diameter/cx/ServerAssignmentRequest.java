package org.imscore.diameter.cx;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;

/** SAR, S-CSCF to HSS (TS 29.229 6.1.3). {@code assignmentType} is the raw Server-Assignment-Type. */
public record ServerAssignmentRequest(CxRequestHeader header, Optional<String> userName,
                                      List<String> publicIdentities, Optional<String> wildcardedPublicIdentity,
                                      String serverName, int assignmentType, boolean userDataAlreadyAvailable,
                                      OptionalInt multipleRegistrationIndication, OptionalLong sarFlags,
                                      List<SupportedFeatures> supportedFeatures) {

    public ServerAssignmentRequest {
        publicIdentities = List.copyOf(publicIdentities);
        supportedFeatures = List.copyOf(supportedFeatures);
    }

    public Optional<ServerAssignmentType> type() {
        return ServerAssignmentType.of(assignmentType);
    }

    public DiameterMessage toMessage() {
        DiameterMessage.Builder b = CxMessages.request(CxCommand.SAR, header);
        userName.ifPresent(u -> b.add(Avp.utf8(BaseAvps.USER_NAME, u)));
        supportedFeatures.forEach(f -> b.add(f.toAvp()));
        publicIdentities.forEach(p -> b.add(Avp.utf8(CxAvps.PUBLIC_IDENTITY, p)));
        wildcardedPublicIdentity.ifPresent(w -> b.add(Avp.utf8(CxAvps.WILDCARDED_PUBLIC_IDENTITY, w)));
        b.add(Avp.utf8(CxAvps.SERVER_NAME, serverName))
                .add(Avp.enumerated(CxAvps.SERVER_ASSIGNMENT_TYPE, assignmentType))
                .add(Avp.enumerated(CxAvps.USER_DATA_ALREADY_AVAILABLE, userDataAlreadyAvailable ? 1 : 0));
        multipleRegistrationIndication.ifPresent(m -> b.add(Avp.enumerated(CxAvps.MULTIPLE_REGISTRATION_INDICATION, m)));
        sarFlags.ifPresent(f -> b.add(Avp.unsigned32(CxAvps.SAR_FLAGS, f)));
        return b.build();
    }

    public static Optional<ServerAssignmentRequest> from(DiameterMessage message) {
        if (CxCommand.of(message).orElse(null) != CxCommand.SAR) {
            return Optional.empty();
        }
        Optional<CxRequestHeader> header = CxRequestHeader.from(message);
        Optional<String> server = message.utf8(CxAvps.SERVER_NAME);
        OptionalInt type = message.integer32(CxAvps.SERVER_ASSIGNMENT_TYPE);
        OptionalInt available = message.integer32(CxAvps.USER_DATA_ALREADY_AVAILABLE);
        if (header.isEmpty() || server.isEmpty() || type.isEmpty() || available.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerAssignmentRequest(header.get(), message.utf8(BaseAvps.USER_NAME),
                message.utf8All(CxAvps.PUBLIC_IDENTITY),
                message.utf8(CxAvps.WILDCARDED_PUBLIC_IDENTITY), server.get(), type.getAsInt(),
                available.getAsInt() == 1, message.integer32(CxAvps.MULTIPLE_REGISTRATION_INDICATION),
                message.unsigned32(CxAvps.SAR_FLAGS), SupportedFeatures.allFrom(message)));
    }
}
