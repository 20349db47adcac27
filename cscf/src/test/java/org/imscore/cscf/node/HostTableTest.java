package org.imscore.cscf.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

class HostTableTest {

    final HostTable table = new HostTable(Map.of("SCSCF.ims.example.org", "127.0.0.7"));

    @Test
    void aNameInTheTableResolvesToItsAddressWithTheUriPort() {
        assertThat(table.resolve(SipUri.parse("sip:scscf.ims.example.org:6060")))
                .contains(Endpoint.udp("127.0.0.7", 6060));
    }

    @Test
    void theTransportParameterChoosesTcp() {
        assertThat(table.resolve(SipUri.parse("sip:scscf.ims.example.org:6060;transport=tcp")))
                .contains(Endpoint.tcp("127.0.0.7", 6060));
    }

    @Test
    void aNumericHostIsItselfAndTheDefaultPortIs5060() {
        assertThat(table.resolve(SipUri.parse("sip:orig@10.1.2.3;lr"))).contains(Endpoint.udp("10.1.2.3", 5060));
    }

    @Test
    void anUnknownNameIsUnreachableRatherThanLookedUp() {
        assertThat(table.resolve(SipUri.parse("sip:icscf.elsewhere.example:4060"))).isEmpty();
    }

    @Test
    void sipsIsUnreachableWithoutTls() {
        assertThat(table.resolve(SipUri.parse("sips:scscf.ims.example.org"))).isEmpty();
    }
}
