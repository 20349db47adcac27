package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imscore.sip.message.Via;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §18.2.2 and RFC 3581 §4: where a response goes when there is no connection to send it back on. */
class ResponseTargetTest {

    @ParameterizedTest(name = "{0} -> {1}:{2}")
    @CsvSource(delimiter = '|', value = {
            // unreliable: received + sent-by port; default port 5060
            "SIP/2.0/UDP ue.example.com:5070;branch=z9hG4bK1;received=192.0.2.1 | 192.0.2.1 | 5070",
            "SIP/2.0/UDP ue.example.com;branch=z9hG4bK1;received=192.0.2.1      | 192.0.2.1 | 5060",
            // no received: the sent-by itself
            "SIP/2.0/UDP 192.0.2.5:5080;branch=z9hG4bK1                          | 192.0.2.5 | 5080",
            // rport with a value wins over the sent-by port (RFC 3581 §4)
            "SIP/2.0/UDP 10.0.0.1:5060;rport=41000;received=192.0.2.1;branch=z9hG4bK1 | 192.0.2.1 | 41000",
            // maddr wins for unreliable transports, with the sent-by port
            "SIP/2.0/UDP 10.0.0.1:5062;maddr=239.255.255.1;received=192.0.2.1;branch=z9hG4bK1 | 239.255.255.1 | 5062",
            "SIP/2.0/UDP 10.0.0.1;maddr=239.255.255.1;branch=z9hG4bK1            | 239.255.255.1 | 5060",
            // reliable: received + sent-by port (rport if present); maddr is not used
            "SIP/2.0/TCP ue.example.com:5070;branch=z9hG4bK1;received=192.0.2.1 | 192.0.2.1 | 5070",
            "SIP/2.0/TCP 10.0.0.1;rport=40001;received=192.0.2.1;branch=z9hG4bK1 | 192.0.2.1 | 40001",
            "SIP/2.0/TCP 10.0.0.1:5070;maddr=239.255.255.1;branch=z9hG4bK1       | 10.0.0.1  | 5070",
            // IPv6 without brackets
            "SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK1                      | 2001:db8::1 | 5070",
    })
    void followsTheVia(String via, String host, int port) {
        ResponseTarget target = ResponseTarget.of(Via.parse(via));
        assertThat(target.host()).isEqualTo(host);
        assertThat(target.port()).isEqualTo(port);
    }

    @Test
    void anUnknownTransportCannotBeAnswered() {
        assertThatThrownBy(() -> ResponseTarget.of(Via.parse("SIP/2.0/SCTP 10.0.0.1;branch=z9hG4bK1")))
                .isInstanceOf(TransportException.class).hasMessageContaining("SCTP");
    }
}
