package org.imscore.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.sip.transport.Peers.LOOPBACK;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SIPp as an independent UAC: 200 OPTIONS over UDP and over TCP, each answered 200 through the transport. */
class SippInteropTest {

    private static final int CALLS = 200;

    @TempDir
    Path work;

    @ParameterizedTest(name = "SIPp -t {0}")
    @CsvSource({"u1, UDP", "t1, TCP"})
    void sippGetsEveryOptionsAnswered(String sippTransport, Transport transport) throws Exception {
        Path sipp = Path.of("/usr/bin/sipp");
        Assumptions.assumeTrue(Files.isExecutable(sipp), "SIPp (Debian package sip-tester) is not installed");
        Path scenario = work.resolve("options.xml");
        try (InputStream in = getClass().getResourceAsStream("/transport/sipp-options-uac.xml")) {
            Files.write(scenario, in.readAllBytes());
        }
        Peers.Uas uas = new Peers.Uas();
        try (NettySipTransport server = Peers.start(TransportConfig.ephemeral(LOOPBACK), uas)) {
            ListeningPoint lp = server.listeningPoint(transport);
            Process p = new ProcessBuilder(sipp.toString(), "-sf", scenario.toString(), "-m", String.valueOf(CALLS),
                    "-r", "1000", "-rp", "1000", "-t", sippTransport, "-i", LOOPBACK, "-p",
                    String.valueOf(freePort()), "-nostdin", "-timeout", "20s", "-timeout_error",
                    LOOPBACK + ":" + lp.port())
                    .directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("sipp.out").toFile()).start();
            boolean exited = p.waitFor(30, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly();
            }
            String out = Files.readString(work.resolve("sipp.out"), StandardCharsets.ISO_8859_1);
            assertThat(exited).as("SIPp finished").isTrue();
            assertThat(p.exitValue()).as("SIPp exit status (0: all calls successful)\n%s", tail(out)).isZero();
            // over UDP SIPp retransmits an OPTIONS not answered within 500 ms: count calls, not messages
            assertThat(uas.received.stream().map(in -> in.message().callId()).distinct()).hasSize(CALLS);
            assertThat(uas.received).allSatisfy(in -> assertThat(in.source().transport()).isEqualTo(transport));
            Peers.eventually(() -> assertThat(server.stats().sent()).isEqualTo(uas.received.size()));
            assertThat(server.stats().malformedDropped() + server.stats().badRequestsAnswered()).isZero();
        }
    }

    private static int freePort() throws IOException {
        // a port free for both UDP and TCP, since SIPp binds its control socket too
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                 ServerSocket t = new ServerSocket(u.getLocalPort(), 1, Peers.loopback())) {
                return t.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port");
    }

    private static String tail(String out) {
        List<String> lines = out.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
