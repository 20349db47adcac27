package org.imscore.diameter.peer;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.VendorSpecificApplicationId;

/** Capabilities exchange messages and the common-application rule of RFC 6733 section 5.3. */
final class Capabilities {

    static final int CER = 257;
    static final int DWR = 280;
    static final int DPR = 282;
    /** Application id that relays every application (RFC 6733 2.4). */
    static final long RELAY = 0xFFFF_FFFFL;

    private Capabilities() {
    }

    static DiameterMessage cer(NodeConfig config, int hopByHop, int endToEnd) {
        DiameterMessage.Builder b = DiameterMessage.request(CER, 0).hopByHopId(hopByHop).endToEndId(endToEnd);
        identity(b, config);
        return b.build();
    }

    static DiameterMessage cea(NodeConfig config, DiameterMessage cer, long resultCode, String errorMessage) {
        DiameterMessage.Builder b = DiameterMessage.answerTo(cer)
                .add(Avp.unsigned32(BaseAvps.RESULT_CODE, resultCode));
        identity(b, config);
        if (errorMessage != null) {
            b.add(Avp.utf8(BaseAvps.ERROR_MESSAGE, errorMessage));
        }
        return b.build();
    }

    /** The CER/CEA body after Result-Code, in the order of the RFC 6733 5.3.1 grammar. */
    private static void identity(DiameterMessage.Builder b, NodeConfig config) {
        b.add(Avp.utf8(BaseAvps.ORIGIN_HOST, config.originHost()))
                .add(Avp.utf8(BaseAvps.ORIGIN_REALM, config.originRealm()));
        for (InetAddress address : config.hostIpAddresses()) {
            b.add(Avp.address(BaseAvps.HOST_IP_ADDRESS, address));
        }
        b.add(Avp.unsigned32(BaseAvps.VENDOR_ID, config.vendorId()))
                .add(Avp.utf8(BaseAvps.PRODUCT_NAME, config.productName()))
                .add(Avp.unsigned32(BaseAvps.ORIGIN_STATE_ID, config.originStateId()));
        Set<Long> vendors = new LinkedHashSet<>();
        for (VendorSpecificApplicationId app : config.applications()) {
            if (app.vendorId() != 0) {
                vendors.add(app.vendorId());
            }
        }
        vendors.forEach(v -> b.add(Avp.unsigned32(BaseAvps.SUPPORTED_VENDOR_ID, v)));
        config.applications().forEach(app -> b.add(app.toAvp()));
    }

    /**
     * Application ids advertised in a CER/CEA: Auth-Application-Id, Acct-Application-Id and those inside
     * Vendor-Specific-Application-Id. RFC 6733 5.3: the Vendor-Id inside the grouped AVP does not take
     * part in the match, so Kamailio's Cx advertised under vendors 10415, 4491 and 13019 all count.
     */
    static Set<Long> advertised(DiameterMessage message) {
        Set<Long> ids = new LinkedHashSet<>();
        message.findAll(BaseAvps.AUTH_APPLICATION_ID).forEach(a -> a.unsigned32().ifPresent(ids::add));
        message.findAll(BaseAvps.ACCT_APPLICATION_ID).forEach(a -> a.unsigned32().ifPresent(ids::add));
        for (VendorSpecificApplicationId vsai : VendorSpecificApplicationId.allFrom(message)) {
            vsai.authApplicationId().ifPresent(ids::add);
            vsai.acctApplicationId().ifPresent(ids::add);
        }
        return ids;
    }

    /** Applications both sides support; a relay (0xFFFFFFFF) on either side supports whatever the other does. */
    static List<Long> common(NodeConfig local, Set<Long> remote) {
        List<Long> mine = local.applicationIds();
        if (mine.contains(RELAY)) {
            return List.copyOf(remote);
        }
        if (remote.contains(RELAY)) {
            return mine;
        }
        return mine.stream().filter(remote::contains).toList();
    }
}
