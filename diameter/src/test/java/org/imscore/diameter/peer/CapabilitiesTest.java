package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.VendorSpecificApplicationId;
import org.junit.jupiter.api.Test;

/** The common-application rule of RFC 6733 5.3 over the forms peers advertise. */
class CapabilitiesTest {

    private final NodeConfig cx = TestNodes.config("hss.ims.test", TestNodes.fastTimers());

    @Test
    void advertisedCollectsEveryForm() {
        DiameterMessage cer = RawPeer.cer("p")
                .add(Avp.unsigned32(BaseAvps.AUTH_APPLICATION_ID, 1))
                .add(Avp.unsigned32(BaseAvps.ACCT_APPLICATION_ID, 3))
                .add(VendorSpecificApplicationId.auth(4491, 16777216).toAvp())
                .add(VendorSpecificApplicationId.acct(10415, 16777217).toAvp())
                .build();
        assertThat(Capabilities.advertised(cer)).containsExactlyInAnyOrder(1L, 3L, 16777216L, 16777217L);
    }

    @Test
    void commonApplications() {
        assertThat(Capabilities.common(cx, Set.of(16777216L, 4L))).containsExactly(16777216L);
        assertThat(Capabilities.common(cx, Set.of(16777251L))).isEmpty();
        assertThat(Capabilities.common(cx, Set.of(0xFFFF_FFFFL))).containsExactly(16777216L);
        NodeConfig relay = new NodeConfig("dra", "r", cx.hostIpAddresses(), 0, "x", 1,
                List.of(VendorSpecificApplicationId.auth(0, 0xFFFF_FFFFL)), cx.timers());
        assertThat(Capabilities.common(relay, Set.of(16777251L))).containsExactly(16777251L);
    }

    @Test
    void cerCarriesWhatKamailioLooksFor() {
        DiameterMessage cer = Capabilities.cer(cx, 1, 2);
        assertThat(cer.isRequest()).isTrue();
        assertThat(cer.isProxiable()).isFalse();
        assertThat(cer.applicationId()).isZero();
        assertThat(VendorSpecificApplicationId.allFrom(cer))
                .containsExactly(VendorSpecificApplicationId.auth(10415, 16777216));
        assertThat(cer.findAll(BaseAvps.SUPPORTED_VENDOR_ID)).extracting(a -> a.unsigned32().getAsLong())
                .containsExactly(10415L);
        assertThat(cer.has(BaseAvps.HOST_IP_ADDRESS)).isTrue();
        assertThat(cer.has(BaseAvps.PRODUCT_NAME)).isTrue();
    }
}
