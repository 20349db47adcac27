package org.imscore.benchmarks.sip;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.NettySipTransport;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A response sent by the Netty transport over loopback UDP along its Via ({@code received}/{@code rport}, RFC 3581),
 * waiting for the write to complete: the path every answer of a server transaction takes. The receiving socket is
 * never read (the kernel drops what does not fit), so only the sending side is measured.
 * Run: {@code java -jar benchmarks/target/benchmarks.jar UdpSend -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UdpSendBenchmark {

    private NettySipTransport transport;
    private DatagramSocket sink;
    private SipResponse ok;
    private EncodedMessage okOctets;

    @Setup
    public void setUp() throws Exception {
        sink = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        transport = new NettySipTransport(TransportConfig.ephemeral("127.0.0.1"));
        transport.start(inbound -> { });
        int port = sink.getLocalPort();
        SipRequest register = TransactionTraffic.register("z9hG4bK-udp-send");
        SipRequest stamped = register.toBuilder()
                .set("Via", "SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-udp-send;rport=" + port
                        + ";received=127.0.0.1")
                .build();
        ok = SipResponse.forRequest(stamped, 200).toTag("a7f3c2d1").build();
        okOctets = EncodedMessage.of(ok);
    }

    @TearDown
    public void tearDown() {
        transport.close();
        sink.close();
    }

    /** A response object: serialized by the transport on every send (the only way before octets could be sent). */
    @Benchmark
    public Object sendResponse() {
        return transport.sendResponse(ok).toCompletableFuture().join();
    }

    /** The same response in wire form, as a server transaction sends and resends it: written as it is. */
    @Benchmark
    public Object sendEncoded() {
        return transport.sendResponse(okOctets).toCompletableFuture().join();
    }
}
