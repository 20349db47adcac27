package org.imscore.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imscore.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code imscore run} as users run it, through {@link Main#commandLine()}: options, configuration errors, a run. */
class RunCommandTest {

  /** Every function on a free port, the store in memory: many test runs side by side never collide. */
  private static final String FREE_PORTS = """
      pcscf: {port: 0}
      icscf: {port: 0}
      scscf: {port: 0}
      hss: {port: 0, apiPort: 0, store: memory}
      """;

  @TempDir
  Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private CommandLine commandLine() {
    return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
  }

  private Path config(String yaml) throws Exception {
    return Files.writeString(dir.resolve("imscore.yaml"), yaml);
  }

  /** Runs until the command says it is running, then stops it as Ctrl-C would, and returns its exit code. */
  private int runUntilUp(String... args) throws Exception {
    CommandLine cl = commandLine();
    RunCommand command = cl.getSubcommands().get("run").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(args));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!out.toString().contains("Ctrl-C stops") && !exit.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    command.lifetime.stop();
    return exit.get(30, TimeUnit.SECONDS);
  }

  @Test
  void runsAllFourFunctionsAndPrintsTheDemoSubscribers() throws Exception {
    int exit = runUntilUp("run", "--config", config(FREE_PORTS).toString(), "--demo");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("P-CSCF 127\\.0\\.0\\.1:\\d+, I-CSCF 127\\.0\\.0\\.1:\\d+, S-CSCF 127\\.0\\.0\\.1:\\d+")
        .contains("HSS Cx 127.0.0.1:")
        .contains("alice  IMPU sip:alice@ims.mnc001.mcc001.3gppnetwork.org  IMPI "
            + "alice@ims.mnc001.mcc001.3gppnetwork.org  K " + DemoSubscribers.ALICE.k())
        .contains("OP " + DemoSubscribers.BOB.op())
        .contains("password bob-secret");
  }

  @Test
  void runsOnlyTheNamedRoles() throws Exception {
    int exit = runUntilUp("run", "--config", config(FREE_PORTS).toString(), "--role", "hss,scscf");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("S-CSCF 127.0.0.1:").contains("HSS Cx").doesNotContain("P-CSCF")
        .doesNotContain("I-CSCF");
  }

  @Test
  void anUnknownRoleIsRefused() {
    int exit = commandLine().execute("run", "--role", "pcscf,mme");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("error: --role mme: expected pcscf, icscf, scscf or hss");
  }

  @Test
  void anUnknownKeyStopsTheStartNamingIt() throws Exception {
    Path file = config("scscf:\n  prot: 6070\n");

    int exit = commandLine().execute("run", "--config", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("error: " + file + ": unknown key 'scscf.prot'");
    assertThat(out.toString()).doesNotContain("running");
  }

  @Test
  void aBadValueStopsTheStartNamingIt() throws Exception {
    Path file = config("hss:\n  port: diameter\n");

    int exit = commandLine().execute("run", "--config", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("bad value for 'hss.port'");
  }

  @Test
  void aMissingConfigFileIsNamed() {
    int exit = commandLine().execute("run", "--config", dir.resolve("nope.yaml").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("nope.yaml: no such file");
  }

  @Test
  void demoWithoutTheHssIsRefused() throws Exception {
    int exit = commandLine().execute("run", "--config", config(FREE_PORTS).toString(), "--role", "pcscf",
        "--demo");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--demo provisions subscribers in the HSS");
  }

  @Test
  void aPortInUseIsReportedAndNothingKeepsRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file = config(FREE_PORTS.replace("pcscf: {port: 0}", "pcscf: {port: " + taken.getLocalPort() + "}"));

      int exit = commandLine().execute("run", "--config", file.toString());

      assertThat(exit).isEqualTo(1);
      assertThat(err.toString()).startsWith("error: cannot start: ");
    }
  }
}
