package org.imscore.benchmarks.cscf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.imscore.benchmarks.HeapUsed;
import org.imscore.cscf.node.SipNode;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.ProxyConfig;
import org.imscore.sip.proxy.StatefulProxy;
import org.imscore.sip.proxy.StaticRoutes;
import org.imscore.sip.proxy.Target;
import org.imscore.sip.transaction.TransactionLayer;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;

/**
 * The heap one proxy hop keeps per INVITE answered 2xx while its transactions wait out Timer L (server, RFC 6026
 * §7.1) and Timer M (client, §7.2): proxies {@code count} INVITEs one after the other over loopback UDP, each
 * answered 200 by the callee, then reports the used heap after full collections, minus the same figure before,
 * divided by {@code count}. A call in the all-in-one core crosses five such hops.
 *
 * <p>Kinds: {@code cscfNode}, a {@link SipNode} whose role proxies each INVITE as a CSCF does (its Route taken off, a
 * leg copy with a header of the role's, Record-Route, and a divert test that holds the transaction and the request as
 * the S-CSCF's test of an AS that did not answer holds them); {@code statefulProxy}, the plain {@link StatefulProxy}
 * with a static route. The caller sends no ACK and the callee does not retransmit its 200, so nothing else is going
 * on; the timers are the default ones (Timers L and M 32 s), so the calls and the second reading must fit in that
 * time, which the tool checks, as it checks that every transaction is still in its layer's table.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar
 * org.imscore.benchmarks.cscf.AcceptedInviteFootprint [count] [kind...]}.
 */
public final class AcceptedInviteFootprint {

    private static final String DOMAIN = "ims.mnc001.mcc001.3gppnetwork.org";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String SDP = "v=0\r\no=- 3261 3261 IN IP4 192.168.101.5\r\ns=-\r\nc=IN IP4 192.168.101.5\r\n"
            + "t=0 0\r\nm=audio 49152 RTP/AVP 116 111\r\na=rtpmap:116 AMR-WB/16000\r\n"
            + "a=rtpmap:111 telephone-event/16000\r\n";
    /** How long the calls and the reading may take: well inside Timers L and M. */
    private static final long WITHIN_NANOS = 25_000_000_000L;

    private AcceptedInviteFootprint() {
    }

    /** A proxy on loopback: where it listens, its transaction layer, and how it ends. */
    private interface Hop extends AutoCloseable {
        InetSocketAddress address();

        TransactionLayer layer();

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Map<String, Function<Endpoint, Hop>> kinds = new LinkedHashMap<>();
        kinds.put("cscfNode", AcceptedInviteFootprint::cscfNode);
        kinds.put("statefulProxy", AcceptedInviteFootprint::statefulProxy);
        List<String> chosen = args.length > 1 ? List.of(args).subList(1, args.length) : List.copyOf(kinds.keySet());
        System.out.printf("%-16s %8s %16s%n", "kind", "count", "bytes/INVITE");
        for (String kind : chosen) {
            Function<Endpoint, Hop> start = kinds.get(kind);
            if (start == null) {
                throw new IllegalArgumentException("unknown kind " + kind + "; known: " + kinds.keySet());
            }
            System.out.printf("%-16s %8d %16.0f%n", kind, count, bytesPerInvite(kind, start, count));
        }
    }

