package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.SipTimers;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import org.junit.jupiter.api.Test;

/**
 * A call whose caller is on UDP and whose callee is on TCP, through the real transport: the proxy Record-Routes
 * once per side (RFC 5658) so that each end reaches it over its own transport, and pops both values again.
 */
class TransportSwitchTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void udpCallerTcpCalleeRecordRoutedTwiceAndInDialogRequestsFollow() throws Exception {
        try (UdpPeer alice = new UdpPeer(); TcpPeer bob = new TcpPeer()) {
            ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
                    .withRoutes(StaticRoutes.none().with("bob@example.com", bob.endpoint()))
                    .withTimers(new SipTimers(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(250),
                            Duration.ofSeconds(5)));
            try (StatefulProxy proxy = StatefulProxy.start(config)) {
                int port = proxy.listeningPoint(Transport.UDP).port();
                InetSocketAddress udp = new InetSocketAddress("127.0.0.1", port);
                String viaUdp = "sip:127.0.0.1:" + port + ";transport=udp;lr";
                String viaTcp = "sip:127.0.0.1:" + port + ";transport=tcp;lr";

                alice.send("""
                        INVITE sip:bob@example.com SIP/2.0
                        Via: SIP/2.0/UDP 127.0.0.1:$port;branch=z9hG4bKsw1;rport
                        Max-Forwards: 70
                        From: <sip:alice@example.net>;tag=sw
                        To: <sip:bob@example.com>
                        Call-ID: switch-1
                        CSeq: 1 INVITE
                        Contact: <sip:alice@127.0.0.1:$port>
                        Content-Length: 0

                        """, udp);

                SipRequest invite = (SipRequest) bob.receive(WAIT);
                assertThat(invite.topVia().transport()).isEqualTo("TCP");
                assertThat(invite.recordRoutes()).extracting(r -> r.uri().toString()).containsExactly(viaTcp, viaUdp);
                bob.reply(SipResponse.forRequest(invite, 200).toTag("bobtag")
                        .add("Contact", "<sip:bob@127.0.0.1:" + bob.port() + ";transport=tcp>")
                        .add("Record-Route", "<" + viaTcp + ">, <" + viaUdp + ">")
                        .build());

                SipResponse ok = (SipResponse) alice.receive(WAIT, m -> m instanceof SipResponse r && r.isFinal());
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.vias()).hasSize(1);

                // The caller's route set is the Record-Route reversed: our UDP side first (RFC 3261 §12.1.2).
                alice.send("""
                        BYE sip:bob@127.0.0.1:%d;transport=tcp SIP/2.0
                        Via: SIP/2.0/UDP 127.0.0.1:$port;branch=z9hG4bKsw2;rport
                        Max-Forwards: 70
                        Route: <%s>, <%s>
                        From: <sip:alice@example.net>;tag=sw
                        To: <sip:bob@example.com>;tag=bobtag
                        Call-ID: switch-1
                        CSeq: 2 BYE
                        Content-Length: 0

                        """.formatted(bob.port(), viaUdp, viaTcp), udp);

                SipMessage bye = bob.receive(WAIT);
                assertThat(bye).isInstanceOfSatisfying(SipRequest.class, b -> {
                    assertThat(b.method()).isEqualTo("BYE");
                    assertThat(b.routes()).extracting(NameAddress::uri).isEmpty();
                    assertThat(b.topVia().transport()).isEqualTo("TCP");
                });
                bob.reply(SipResponse.forRequest((SipRequest) bye, 200).build());
                SipResponse byeOk = (SipResponse) alice.receive(WAIT, m -> m instanceof SipResponse r && r.isFinal());
                assertThat(byeOk.statusCode()).isEqualTo(200);
                assertThat(byeOk.cseq().method()).isEqualTo("BYE");
            }
        }
    }
}
