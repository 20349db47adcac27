package org.imscore.cscf.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** The literal check accepts exactly what these two expressions match (its former definition). */
    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "127.0.0.1", "255.255.255.255", "999.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3",
            ".1.2.3", "1.2.3.", "1234.1.1.1", "1.2.3.4a", "", "::1", "2001:db8::1", "::ffff:10.0.0.1", "fe80::1%eth0",
            "2001:DB8::A", "abc", "a:b:g", ":", "1.2.3.4:5060", "scscf.ims.example.org", "[::1]"})
    void ipLiteralsAreWhatTheRegularExpressionsSay(String text) {
        boolean expected = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")
                || (text.contains(":") && text.matches("[0-9a-fA-F:.]+"));
        assertThat(HostTable.isIpLiteral(text)).as(text).isEqualTo(expected);
    }
}
