package org.imscore.cscf.icscf;

import java.util.List;
import java.util.Objects;

/**
 * Settings of the I-CSCF's registration role.
 *
 * @param scscfs             the S-CSCFs to choose from, in order of preference
 * @param homeDomain         Visited-Network-Identifier when the REGISTER has no P-Visited-Network-ID (a UE in its
 *                           home network reaching the I-CSCF through a home P-CSCF that omitted it)
 * @param retryAfterSeconds  Retry-After on 480/504 when the HSS or every S-CSCF is unavailable
 */
public record IcscfConfig(List<ScscfEntry> scscfs, String homeDomain, long retryAfterSeconds) {

    public IcscfConfig {
        scscfs = List.copyOf(scscfs);
        Objects.requireNonNull(homeDomain, "homeDomain");
    }
}