    private static double bytesPerInvite(String kind, Function<Endpoint, Hop> start, int count) throws Exception {
        try (DatagramSocket caller = socket(); DatagramSocket callee = socket()) {
            Endpoint calleeAt = Endpoint.udp(LOOPBACK, callee.getLocalPort());
            // Warm the code paths (and their class loading) on a hop of their own, whose state then goes.
            try (Hop warm = start.apply(calleeAt)) {
                for (int i = 0; i < 1_000; i++) {
                    call(warm.address(), caller, callee, "warm-" + i);
                }
            }
            try (Hop hop = start.apply(calleeAt)) {
                long before = HeapUsed.afterGc();
                long t0 = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    call(hop.address(), caller, callee, kind + "-" + i);
                }
                long after = HeapUsed.afterGc();
                int servers = hop.layer().serverTransactionCount();
                int clients = hop.layer().clientTransactionCount();
                if (servers != count || clients != count || System.nanoTime() - t0 > WITHIN_NANOS) {
                    throw new IllegalStateException(kind + ": " + servers + " server and " + clients
                            + " client transactions after " + (System.nanoTime() - t0) / 1_000_000 + " ms, expected "
                            + count + " of each within " + WITHIN_NANOS / 1_000_000 + " ms");
                }
                // -Dfootprint.pauseSeconds=N leaves time for "jcmd PID GC.class_histogram" (before Timers L and M).
                Thread.sleep(Long.getLong("footprint.pauseSeconds", 0) * 1000);
                return (after - before) / (double) count;
            }
        }
    }

    /** A P-CSCF-like node: each INVITE to one leg of its own, Record-Route on. */
    private static Hop cscfNode(Endpoint callee) {
        SipNode node = SipNode.bind("CSCF", TransportConfig.ephemeral(LOOPBACK), uri -> Optional.of(callee));
        node.serve((n, transaction) -> {
            SipRequest received = transaction.request();
            SipRequest leg = n.withoutOurRoutes(received, transaction.local()).toBuilder()
                    .add("P-Charging-Vector", "icid-value=" + received.callId() + ";orig-ioi=" + DOMAIN)
                    .build();
            n.proxy(transaction, List.of(new SipNode.Leg(leg, Target.via(leg.requestUri(), callee))), true,
                    response -> response.statusCode() == 408 && transaction.isInvite()
                            && received.isMethod(SipRequest.INVITE));
        });
        return new Hop() {
            @Override
            public InetSocketAddress address() {
                return node.address();
            }

            @Override
            public TransactionLayer layer() {
                return node.transactionLayer();
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }

    private static Hop statefulProxy(Endpoint callee) {
        ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral(LOOPBACK), Set.of(DOMAIN))
                .withRoutes(StaticRoutes.none().with(DOMAIN, callee));
        StatefulProxy proxy = StatefulProxy.start(config);
        return new Hop() {
            @Override
            public InetSocketAddress address() {
                return new InetSocketAddress(LOOPBACK, proxy.listeningPoint(Transport.UDP).port());
            }

            @Override
            public TransactionLayer layer() {
                return proxy.transactionLayer();
            }

            @Override
            public void close() {
                proxy.close();
            }
        };
    }

    /** One INVITE from the caller through the hop, answered 200 by the callee; back when the caller has the 200. */
    private static void call(InetSocketAddress hop, DatagramSocket caller, DatagramSocket callee, String id)
            throws IOException {
        send(caller, invite(caller.getLocalPort(), id), hop);
        SipRequest forwarded = (SipRequest) receive(callee, m -> m instanceof SipRequest);
        SipResponse ok = SipResponse.forRequest(forwarded, 200).toTag("b81e9a0c")
                .add("Contact", "<sip:callee@" + LOOPBACK + ":" + callee.getLocalPort() + ">").build();
        send(callee, SipSerializer.serialize(ok), hop);
        receive(caller, m -> m instanceof SipResponse r && r.statusCode() == 200);
    }

    /** An INVITE with an SDP offer as a UE sends it (about 900 octets; the copy forwarded stays under 1300). */
    private static byte[] invite(int callerPort, String id) {
        return String.join("\r\n",
                "INVITE sip:+15551234567@" + DOMAIN + ";user=phone SIP/2.0",
                "Via: SIP/2.0/UDP " + LOOPBACK + ":" + callerPort + ";branch=z9hG4bK" + id + ";rport",
                "Max-Forwards: 70",
                "From: <sip:001011234567893@" + DOMAIN + ">;tag=3261a7d1c0",
                "To: <sip:+15551234567@" + DOMAIN + ";user=phone>",
                "Call-ID: " + id + "@" + LOOPBACK,
                "CSeq: 1 INVITE",
                "Contact: <sip:001011234567893@" + LOOPBACK + ":" + callerPort
                        + ">;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"",
                "Supported: 100rel, timer, replaces",
                "Allow: INVITE, ACK, CANCEL, BYE, UPDATE, PRACK, OPTIONS",
                "Content-Type: application/sdp",
                "Content-Length: " + SDP.length(),
                "",
                SDP).getBytes(StandardCharsets.UTF_8);
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout(5_000);
        socket.setReceiveBufferSize(1 << 20);
        return socket;
    }

    private static void send(DatagramSocket from, byte[] octets, InetSocketAddress to) throws IOException {
        from.send(new DatagramPacket(octets, octets.length, to));
    }

    /** The next datagram on {@code socket} that {@code wanted} accepts; others (the 100 Trying) are skipped. */
    private static SipMessage receive(DatagramSocket socket, Predicate<SipMessage> wanted)
            throws IOException {
        byte[] buffer = new byte[65_535];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            SipParseResult parsed = SipParser.parse(Arrays.copyOf(buffer, packet.getLength()));
            if (!parsed.isSuccess()) {
                throw new UncheckedIOException(new IOException("not a SIP message: " + parsed));
            }
            if (wanted.test(parsed.message())) {
                return parsed.message();
            }
        }
    }
}
