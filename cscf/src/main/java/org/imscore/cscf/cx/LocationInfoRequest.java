package org.imscore.cscf.cx;

import java.util.Objects;

/**
 * LIR parameters (TS 29.228 §6.1.4.1).
 *
 * @param originating          Originating-Request: the I-CSCF routes an originating request (e.g. from an AS)
 * @param includeCapabilities  ask for Server-Capabilities too (User-Authorization-Type
 *                             REGISTRATION_AND_CAPABILITIES), to pick a new S-CSCF
 */
public record LocationInfoRequest(String publicIdentity, boolean originating, boolean includeCapabilities) {

    public LocationInfoRequest {
        Objects.requireNonNull(publicIdentity, "publicIdentity");
    }
}
