package org.imscore.cscf.cx;

import java.util.Objects;
import java.util.Optional;

/**
 * A successful LIA (TS 29.228 §6.1.4.2): the serving S-CSCF, or capabilities to choose one for an unregistered
 * user with services ({@code unregisteredService}, Experimental-Result 2003).
 */
public record LocationInfoAnswer(boolean unregisteredService, Optional<String> serverName,
                                 Optional<ScscfCapabilities> capabilities,
                                 Optional<String> wildcardedPublicIdentity) {

    public LocationInfoAnswer {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(wildcardedPublicIdentity, "wildcardedPublicIdentity");
    }
}
