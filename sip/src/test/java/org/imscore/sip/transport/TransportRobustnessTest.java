package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.sip.transport.Peers.LOOPBACK;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Peers.TcpPeer;
import org.imscore.sip.transport.Peers.UdpPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Broken input must not reach the handler, nor kill a listener or a connection it should not: 10,000 cut and
 * mutated datagrams, 10,000 cut and mutated stream chunks (reconnecting whenever the transport closes the
 * connection), then a valid OPTIONS over each transport must still be answered.
 */
class TransportRobustnessTest {

    private static final long SEED = 20_260_518L;
    private static final int DATAGRAMS = 10_000;
    private static final int CHUNKS = 10_000;

    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger unparseableHandled = new AtomicInteger();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private NettySipTransport transport;
    private Level transportLevel;
    private Level nettyLevel;

    @BeforeEach
    void start() {
        // Full-text DEBUG logs of 20,000 messages (-Dimscore.log=DEBUG) would dominate the run time; warnings are
        // what this test reads.
        transportLevel = logger("org.imscore.sip.transport").getLevel();
        nettyLevel = logger("io.netty").getLevel();
        logger("org.imscore.sip.transport").setLevel(Level.INFO);
        logger("io.netty").setLevel(Level.WARN);
        warnings.start();
        logger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(warnings);

        transport = new NettySipTransport(TransportConfig.builder().listen(LOOPBACK, 0).maxMessageSize(8192).build());
        transport.start(this::answerOptions);
    }

    @AfterEach
    void stop() {
        transport.close();
        logger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(warnings);
        logger("org.imscore.sip.transport").setLevel(transportLevel);
        logger("io.netty").setLevel(nettyLevel);
    }

    private void answerOptions(InboundMessage inbound) {
        handled.incrementAndGet();
        if (!SipParser.parse(SipSerializer.serialize(inbound.message())).isSuccess()) {
            unparseableHandled.incrementAndGet();
        }
        if (inbound.message() instanceof SipRequest r && r.isMethod(SipRequest.OPTIONS)) {
            transport.sendResponse(SipResponse.forRequest(r, 200).toTag("ok").build());
        }
    }

