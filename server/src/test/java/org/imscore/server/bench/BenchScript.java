package org.imscore.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imscore.testkit.sipp.SippRunner;

/**
 * A benchmark script of {@code bench/} run as a person runs it, in its smoke variant, with this build's JVM and class
 * path ({@code IMSCORE_JAVA}, {@code IMSCORE_CLASSPATH}) so that it tests these classes, not a jar built earlier.
 * The class is skipped when SIPp is missing; a run that outlives its limit is killed with its children and fails.
 */
final class BenchScript {

  private BenchScript() {
  }

  /** What one run left: its output (stdout and stderr), and the folder it wrote its results into. */
  record Run(String log, Path results) {

    JsonNode resultsJson() throws IOException {
      return new ObjectMapper().readTree(results.resolve("results.json").toFile());
    }

    List<String> stepsCsv() throws IOException {
      return Files.readAllLines(results.resolve("steps.csv"));
    }
  }

  /**
   * Runs {@code bench/NAME/run} with {@code args}, its output into {@code out/run.log}, and asserts it ended within
   * {@code limit} with exit code 0.
   */
  static Run run(String name, Path out, Duration limit, String... args) throws IOException, InterruptedException {
    Path script = Path.of("..", "bench", name, "run").toAbsolutePath().normalize();
    assumeTrue(SippRunner.available(), "sipp is not installed (run ./run-tests, which installs it)");
    assumeTrue(Files.isExecutable(script), "no " + script);
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    Path logFile = out.resolve("run.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
    builder.environment().put("IMSCORE_JAVA", ProcessHandle.current().info().command().orElse("java"));
    builder.environment().put("IMSCORE_CLASSPATH", testClassPath());

    Process process = builder.start();
    boolean ended = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroyForcibly().waitFor();
    }
    String log = Files.readString(logFile, StandardCharsets.UTF_8);
    assertThat(ended).as("%s ended within %s:%n%s", name, limit, log).isTrue();
    assertThat(process.exitValue()).as(log).isZero();
    return new Run(log, out);
  }

  /** This build's test class path: it has the server's classes and a logback; Surefire names it. */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}
