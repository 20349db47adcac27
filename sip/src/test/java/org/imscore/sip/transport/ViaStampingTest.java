package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.Via;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §18.2.1 and RFC 3581 §4: what goes into the top Via of a received request. */
class ViaStampingTest {

    private static final InetSocketAddress SOURCE = new InetSocketAddress("192.0.2.10", 40000);
    private static final InetSocketAddress SOURCE_V6 = new InetSocketAddress("2001:db8::10", 40000);

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // sent-by equals source: untouched
            "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1 | v4 | SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1",
            // sent-by another IP: received
            "SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bK1 | v4 | SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bK1;received=192.0.2.10",
            // a host name always differs (no DNS here)
            "SIP/2.0/TCP ue.example.com;branch=z9hG4bK1 | v4 | SIP/2.0/TCP ue.example.com;branch=z9hG4bK1;received=192.0.2.10",
            // rport without value: filled, and received added even though the host matches (RFC 3581 §4)
            "SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bK1 | v4 | SIP/2.0/UDP 192.0.2.10:5060;rport=40000;branch=z9hG4bK1;received=192.0.2.10",
            // rport that already has a value: left alone
            "SIP/2.0/UDP 192.0.2.10:5060;rport=1234;branch=z9hG4bK1 | v4 | SIP/2.0/UDP 192.0.2.10:5060;rport=1234;branch=z9hG4bK1",
            // a received written by the sender is replaced by what we saw, even when the sent-by is the source
            "SIP/2.0/UDP 192.0.2.99;branch=z9hG4bK1;received=10.0.0.1 | v4 | SIP/2.0/UDP 192.0.2.99;branch=z9hG4bK1;received=192.0.2.10",
            "SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1;received=evil.example.com | v4 | SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1;received=192.0.2.10",
            // IPv6: the same address written differently is the same address; received without brackets (RFC 5118 §4.5)
            "SIP/2.0/UDP [2001:db8:0::10]:5060;branch=z9hG4bK1 | v6 | SIP/2.0/UDP [2001:db8:0::10]:5060;branch=z9hG4bK1",
            "SIP/2.0/UDP [2001:db8::99]:5060;branch=z9hG4bK1 | v6 | SIP/2.0/UDP [2001:db8::99]:5060;branch=z9hG4bK1;received=2001:db8:0:0:0:0:0:10",
    })
    void stampsTheTopVia(String via, String source, String expected) {
        Via stamped = ViaStamping.stamp(Via.parse(via), source.equals("v4") ? SOURCE : SOURCE_V6);
        assertThat(stamped.toString()).isEqualTo(expected);
    }

    @Test
    void onlyTheTopViaValueChangesAndEveryOtherFieldKeepsItsText() {
        String request = "OPTIONS sip:b@example.com SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bKtop;rport , SIP/2.0/UDP 10.1.1.1;branch=z9hG4bKlow\r\n"
                + "Via: SIP/2.0/UDP 10.2.2.2;branch=z9hG4bKlowest\r\n"
                + "Max-Forwards: 70\r\nf: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\n"
                + "Call-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        SipMessage parsed = Peers.parse(request.getBytes(StandardCharsets.UTF_8));

        SipMessage stamped = ViaStamping.stampTopVia(parsed, SOURCE);

        assertThat(stamped.vias()).extracting(Via::toString).containsExactly(
                "SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bKtop;rport=40000;received=192.0.2.10",
                "SIP/2.0/UDP 10.1.1.1;branch=z9hG4bKlow",
                "SIP/2.0/UDP 10.2.2.2;branch=z9hG4bKlowest");
        assertThat(new String(SipSerializer.serialize(stamped), StandardCharsets.UTF_8)).isEqualTo(
                "OPTIONS sip:b@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bKtop;rport=40000;received=192.0.2.10\r\n"
                + "Via: SIP/2.0/UDP 10.1.1.1;branch=z9hG4bKlow\r\n"
                + "Via: SIP/2.0/UDP 10.2.2.2;branch=z9hG4bKlowest\r\n"
                + "Max-Forwards: 70\r\nf: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\n"
                + "Call-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void aRequestThatNeedsNothingIsReturnedAsIs() {
        String request = Peers.options("UDP", "192.0.2.10:5060", "", "same");
        SipMessage parsed = Peers.parse(request.getBytes(StandardCharsets.UTF_8));
        assertThat(ViaStamping.stampTopVia(parsed, SOURCE)).isSameAs(parsed);
    }
}
