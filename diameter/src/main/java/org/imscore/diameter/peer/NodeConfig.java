package org.imscore.diameter.peer;

import java.net.InetAddress;
import java.util.List;

import org.imscore.diameter.codec.VendorSpecificApplicationId;

/**
 * Who this Diameter node is and what it offers in CER/CEA (RFC 6733 5.3): Origin-Host and
 * Origin-Realm, Host-IP-Address(es), Vendor-Id, Product-Name, Origin-State-Id, and the applications
 * (advertised as Vendor-Specific-Application-Id, their vendors as Supported-Vendor-Id).
 */
public record NodeConfig(String originHost, String originRealm, List<InetAddress> hostIpAddresses,
                         long vendorId, String productName, long originStateId,
                         List<VendorSpecificApplicationId> applications, PeerTimers timers) {

    public NodeConfig {
        hostIpAddresses = List.copyOf(hostIpAddresses);
        applications = List.copyOf(applications);
        if (hostIpAddresses.isEmpty()) {
            throw new IllegalArgumentException("CER needs at least one Host-IP-Address");
        }
    }

    /**
     * A Cx node (HSS or CSCF) with the defaults: Vendor-Id 0, Product-Name "imscore", Origin-State-Id
     * from the clock (changes on each restart, RFC 6733 8.16), Cx advertised as
     * Vendor-Specific-Application-Id {10415, 16777216}, default timers.
     */
    public static NodeConfig cx(String originHost, String originRealm, InetAddress hostIpAddress) {
        return new NodeConfig(originHost, originRealm, List.of(hostIpAddress), 0, "imscore",
                System.currentTimeMillis() / 1000, List.of(VendorSpecificApplicationId.auth(10415, 16777216L)),
                PeerTimers.defaults());
    }

    /** Application ids this node serves, the vendor wrapper removed. */
    public List<Long> applicationIds() {
        return applications.stream().map(VendorSpecificApplicationId::applicationId).distinct().toList();
    }

    public NodeConfig withTimers(PeerTimers newTimers) {
        return new NodeConfig(originHost, originRealm, hostIpAddresses, vendorId, productName, originStateId,
                applications, newTimers);
    }
}
