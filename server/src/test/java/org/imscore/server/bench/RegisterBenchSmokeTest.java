package org.imscore.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke variant of {@code bench/register/run}: the script itself with {@code --smoke} (the all-in-one core
 * started from this build's class path, 50 subscribers imported through {@code imscore subscriber import}, SIPp
 * registering all of them with AKA at 20 per second), so that the benchmark keeps working. It checks that every
 * registration completed, either registered or refused through SIPp 3.6.1's own RES defect, and that the results
 * are written; speed is what the full run reports, not what a test asserts.
 */
class RegisterBenchSmokeTest {

  @TempDir Path out;

  @Test
  void theSmokeRunRegistersEverySubscriberAndWritesItsResults() throws Exception {
    BenchScript.Run run = BenchScript.run("register", out, Duration.ofSeconds(120), "--smoke", "--results",
        out.toString());
    String log = run.log();
    List<String> csv = run.stepsCsv();
    assertThat(csv.get(0)).startsWith("series,rate_per_s,attempted,successful,failed,sipp_res_defect,");
    assertThat(csv).hasSize(2);
    assertThat(out.resolve("summary.md")).content().contains("| 20 | 50 |");

    JsonNode results = run.resultsJson();
    assertThat(results.get("benchmark").asText()).isEqualTo("register");
    assertThat(results.get("smoke").asBoolean()).isTrue();
    assertThat(results.get("unit").asText()).isEqualTo("registrations/s");
    assertThat(results.get("sustained").get("imscore").asInt()).isEqualTo(20);
    JsonNode step = results.get("steps").get(0);
    assertThat(step.get("series").asText()).isEqualTo("imscore");
    assertThat(step.get("rate_per_s").asInt()).isEqualTo(20);
    assertThat(step.get("attempted").asInt()).isEqualTo(50);
    assertThat(step.get("failed").asInt()).as(log).isZero();
    assertThat(step.get("successful").asInt() + step.get("sipp_res_defect").asInt()).as(log).isEqualTo(50);
    assertThat(step.get("verdict").asText()).isEqualTo("ok");
    // SIPp's own CPU over the step, beside the core's: it shares the machine with the core
    assertThat(step.get("sipp_cpu_pct").isNumber()).as("sipp_cpu_pct of %s", step).isTrue();
    assertThat(step.get("sipp_cpu_pct").asDouble()).as("sipp_cpu_pct of %s", step).isPositive();
    assertThat(step.has("p99_ms") && step.has("cpu_pct") && step.has("achieved_per_s")).isTrue();
    JsonNode memory = results.get("memory");
    assertThat(memory.get("registered_contacts").asInt()).isEqualTo(step.get("successful").asInt());
    assertThat(results.get("import").get("cli").asText()).startsWith("imported 50 subscribers");
  }

}
