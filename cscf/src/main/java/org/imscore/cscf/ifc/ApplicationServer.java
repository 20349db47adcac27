package org.imscore.cscf.ifc;

import java.util.Objects;
import java.util.Optional;

/**
 * The AS of a filter criterion (TS 29.228 Annex B.2.2): its SIP URI, the handling when it does not answer, and the
 * optional ServiceInfo the S-CSCF puts in the body towards it.
 */
public record ApplicationServer(String serverName, DefaultHandling defaultHandling, Optional<String> serviceInfo) {

    public ApplicationServer {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(defaultHandling, "defaultHandling");
        Objects.requireNonNull(serviceInfo, "serviceInfo");
        if (serverName.isBlank()) {
            throw new IllegalArgumentException("ApplicationServer has an empty ServerName");
        }
    }
}
