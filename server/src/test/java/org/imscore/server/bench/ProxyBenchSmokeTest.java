package org.imscore.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imscore.testkit.sipp.SippRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke variant of {@code bench/proxy-vs-kamailio/run}: the script itself, with {@code --smoke} (200 calls at
 * 100 per second through {@code imscore proxy} started from this build's class path, and through Kamailio when it
 * is installed), so that the benchmark keeps working. It checks that every call completed and that the results
 * are written; speed is what the full run reports, not what a test asserts.
 */
class ProxyBenchSmokeTest {

  private static final Path SCRIPT = Path.of("..", "bench", "proxy-vs-kamailio", "run").toAbsolutePath().normalize();

  @TempDir Path out;

  @Test
  void theSmokeRunCompletesEveryCallAndWritesItsResults() throws Exception {
    assumeTrue(SippRunner.available(), "sipp is not installed (run ./run-tests, which installs it)");
    assumeTrue(Files.isExecutable(SCRIPT), "no " + SCRIPT);
    ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "--smoke", "--out", out.toString())
        .redirectErrorStream(true)
        .redirectOutput(out.resolve("run.log").toFile());
    builder.environment().put("IMSCORE_JAVA", ProcessHandle.current().info().command().orElse("java"));
    builder.environment().put("IMSCORE_CLASSPATH", testClassPath());

    Process run = builder.start();
    boolean ended = run.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      run.descendants().forEach(ProcessHandle::destroy);
      run.destroyForcibly().waitFor();
    }

    String log = Files.readString(out.resolve("run.log"), StandardCharsets.UTF_8);
    assertThat(ended).as(log).isTrue();
    assertThat(run.exitValue()).as(log).isZero();
    assertThat(out.resolve("summary.md")).content().contains("| imscore | 100 |");
    List<String> csv = Files.readAllLines(out.resolve("steps.csv"));
    assertThat(csv.get(0)).startsWith("server,rate_cps,calls,successful,failed,");
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(results.get("smoke").asBoolean()).isTrue();
    JsonNode ours = stepOf(results, "imscore");
    assertThat(ours.get("calls").asInt()).isEqualTo(200);
    assertThat(ours.get("successful").asInt()).as(log).isEqualTo(200);
    assertThat(ours.get("failed").asInt()).as(log).isZero();
    assertThat(ours.get("verdict").asText()).isEqualTo("ok");
    if (results.get("sustained_cps").has("kamailio")) {
      assertThat(stepOf(results, "kamailio").get("failed").asInt()).as(log).isZero();
    }
  }

  private static JsonNode stepOf(JsonNode results, String server) {
    for (JsonNode step : results.get("steps")) {
      if (step.get("server").asText().equals(server)) {
        return step;
      }
    }
    throw new AssertionError("no step of " + server + " in " + results);
  }

  /** This build's test class path: it has the proxy's classes and a logback; Surefire names it. */
  private static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }
}
