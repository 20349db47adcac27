package org.imscore.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.UsimSqnState;
import org.imscore.server.Main;
import org.imscore.server.run.CoreConfig;
import org.imscore.server.run.DemoSubscribers;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.testkit.FreePorts;
import org.imscore.testkit.ue.Exchange;
import org.imscore.testkit.ue.RegisterResult;
import org.imscore.testkit.ue.TestUe;
import org.imscore.testkit.ue.UeConfig;
import org.imscore.testkit.ue.UeCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample split configuration of the repository ({@code config/split/*.yaml}) run as four processes, one per
 * function, each {@code imscore run --role X --config FILE} in its own JVM: a UE registers through them with AKA.
 * The files are used as they are but for their ports, moved to free ones, and the HSS store, kept in a temporary
 * directory.
 */
class SplitDeploymentTest {

    private static final Path SAMPLES = Path.of("").toAbsolutePath().getParent().resolve("config/split");
    private static final Duration START_LIMIT = Duration.ofSeconds(20);

    @Test
    void fourProcessesRegisterAUe(@TempDir Path dir) throws Exception {
        Map<String, String> ports = new LinkedHashMap<>();
        for (String standard : List.of("5060", "4060", "6060", "3868", "8080")) {
            ports.put(standard, Integer.toString(FreePorts.udpAndTcp()));
        }
        List<Process> processes = new ArrayList<>();
        List<StringBuilder> outputs = new ArrayList<>();
        try {
            List<CompletableFuture<String>> running = new ArrayList<>();
            for (String role : List.of("hss", "scscf", "icscf", "pcscf")) {
                Path file = rewrite(SAMPLES.resolve(role + ".yaml"), dir, ports);
                List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1"));
                if (Runtime.version().feature() >= 24) {
                    // As ./imscore does: Netty's native access is said out loud on newer JDKs.
                    command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                            "--sun-misc-unsafe-memory-access=allow"));
                }
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                        "run", "--role", role, "--config", file.toString()));
                if (role.equals("hss")) {
                    command.add("--demo");
                }
                Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
                processes.add(p);
                StringBuilder out = new StringBuilder();
                outputs.add(out);
                running.add(readUntilRunning(p, out));
            }
            for (int k = 0; k < running.size(); k++) {
                String line = running.get(k).get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(line).as("process %d output:%n%s", k, outputs.get(k)).contains("imscore running");
            }

            RegisterResult result = registerAlice(Integer.parseInt(ports.get("5060")));

            assertThat(result.status()).as("%s%nprocess output:%n%s", result.response(), outputs).isEqualTo(200);
            assertThat(result.exchanges()).extracting(Exchange::status).endsWith(401, 200);
            assertThat(result.registration().serviceRoutes()).isNotEmpty();
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** The demo subscriber alice, as the HSS process provisioned her with {@code --demo}. */
    private static RegisterResult registerAlice(int pcscfPort) throws InterruptedException {
        DemoSubscribers.Demo alice = DemoSubscribers.ALICE;
        String domain = CoreConfig.DEFAULT_DOMAIN;
        SubscriberKeys keys = SubscriberKeys.fromOp(Octets.fromHex(alice.k()), Octets.fromHex(alice.op()),
                Octets.fromHex(alice.amf()));
        UeConfig config = UeConfig.of(alice.impi(domain), SipUri.parse(alice.impu(domain)), domain,
                new Endpoint(Transport.UDP, new java.net.InetSocketAddress("127.0.0.1", pcscfPort)),
                UeCredentials.aka(keys, UsimSqnState.initial(SqnScheme.DEFAULT)))
                .withResponseTimeout(Duration.ofSeconds(10));
        try (TestUe ue = TestUe.start(config)) {
            // The CSCFs connect to the HSS in the background and answer 5xx until they have: retry as a phone would.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            RegisterResult r = ue.register();
            while (r.status() >= 500 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                r = ue.register();
            }
            return r;
        }
    }

    private static Path rewrite(Path sample, Path dir, Map<String, String> ports) throws IOException {
        String text = Files.readString(sample);
        for (Map.Entry<String, String> port : ports.entrySet()) {
            text = text.replaceAll("\\b" + port.getKey() + "\\b", port.getValue());
        }
        text = text.replace("dataDir: ./data", "dataDir: " + dir.resolve("data"));
        Path out = dir.resolve(sample.getFileName());
        Files.writeString(out, text);
        return out;
    }

    /** Completes with the "imscore running" line, or with the output so far when the process ends first. */
    private static CompletableFuture<String> readUntilRunning(Process p, StringBuilder out) {
        CompletableFuture<String> running = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                    if (line.contains("imscore running")) {
                        running.complete(line);
                    }
                }
            } catch (IOException e) {
                // The process was stopped.
            }
            running.complete("exited with " + p.onExit().join().exitValue());
        });
        return running;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