    @Test
    void survivesBrokenDatagramsAndStreamsAndStillAnswers() throws Exception {
        ListeningPoint udp = transport.listeningPoint(Transport.UDP);
        ListeningPoint tcp = transport.listeningPoint(Transport.TCP);

        int keepAlives = fuzzDatagrams(udp);
        // Every datagram is accounted for: delivered, answered with 400, dropped, or a keep-alive ignored.
        awaitTrue(() -> delivered(transport.stats()) == DATAGRAMS - keepAlives);
        TransportStats afterUdp = transport.stats();
        assertThat(afterUdp.badRequestsAnswered()).as("bad requests answered with 400").isPositive();
        assertThat(afterUdp.malformedDropped()).as("unanswerable datagrams dropped").isPositive();

        int connections = fuzzStream(tcp);

        try (UdpPeer peer = new UdpPeer()) {
            peer.send(Peers.options("UDP", "127.0.0.1:" + peer.port(), ";rport", "after-udp-fuzz"), udp);
            SipResponse answer = (SipResponse) peer.receive();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.callId()).isEqualTo("after-udp-fuzz@example.com");
        }
        try (TcpPeer peer = new TcpPeer(tcp)) {
            peer.send(Peers.options("TCP", "127.0.0.1:" + peer.port(), "", "after-tcp-fuzz"));
            SipResponse answer = (SipResponse) peer.receive();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.callId()).isEqualTo("after-tcp-fuzz@example.com");
        }

        TransportStats stats = transport.stats();
        assertThat(unparseableHandled).hasValue(0);
        assertThat(stats.badRequestsAnswered()).as("400 answered on streams").isGreaterThan(afterUdp.badRequestsAnswered());
        assertThat(stats.oversizeRejected()).as("oversize stream messages").isPositive();
        assertThat(handled.get()).as("some mutations stay valid and are delivered").isPositive();
        assertThat(connections).as("the transport closed some streams").isGreaterThan(100);
        assertThat(warnings.list).as("nothing failed inside a handler")
                .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }

    private static long delivered(TransportStats s) {
        return s.received() + s.malformedDropped() + s.badRequestsAnswered();
    }

    /**
     * Sends the datagrams, letting the transport catch up every hundred so none is lost in the socket buffer;
     * returns how many were keep-alives (only CR/LF), which are ignored without counting.
     */
    private int fuzzDatagrams(ListeningPoint udp) throws IOException {
        int keepAlives = 0;
        long expected = transport.stats().octetsReceived();
        try (UdpPeer fuzzer = new UdpPeer()) {
            Mutator mutator = new Mutator(SEED, seeds("UDP", "127.0.0.1:" + fuzzer.port()));
            for (int i = 0; i < DATAGRAMS; i++) {
                byte[] datagram = mutator.next();
                if (isKeepAlive(datagram)) {
                    keepAlives++;
                }
                fuzzer.send(datagram, udp);
                expected += datagram.length;
                if (i % 100 == 99) {
                    long target = expected;
                    awaitTrue(() -> transport.stats().octetsReceived() >= target);
                }
            }
        }
        return keepAlives;
    }

    private static boolean isKeepAlive(byte[] datagram) {
        for (byte b : datagram) {
            if (b != '\r' && b != '\n' && b != ' ' && b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the chunks, each once the transport has read the one before (or closed the connection), reconnecting
     * when the transport closes; returns the number of connections used.
     */
    private int fuzzStream(ListeningPoint tcp) throws IOException {
        int connections = 0;
        long expected = 0;
        Connection c = null;
        Mutator mutator = null;
        for (int i = 0; i < CHUNKS; i++) {
            if (c == null || c.closed) {
                if (c != null) {
                    c.socket.close();
                }
                // Nothing more is read from a closed connection: what it did not read is not waited for.
                expected = transport.stats().octetsReceived();
                c = new Connection(tcp);
                connections++;
                mutator = new Mutator(SEED + i, seeds("TCP", "127.0.0.1:" + c.socket.getLocalPort()));
            }
            byte[] chunk = mutator.next();
            try {
                // Now whole, now in two pieces, so the framer also sees chunks cut anywhere.
                int cut = mutator.nextInt(chunk.length + 1);
                c.socket.getOutputStream().write(chunk, 0, cut);
                c.socket.getOutputStream().flush();
                c.socket.getOutputStream().write(chunk, cut, chunk.length - cut);
                c.socket.getOutputStream().flush();
                expected += chunk.length;
            } catch (IOException closedByTransport) {
                c.closed = true;
            }
            Connection current = c;
            long target = expected;
            awaitTrue(() -> current.closed || transport.stats().octetsReceived() >= target);
        }
        if (c != null) {
            c.socket.close();
        }
        return connections;
    }

    /** A connection whose input is drained by a thread that notices when the transport closes it. */
    private static final class Connection {

        final Socket socket;
        volatile boolean closed;

        Connection(ListeningPoint to) throws IOException {
            socket = new Socket(to.address().getAddress(), to.port());
            socket.setTcpNoDelay(true);
            Thread drain = new Thread(() -> {
                byte[] buf = new byte[16_384];
                try (InputStream in = socket.getInputStream()) {
                    while (in.read(buf) >= 0) {
                        // answers (400, 513, 200) are not checked here
                    }
                } catch (IOException e) {
                    // reset: closed as well
                }
                closed = true;
            }, "fuzz-drain");
            drain.setDaemon(true);
            drain.start();
        }
    }

    /** Valid messages of several shapes, their Vias pointing back at the fuzzing peer. */
    static List<String> seeds(String transport, String sentBy) {
        String via = "Via: SIP/2.0/" + transport + " " + sentBy + ";branch=z9hG4bK";
        String sdp = "v=0\r\no=alice 2890844526 2890844526 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return List.of(
                Peers.options(transport, sentBy, ";rport", "seed1"),
                "INVITE sip:bob@ims.example.com;transport=" + transport.toLowerCase() + " SIP/2.0\r\n"
                        + via + "inv1;rport\r\n"
                        + "v: SIP/2.0/" + transport + " 192.0.2.7:5060;branch=z9hG4bKprev;received=192.0.2.8\r\n"
                        + "Max-Forwards: 69\r\nRoute: <sip:pcscf.ims.example.com;lr>\r\n"
                        + "f: \"Alice\" <sip:alice@ims.example.com>;tag=9fxced76sl\r\n"
                        + "t: <sip:bob@ims.example.com>\r\ni: 3848276298220188511@127.0.0.1\r\n"
                        + "CSeq: 314159 INVITE\r\nm: <sip:alice@127.0.0.1:5070>;expires=600\r\n"
                        + "c: application/sdp\r\nl: " + sdp.length() + "\r\n\r\n" + sdp,
                "REGISTER sip:ims.example.com SIP/2.0\r\n" + via + "reg1;rport\r\nMax-Forwards: 70\r\n"
                        + "From: <sip:alice@ims.example.com>;tag=r1\r\nTo: <sip:alice@ims.example.com>\r\n"
                        + "Call-ID: reg1@127.0.0.1\r\nCSeq: 7 REGISTER\r\nContact: <sip:alice@127.0.0.1:5070>\r\n"
                        + "Authorization: Digest username=\"alice@ims.example.com\",realm=\"ims.example.com\","
                        + "nonce=\"\",uri=\"sip:ims.example.com\",response=\"\"\r\nExpires: 600000\r\n"
                        + "Content-Length: 0\r\n\r\n",
                "SIP/2.0 180 Ringing\r\n" + via + "inv1;rport=5070;received=127.0.0.1\r\n"
                        + "From: <sip:alice@ims.example.com>;tag=9fxced76sl\r\nTo: <sip:bob@ims.example.com>;tag=b2\r\n"
                        + "Call-ID: 3848276298220188511@127.0.0.1\r\nCSeq: 314159 INVITE\r\nContent-Length: 0\r\n\r\n",
                "MESSAGE sip:bob@ims.example.com SIP/2.0\r\n" + via + "msg1;rport\r\nMax-Forwards: 70\r\n"
                        + "From: <sip:alice@ims.example.com>;tag=m1\r\nTo: <sip:bob@ims.example.com>\r\n"
                        + "Call-ID: msg1@127.0.0.1\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 12\r\n\r\nhello, bob!\n");
    }

    /** Waits (briefly parking, not spinning: the transport shares the cores) until the condition holds. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("transport did not catch up within 5 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
