package org.imscore.benchmarks.sip;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.Via;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The SIP codec on the two messages an IMS core sees most: an INVITE with SDP (807 octets) and a REGISTER
 * carrying an AKA Authorization and sec-agree headers (1379 octets, modelled on ipsec_reg frame 485).
 *
 * <ul>
 *   <li>{@code parse*}: bytes to message (start line and the mandatory headers validated, others lazy);</li>
 *   <li>{@code parse*AndRead}: plus the typed reads a proxy or registrar does on every message;</li>
 *   <li>{@code serialize*}: a parsed message back to bytes;</li>
 *   <li>{@code forwardInvite}: parse, add a Via, decrement Max-Forwards, serialize (a proxy hop).</li>
 * </ul>
 * Single-threaded: scores are per core. Run: {@code java -jar benchmarks/target/benchmarks.jar SipCodec -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SipCodecBenchmark {

    static final String INVITE = String.join("\r\n",
            "INVITE sip:+15551234567@ims.mnc001.mcc001.3gppnetwork.org;user=phone SIP/2.0",
            "Via: SIP/2.0/UDP 192.168.101.5:6300;branch=z9hG4bK3261a7d1;rport",
            "Max-Forwards: 70",
            "From: <sip:001011234567893@ims.mnc001.mcc001.3gppnetwork.org>;tag=3261a7d1c0",
            "To: <tel:+15551234567>",
            "Call-ID: 8f4b0f2e-2c1d-4c7e-9a37-2b6f0a1e5c3d@192.168.101.5",
            "CSeq: 1 INVITE",
            "Contact: <sip:001011234567893@192.168.101.5:6300>;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"",
            "Route: <sip:192.168.101.2:5100;lr>",
            "Supported: 100rel, timer, replaces",
            "Allow: INVITE, ACK, CANCEL, BYE, UPDATE, PRACK, OPTIONS",
            "Content-Type: application/sdp",
            "Content-Length: 171",
            "",
            "v=0\r\no=- 3261 3261 IN IP4 192.168.101.5\r\ns=-\r\nc=IN IP4 192.168.101.5\r\nt=0 0\r\n"
                    + "m=audio 49152 RTP/AVP 116 111\r\na=rtpmap:116 AMR-WB/16000\r\n"
                    + "a=rtpmap:111 telephone-event/16000\r\n");

    static final String REGISTER = String.join("\r\n",
            "REGISTER sip:ims.mnc001.mcc001.3gppnetwork.org SIP/2.0",
            "Via: SIP/2.0/UDP 192.168.101.5:6301;branch=z9hG4bK3263456716smg;rport",
            "From: <sip:001011234567893@ims.mnc001.mcc001.3gppnetwork.org>;tag=3263456690",
            "To: <sip:001011234567893@ims.mnc001.mcc001.3gppnetwork.org>",
            "Call-ID: 3263456690@192.168.101.5",
            "CSeq: 2 REGISTER",
            "Max-Forwards: 70",
            "Contact: <sip:192.168.101.5:6300>;+sip.instance=\"<urn:gsma:imei:35622410-483840-0>\";q=1.0;"
                    + "+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\";+g.3gpp.smsip;expires=600000",
            "Authorization: Digest username=\"001011234567893@ims.mnc001.mcc001.3gppnetwork.org\","
                    + "realm=\"ims.mnc001.mcc001.3gppnetwork.org\",uri=\"sip:ims.mnc001.mcc001.3gppnetwork.org\","
                    + "nonce=\"oJRMdf88TwhTovkQqh8QT8bi9GyPQoAAfzu5uEt8P/Y=\",response=\"63175c06a7a88bd479f5c9f714487476\","
                    + "algorithm=AKAv1-MD5,nc=00000001,qop=auth-int,cnonce=\"a61fbe8516b77984b522256da5f7c32f\"",
            "Security-Client: ipsec-3gpp;prot=esp;mod=trans;spi-c=25656;spi-s=25657;port-c=6301;port-s=6300;"
                    + "alg=hmac-md5-96;ealg=null",
            "Security-Verify: ipsec-3gpp;prot=esp;mod=trans;spi-c=100;spi-s=101;port-c=5100;port-s=6100;"
                    + "alg=hmac-md5-96;ealg=null",
            "Require: sec-agree",
            "Proxy-Require: sec-agree",
            "Supported: path",
            "Allow: INVITE,ACK,OPTIONS,CANCEL,BYE,UPDATE,INFO,REFER,NOTIFY,MESSAGE,PRACK",
            "User-Agent: Samsung IMS 6.0",
            "P-Access-Network-Info: 3GPP-E-UTRAN-FDD;utran-cell-id-3gpp=001010001000019b",
            "Content-Length: 0",
            "",
            "");

    private byte[] invite;
    private byte[] register;
    private SipMessage parsedInvite;
    private SipMessage parsedRegister;
    private Via proxyVia;

    @Setup
    public void setUp() {
        invite = INVITE.getBytes(StandardCharsets.UTF_8);
        register = REGISTER.getBytes(StandardCharsets.UTF_8);
        parsedInvite = SipParser.parse(invite).message();
        parsedRegister = SipParser.parse(register).message();
        proxyVia = Via.of("UDP", "10.4.128.21", 5060, "z9hG4bKproxy1");
    }

    @Benchmark
    public SipMessage parseInvite() {
        return SipParser.parse(invite).message();
    }

    @Benchmark
    public SipMessage parseRegister() {
        return SipParser.parse(register).message();
    }

    @Benchmark
    public void parseInviteAndRead(Blackhole bh) {
        SipMessage m = SipParser.parse(invite).message();
        bh.consume(m.topVia().branch());
        bh.consume(m.cseq());
        bh.consume(m.callId());
        bh.consume(m.from().tag());
        bh.consume(m.to().uri());
        bh.consume(m.maxForwards());
        bh.consume(m.routes());
        bh.consume(m.contacts());
        bh.consume(m.contentType());
        bh.consume(m.headers(HeaderType.SUPPORTED));
    }

    @Benchmark
    public void parseRegisterAndRead(Blackhole bh) {
        SipMessage m = SipParser.parse(register).message();
        bh.consume(m.topVia().branch());
        bh.consume(m.cseq());
        bh.consume(m.callId());
        bh.consume(m.from().tag());
        bh.consume(m.to().uri());
        bh.consume(m.contacts().get(0).expires());
        bh.consume(m.header(HeaderType.AUTHORIZATION).orElseThrow().response());
        bh.consume(m.headers(HeaderType.SECURITY_CLIENT).get(0).spiC());
        bh.consume(m.headers(HeaderType.SECURITY_VERIFY));
        bh.consume(m.headers(HeaderType.REQUIRE));
    }

    @Benchmark
    public byte[] serializeInvite() {
        return SipSerializer.serialize(parsedInvite);
    }

    @Benchmark
    public byte[] serializeRegister() {
        return SipSerializer.serialize(parsedRegister);
    }

    @Benchmark
    public byte[] forwardInvite() {
        SipMessage m = SipParser.parse(invite).message();
        SipMessage forwarded = m.toBuilder()
                .prepend(HeaderType.VIA, proxyVia)
                .set("Max-Forwards", Integer.toString(m.maxForwards().orElse(70) - 1))
                .build();
        return SipSerializer.serialize(forwarded);
    }
}
