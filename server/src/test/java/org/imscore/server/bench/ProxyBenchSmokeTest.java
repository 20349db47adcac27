package org.imscore.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke variant of {@code bench/proxy-vs-kamailio/run}: the script itself, with {@code --smoke} (200 calls at
 * 100 per second through {@code imscore proxy} started from this build's class path, and through Kamailio when it
 * is installed), so that the benchmark keeps working. It checks that every call completed and that the results
 * are written; speed is what the full run reports, not what a test asserts.
 */
class ProxyBenchSmokeTest {

  @TempDir Path out;

  @Test
  void theSmokeRunCompletesEveryCallAndWritesItsResults() throws Exception {
    BenchScript.Run run = BenchScript.run("proxy-vs-kamailio", out, Duration.ofSeconds(60), "--smoke", "--out",
        out.toString());
    String log = run.log();
    assertThat(out.resolve("summary.md")).content().contains("| imscore | 100 |");
    List<String> csv = run.stepsCsv();
    assertThat(csv.get(0)).startsWith("server,rate_cps,calls,successful,failed,");
    JsonNode results = run.resultsJson();
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

}
