package org.imscore.cscf.pcscf;

import java.util.Objects;
import org.imscore.sip.message.NameAddress;

/**
 * Settings of the P-CSCF's registration role.
 *
 * @param homeDomain       the home network domain: realm and uri of the Authorization the P-CSCF adds
 * @param path             our Path entry (RFC 3327), e.g. {@code <sip:term@pcscf.ims.mnc001.mcc001.3gppnetwork.org;lr>}
 * @param visitedNetworkId P-Visited-Network-ID value (RFC 7315 §4.3), e.g. the P-CSCF's network domain
 * @param icscfRoute       the next hop for REGISTER, e.g. {@code <sip:icscf.ims.mnc001.mcc001.3gppnetwork.org:4060;lr>}
 * @param chargingHost     {@code icid-generated-at} of P-Charging-Vector
 * @param originatingIoi   {@code orig-ioi} of P-Charging-Vector: this operator's identifier (TS 32.260)
 */
public record PcscfConfig(String homeDomain, NameAddress path, String visitedNetworkId, NameAddress icscfRoute,
                          String chargingHost, String originatingIoi) {

    public PcscfConfig {
        Objects.requireNonNull(homeDomain, "homeDomain");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(visitedNetworkId, "visitedNetworkId");
        Objects.requireNonNull(icscfRoute, "icscfRoute");
        Objects.requireNonNull(chargingHost, "chargingHost");
        Objects.requireNonNull(originatingIoi, "originatingIoi");
    }
}
