package org.imscore.cscf.cx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SAR parameters (TS 29.228 §6.1.2.1).
 *
 * @param privateIdentity          the IMPI (absent only for UNREGISTERED_USER on a terminating request)
 * @param publicIdentities         one IMPU of the implicit set is enough for (re/de-)registration
 * @param userDataAlreadyAvailable whether this S-CSCF already holds the profile (TS 29.229 §6.3.26)
 */
public record ServerAssignmentRequest(Optional<String> privateIdentity, List<String> publicIdentities,
                                      String serverName, AssignmentType type, boolean userDataAlreadyAvailable) {

    public ServerAssignmentRequest {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        publicIdentities = List.copyOf(publicIdentities);
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(type, "type");
    }

    public static ServerAssignmentRequest of(String impi, String impu, String serverName, AssignmentType type,
                                             boolean userDataAlreadyAvailable) {
        return new ServerAssignmentRequest(Optional.of(impi), List.of(impu), serverName, type,
                userDataAlreadyAvailable);
    }
}
