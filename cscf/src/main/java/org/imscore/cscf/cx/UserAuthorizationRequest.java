package org.imscore.cscf.cx;

import java.util.Objects;

/**
 * UAR parameters (TS 29.228 §6.1.1.1, TS 29.229 §6.1.1), taken by the I-CSCF from a REGISTER.
 *
 * @param publicIdentity    the IMPU from the To header
 * @param privateIdentity   the IMPI from the Authorization username (or derived from the IMPU)
 * @param visitedNetworkId  the P-Visited-Network-ID value (Visited-Network-Identifier)
 * @param type              registration, or de-registration for Expires 0
 */
public record UserAuthorizationRequest(String publicIdentity, String privateIdentity, String visitedNetworkId,
                                       AuthorizationType type) {

    public UserAuthorizationRequest {
        Objects.requireNonNull(publicIdentity, "publicIdentity");
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        Objects.requireNonNull(visitedNetworkId, "visitedNetworkId");
        Objects.requireNonNull(type, "type");
    }

    /** User-Authorization-Type (TS 29.229 §6.3.24); the declaration order is the wire value. */
    public enum AuthorizationType {
        REGISTRATION, DE_REGISTRATION, REGISTRATION_AND_CAPABILITIES
    }
}
