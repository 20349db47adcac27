package org.imscore.server.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imscore demo}: the all-in-one core on free loopback ports, alice and bob registered with AKA, a call from
 * alice to bob and its release, and every SIP and Cx message of it drawn as a sequence diagram.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Starts the core on free loopback ports, registers alice and bob (AKA), has alice call bob "
            + "(INVITE, 183/PRACK, 180, 200, ACK), hangs up (BYE) and draws every SIP and Diameter message as a "
            + "sequence diagram.",
        "Exit status 0 when the whole flow went as expected, 1 otherwise."})
public final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "1",
      description = "How long the call stays up before alice hangs up (default: ${DEFAULT-VALUE}).")
  int holdSeconds;

  @Option(names = "--verbose", description = "Keep the functions' log lines (one per transaction) on the console.")
  boolean verbose;

  @Override
  public Integer call() {
    // The diagram is the output: the per-transaction log lines would interleave with it, so they go quiet.
    if (verbose || !(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root)) {
      return demo();
    }
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.WARN);
    try {
      return demo();
    } finally {
      root.setLevel(level);
    }
  }

  private int demo() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (holdSeconds < 0 || holdSeconds > 3600) {
      err.println("error: --hold must be between 0 and 3600 seconds, not " + holdSeconds);
      return 2;
    }
    Trace trace = new Trace();
    String outcome;
    boolean passed;
    try (Core core = Core.start(CoreConfig.ephemeral(), EnumSet.allOf(Core.Function.class), trace)) {
      trace.place(core.pcscfAddress().getPort(), Trace.PCSCF);
      trace.place(core.icscfAddress().getPort(), Trace.ICSCF);
      trace.place(core.scscfAddress().getPort(), Trace.SCSCF);
      out.println("imscore demo: " + core.describe());
      out.println();
      outcome = new DemoCall(core, trace).run(Duration.ofSeconds(holdSeconds));
      passed = true;
    } catch (DemoCall.Failed e) {
      outcome = e.getMessage();
      passed = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "interrupted";
      passed = false;
    } catch (RuntimeException e) {
      // No stack trace for the user: the reason is the message (the log has the detail at DEBUG).
      outcome = e.getMessage() == null ? e.toString() : e.getMessage();
      passed = false;
    }
    List<SequenceDiagram.Arrow> arrows = trace.arrows();
    out.print(new SequenceDiagram(Trace.COLUMNS).render(arrows));
    out.println();
    List<String> unplaced = trace.unplaced();
    List<String> missing = trace.missing();
    if (passed && !missing.isEmpty()) {
      passed = false;
      outcome = "the call went through but these messages were not seen: " + String.join(", ", missing);
    } else if (passed && !unplaced.isEmpty()) {
      passed = false;
      outcome = "messages went where no element of the demo listens: " + String.join(", ", unplaced);
    }
    out.println((passed ? "demo passed: " : "demo failed: ") + outcome + " (" + arrows.size() + " messages)");
    out.flush();
    return passed ? 0 : 1;
  }
}
