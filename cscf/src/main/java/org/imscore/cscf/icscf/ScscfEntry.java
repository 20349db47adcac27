package org.imscore.cscf.icscf;

import java.util.Objects;
import java.util.Set;

/**
 * An S-CSCF this I-CSCF may assign (TS 29.228 Annex A: the operator maps capability numbers to its S-CSCFs).
 *
 * @param serverName   its SIP URI, as the HSS stores it, e.g. {@code sip:scscf.ims.mnc001.mcc001.3gppnetwork.org:6060}
 * @param capabilities the capability numbers it has
 */
public record ScscfEntry(String serverName, Set<Long> capabilities) {

    public ScscfEntry {
        Objects.requireNonNull(serverName, "serverName");
        capabilities = Set.copyOf(capabilities);
    }
}
