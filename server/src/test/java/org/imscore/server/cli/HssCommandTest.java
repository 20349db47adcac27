package org.imscore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ExperimentalResult;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.cx.UserAuthorizationRequest;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.peer.DiameterNode;
import org.imscore.diameter.peer.NodeConfig;
import org.imscore.diameter.peer.RemotePeer;
import org.imscore.hss.cx.CxConfig;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.store.StoreConfig;
import org.imscore.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code imscore hss} as users run it: in this JVM, and as its own process stopped by a signal. */
class HssCommandTest {

  private static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
  private static final String IMPI = "001010000000001@" + REALM;
  private static final String IMPU = "sip:001010000000001@" + REALM;
  private static final String K = "8baf473f2f8fd09487cccbd7097c6862";
  private static final String OPC = "8e27b6af0e692e750f32667a3b14605d";
  private static final Pattern RUNNING =
      Pattern.compile("Cx on 127\\.0\\.0\\.1:(\\d+), REST API on (http://127\\.0\\.0\\.1:\\d+)");

  @TempDir Path data;

  private static int run(StringWriter out, StringWriter err, String... args) {
    return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
  }

  /** UAR then MAR from a Cx client; returns the MAA. */
  private static DiameterMessage uarAndMar(int cxPort) throws Exception {
    try (DiameterNode icscf =
        new DiameterNode(NodeConfig.cx("icscf." + REALM, REALM, InetAddress.getLoopbackAddress()), Dictionaries.cx(),
            (request, from) -> CompletableFuture.failedFuture(new IllegalStateException("unexpected")))) {
      icscf.connect(new RemotePeer("hss." + REALM, REALM, new InetSocketAddress("127.0.0.1", cxPort)))
          .get(10, TimeUnit.SECONDS);
      DiameterMessage uaa =
          icscf.send(new UserAuthorizationRequest(CxRequestHeader.of(icscf.newSessionId(), "icscf." + REALM, REALM, null, REALM),
                  IMPI, IMPU, REALM, 0, OptionalLong.empty(), List.of()).toMessage())
              .get(10, TimeUnit.SECONDS);
      assertThat(ExperimentalResult.from(uaa)).contains(new ExperimentalResult(Cx.VENDOR_ID, CxResultCode.FIRST_REGISTRATION));
      return icscf.send(new MultimediaAuthRequest(CxRequestHeader.of(icscf.newSessionId(), "icscf." + REALM, REALM, null, REALM),
              IMPI, IMPU, SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 1, "sip:scscf." + REALM + ":6060", List.of())
              .toMessage())
          .get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void runsServesCxAndTheApiAndStops() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    HssCommand command = (HssCommand) cli.getSubcommands().get("hss").getCommand();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<Integer> exit = thread.submit(() -> cli.execute(
        "hss", "--data", data.toString(), "--cx-listen", "127.0.0.1:0", "--api-listen", "127.0.0.1:0"));
    Matcher running = awaitRunning(out, exit);

    int cxPort = Integer.parseInt(running.group(1));
    String api = running.group(2);
    int added = run(new StringWriter(), err, "subscriber", "add", "--api", api, "--impi", IMPI, "--impu", IMPU, "--k", K, "--opc", OPC);
    assertThat(added).as(err.toString()).isZero();
    DiameterMessage maa = uarAndMar(cxPort);
    assertThat(maa.resultCode()).hasValue(ResultCode.SUCCESS);

    command.lifetime.stop();
    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    thread.shutdown();
    assertThat(out.toString()).contains("HSS hss." + REALM + " running:");
    try (HssStore store = HssStore.open(StoreConfig.h2File(data))) {
      // The stored SQN_HE is the mark the HSS may hand out up to: the one vector's SQN (SEQ 1, IND 0 of 5 bits) and
      // the block reserved above it.
      assertThat(store.find(IMPI).orElseThrow().sqn()).isEqualTo((1 + CxConfig.DEFAULT_SQN_BLOCK) * 32L);
    }
  }

  private static Matcher awaitRunning(StringWriter out, Future<Integer> exit) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Matcher m = RUNNING.matcher(out.toString());
      if (m.find()) {
        return m;
      }
      if (exit.isDone()) {
        throw new AssertionError("hss exited with " + exit.get() + ": " + out);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("hss did not start: " + out);
  }

  @Test
  void badAddressesAreRefusedWithWhatToFix() throws Exception {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "hss", "--data", data.toString(), "--cx-listen", "localhost")).isEqualTo(2);
    assertThat(err.toString()).contains("--cx-listen localhost is not HOST:PORT");
    StringWriter badDb = new StringWriter();
    assertThat(run(new StringWriter(), badDb, "hss", "--db-url", "jdbc:mysql://localhost/hss")).isEqualTo(2);
    assertThat(badDb.toString()).contains("unsupported JDBC URL jdbc:mysql://localhost/hss: use jdbc:h2:... or jdbc:postgresql://...");

    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringWriter err2 = new StringWriter();
      int exit = run(new StringWriter(), err2, "hss", "--data", data.toString(), "--cx-listen", "127.0.0.1:0",
          "--api-listen", "127.0.0.1:" + taken.getLocalPort());
      assertThat(exit).isEqualTo(1);
      assertThat(err2.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  /** {@code imscore hss} in its own JVM, its output collected line by line. */
  private record HssProcess(Process process, List<String> output, int cxPort, String api) {

    static HssProcess start(Path data) throws Exception {
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      Process process =
          new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                  "hss", "--data", data.toString(), "--cx-listen", "127.0.0.1:0", "--api-listen", "127.0.0.1:0")
              .redirectErrorStream(true)
              .start();
      // Read on its own thread; Process.destroy() would close the stream under a reader.
      List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread pump = new Thread(() -> {
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = lines.readLine()) != null; ) {
            output.add(line);
          }
        } catch (java.io.IOException closed) {
          // the process is gone
        }
      });
      pump.setDaemon(true);
      pump.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (Instant.now().isBefore(deadline) && process.isAlive()) {
        Matcher m = RUNNING.matcher(String.join("\n", output));
        if (m.find()) {
          return new HssProcess(process, output, Integer.parseInt(m.group(1)), m.group(2));
        }
        Thread.sleep(50);
      }
      process.destroyForcibly();
      throw new AssertionError("imscore hss did not start: " + output);
    }

    void signal(String signal) throws Exception {
      assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  private void provisionAndChallenge(HssProcess hss) throws Exception {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "subscriber", "add", "--api", hss.api(), "--impi", IMPI, "--impu", IMPU,
        "--k", K, "--opc", OPC, "--sqn", "64")).as(err.toString()).isZero();
    assertThat(uarAndMar(hss.cxPort()).resultCode()).hasValue(ResultCode.SUCCESS);
  }

  @Test
  void sigtermStopsTheProcessCleanly() throws Exception {
    HssProcess hss = HssProcess.start(data);
    try {
      provisionAndChallenge(hss);

      // SIGTERM, as a service manager sends; Ctrl-C's SIGINT takes the same shutdown hook.
      hss.signal("TERM");

      Thread.sleep(200);
      assertThat(String.join("\n", hss.output()))
          .contains("REST API stopped").contains("HSS hss." + REALM + " stopped");
    } finally {
      hss.process().destroyForcibly();
    }
    try (HssStore store = HssStore.open(StoreConfig.h2File(data))) {
      // Every SQN handed out (the third vector's is 96) is at or under the stored mark, which is a block above it.
      assertThat(store.find(IMPI).orElseThrow().sqn()).isEqualTo(96 + CxConfig.DEFAULT_SQN_BLOCK * 32L);
    }
  }

  @Test
  void aKilledProcessHasStoredEverySqnItHandedOut() throws Exception {
    HssProcess hss = HssProcess.start(data);
    try {
      provisionAndChallenge(hss);

      hss.signal("KILL");
    } finally {
      hss.process().destroyForcibly();
    }
    try (HssStore store = HssStore.open(StoreConfig.h2File(data))) {
      // Every SQN handed out (the third vector's is 96) is at or under the stored mark, which is a block above it.
      assertThat(store.find(IMPI).orElseThrow().sqn()).isEqualTo(96 + CxConfig.DEFAULT_SQN_BLOCK * 32L);
    }
  }
}
