package org.imscore.cscf.cx;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a CSCF is on Cx and where its requests go (TS 29.229 §6.1; diameter-cx.md §10).
 *
 * @param originHost       this node's Diameter identity, e.g. {@code scscf.ims.mnc001.mcc001.3gppnetwork.org}
 * @param originRealm      this node's realm
 * @param destinationRealm the HSS realm (the home domain)
 * @param destinationHost  the HSS host, when requests must go to one HSS rather than any in the realm
 */
public record CxClientConfig(String originHost, String originRealm, String destinationRealm,
                             Optional<String> destinationHost) {

    public CxClientConfig {
        Objects.requireNonNull(originHost, "originHost");
        Objects.requireNonNull(originRealm, "originRealm");
        Objects.requireNonNull(destinationRealm, "destinationRealm");
        Objects.requireNonNull(destinationHost, "destinationHost");
    }
}
