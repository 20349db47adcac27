package org.imscore.benchmarks.sip;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.proxy.ProxyConfig;
import org.imscore.sip.proxy.ProxyHooks;
import org.imscore.sip.proxy.StatefulProxy;
import org.imscore.sip.proxy.StaticRoutes;
import org.imscore.sip.transaction.ManualTimerService;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.TransportConfig;
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

/**
 * One call through one hop of a transaction-stateful proxy, from wire bytes to wire bytes: what each of the five
 * proxy hops of a call in the core (P, S, I, S, P) does. Per operation the proxy ({@link StatefulProxy} on the
 * in-memory transport and a simulated clock) parses the caller's INVITE, answers 100 and forwards it (Record-Route,
 * Via, Max-Forwards), parses the next hop's 100, 180 and 200 and forwards the last two upstream, forwards the ACK
 * statelessly, then forwards the BYE and its 200; the clock then passes every wait timer so the next call starts
 * from empty tables. Seven messages parsed and seven serialized by the proxy per operation.
 *
 * <p>The next hop's responses are wire text with the branch of the proxy's own Via spliced in (found in the bytes
 * the proxy sent), so only the proxy's work is measured. No SLF4J binding is on the class path: the per-transaction
 * log line is not written. Run: {@code java -jar benchmarks/target/benchmarks.jar ProxyHop -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProxyHopBenchmark {

    private static final Duration PAST_WAIT_TIMERS = Duration.ofSeconds(33);
    private static final String DOMAIN = "ims.mnc001.mcc001.3gppnetwork.org";
    /** Where the proxy's branch goes in the next hop's responses. */
    private static final String BRANCH = "@BRANCH@";
    private static final byte[] BRANCH_PARAMETER = "branch=".getBytes(StandardCharsets.US_ASCII);
    /** Messages the proxy sends per call: 100, INVITE, 180, 200, ACK, BYE, 200. */
    static final int SENT_PER_CALL = 7;

    private static final String CALLER = "Via: SIP/2.0/UDP 192.168.101.5:6300;branch=%s;rport";
    private static final String DIALOG = String.join("\r\n",
            "From: <sip:001011234567893@" + DOMAIN + ">;tag=3261a7d1c0",
            "To: <tel:+15551234567>%s",
            "Call-ID: 8f4b0f2e-2c1d-4c7e-9a37-2b6f0a1e5c3d@192.168.101.5");
    private static final String SDP = "v=0\r\no=- 3261 3261 IN IP4 192.168.101.5\r\ns=-\r\nc=IN IP4 192.168.101.5\r\n"
            + "t=0 0\r\nm=audio 49152 RTP/AVP 116 111\r\na=rtpmap:116 AMR-WB/16000\r\n"
            + "a=rtpmap:111 telephone-event/16000\r\n";

    private static final String INVITE = String.join("\r\n",
            "INVITE sip:+15551234567@" + DOMAIN + ";user=phone SIP/2.0",
            CALLER.formatted("z9hG4bK3261a7d1"),
            "Max-Forwards: 70",
            "Route: <sip:10.4.128.21:5060;lr>",
            DIALOG.formatted(""),
            "CSeq: 1 INVITE",
            "Contact: <sip:001011234567893@192.168.101.5:6300>;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"",
            "Supported: 100rel, timer, replaces",
            "Allow: INVITE, ACK, CANCEL, BYE, UPDATE, PRACK, OPTIONS",
            "Content-Type: application/sdp",
            "Content-Length: " + SDP.length(),
            "",
            SDP);

    private static final String ACK = String.join("\r\n",
            "ACK sip:callee@10.4.128.22:5060 SIP/2.0",
            CALLER.formatted("z9hG4bK3261a7d2"),
            "Max-Forwards: 70",
            "Route: <sip:10.4.128.21:5060;transport=udp;lr>",
            DIALOG.formatted(";tag=b81e9a0c"),
            "CSeq: 1 ACK",
            "Content-Length: 0",
            "",
            "");

    private static final String BYE = String.join("\r\n",
            "BYE sip:callee@10.4.128.22:5060 SIP/2.0",
            CALLER.formatted("z9hG4bK3261a7d3"),
            "Max-Forwards: 70",
            "Route: <sip:10.4.128.21:5060;transport=udp;lr>",
            DIALOG.formatted(";tag=b81e9a0c"),
            "CSeq: 2 BYE",
            "Content-Length: 0",
            "",
            "");

    private ManualTimerService clock;
    private InMemoryTransport transport;
    private StatefulProxy proxy;
    private byte[] invite;
    private byte[] ack;
    private byte[] bye;
    private NextHopResponse trying;
    private NextHopResponse ringing;
    private NextHopResponse inviteOk;
    private NextHopResponse byeOk;

    @Setup
    public void setUp() {
        clock = new ManualTimerService();
        transport = new InMemoryTransport();
        ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("10.4.128.21"), Set.of(DOMAIN))
                .withRoutes(StaticRoutes.none().with(DOMAIN, TransactionTraffic.NEXT_HOP));
        proxy = new StatefulProxy(config, config.routes(), ProxyHooks.NONE, transport, clock);
        proxy.bind(transport.listeningPoints());
        invite = INVITE.getBytes(StandardCharsets.UTF_8);
        ack = ACK.getBytes(StandardCharsets.UTF_8);
        bye = BYE.getBytes(StandardCharsets.UTF_8);
        trying = new NextHopResponse("100 Trying", "1 INVITE", "", false);
        ringing = new NextHopResponse("180 Ringing", "1 INVITE", ";tag=b81e9a0c", true);
        inviteOk = new NextHopResponse("200 OK", "1 INVITE", ";tag=b81e9a0c", true);
        byeOk = new NextHopResponse("200 OK", "2 BYE", ";tag=b81e9a0c", false);
        // One call first: the benchmark must measure a whole call, not a string of rejected requests.
        call();
        if (transport.messages != SENT_PER_CALL || proxy.activeTransactions() != 0) {
            throw new IllegalStateException("a call through the proxy sent " + transport.messages
                    + " messages (expected " + SENT_PER_CALL + "), " + proxy.activeTransactions() + " left open");
        }
    }

    @Benchmark
    public long call() {
        fromCaller(invite);
        fromNextHop(trying);
        fromNextHop(ringing);
        fromNextHop(inviteOk);
        fromCaller(ack);
        fromCaller(bye);
        fromNextHop(byeOk);
        clock.advance(PAST_WAIT_TIMERS);
        return transport.octets;
    }

    private void fromCaller(byte[] wire) {
        proxy.transactionLayer().onMessage(new InboundMessage(parse(wire, wire.length), TransactionTraffic.UE,
                InMemoryTransport.UDP));
    }

    private void fromNextHop(NextHopResponse response) {
        int length = response.fill(transport.lastRequest);
        proxy.transactionLayer().onMessage(new InboundMessage(parse(response.buffer, length),
                TransactionTraffic.NEXT_HOP, InMemoryTransport.UDP));
    }

    private static org.imscore.sip.message.SipMessage parse(byte[] wire, int length) {
        SipParseResult result = SipParser.parse(wire, 0, length);
        if (!result.isSuccess()) {
            throw new IllegalStateException("benchmark message does not parse: " + result);
        }
        return result.message();
    }

    /**
     * A response of the next hop as wire text around the branch of the proxy's Via: {@link #fill} copies the
     * branch from the request the proxy sent last into a reusable buffer, so making it allocates nothing.
     */
    private static final class NextHopResponse {

        private final byte[] before;
        private final byte[] after;
        final byte[] buffer;

        NextHopResponse(String status, String cseq, String toTag, boolean dialog) {
            String text = String.join("\r\n",
                    "SIP/2.0 " + status,
                    "Via: SIP/2.0/UDP 10.4.128.21:5060;rport=5060;branch=" + BRANCH,
                    CALLER.formatted(cseq.endsWith("BYE") ? "z9hG4bK3261a7d3" : "z9hG4bK3261a7d1")
                            + "=6300;received=192.168.101.5",
                    dialog ? "Record-Route: <sip:10.4.128.21:5060;transport=udp;lr>" : null,
                    DIALOG.formatted(toTag),
                    "CSeq: " + cseq,
                    dialog ? "Contact: <sip:callee@10.4.128.22:5060>" : null,
                    "Content-Length: 0",
                    "",
                    "").replace("\r\nnull", "");
            int at = text.indexOf(BRANCH);
            before = text.substring(0, at).getBytes(StandardCharsets.US_ASCII);
            after = text.substring(at + BRANCH.length()).getBytes(StandardCharsets.US_ASCII);
            buffer = new byte[before.length + after.length + 64];
        }

        /** Writes the response with the branch of the first Via in {@code sentRequest}; returns its length. */
        int fill(byte[] sentRequest) {
            int start = indexOf(sentRequest, BRANCH_PARAMETER) + BRANCH_PARAMETER.length;
            int end = start;
            while (sentRequest[end] != ';' && sentRequest[end] != '\r' && sentRequest[end] != ',') {
                end++;
            }
            System.arraycopy(before, 0, buffer, 0, before.length);
            System.arraycopy(sentRequest, start, buffer, before.length, end - start);
            System.arraycopy(after, 0, buffer, before.length + end - start, after.length);
            return before.length + end - start + after.length;
        }

        private static int indexOf(byte[] data, byte[] what) {
            outer:
            for (int i = 0; i + what.length <= data.length; i++) {
                for (int j = 0; j < what.length; j++) {
                    if (data[i + j] != what[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalStateException("no branch in the request the proxy sent");
        }
    }
}
