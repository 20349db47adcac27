package org.imscore.cscf.cx;

import java.util.List;

/**
 * Server-Capabilities (TS 29.229 §6.3.4): capabilities the chosen S-CSCF must have and those it should have, plus
 * S-CSCF names the operator prefers. Capability numbers are operator-defined (TS 29.228 Annex A).
 */
public record ScscfCapabilities(List<Long> mandatory, List<Long> optional, List<String> serverNames) {

    public ScscfCapabilities {
        mandatory = List.copyOf(mandatory);
        optional = List.copyOf(optional);
        serverNames = List.copyOf(serverNames);
    }
}
