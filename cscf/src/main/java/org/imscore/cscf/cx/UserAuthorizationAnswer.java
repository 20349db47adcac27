package org.imscore.cscf.cx;

import java.util.Objects;
import java.util.Optional;

/**
 * A successful UAA (TS 29.228 §6.1.1.2): the S-CSCF to forward to ({@code serverName}), or, when the user has
 * none yet, the capabilities to choose one by.
 */
public record UserAuthorizationAnswer(RegistrationStatus status, Optional<String> serverName,
                                      Optional<ScscfCapabilities> capabilities) {

    public UserAuthorizationAnswer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(capabilities, "capabilities");
    }

    /** The success Experimental-Result-Codes of a UAA (TS 29.229 §6.2.1). */
    public enum RegistrationStatus {
        /** 2001: no S-CSCF assigned yet. */
        FIRST_REGISTRATION,
        /** 2002: an S-CSCF is assigned; Server-Name says which. */
        SUBSEQUENT_REGISTRATION,
        /** 2003: the identity is unregistered but has services; Server-Name may be present. */
        UNREGISTERED_SERVICE,
        /** 2004: de-registration allowed, server name not stored. */
        SERVER_NAME_NOT_STORED
    }
}
