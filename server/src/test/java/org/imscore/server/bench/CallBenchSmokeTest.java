package org.imscore.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke variant of {@code bench/calls/run}: the script itself, with {@code --smoke} (the all-in-one core started
 * from this build's class path, 5 caller/callee pairs provisioned over REST and registered with AKA by SIPp, 20 calls
 * at 5 per second through P-CSCF, S-CSCF, I-CSCF, S-CSCF, P-CSCF to one SIPp UAS, and a 5-call memory step), so that
 * the benchmark keeps working. It checks that every identity registered, every call completed, and that the results
 * are written in the shape every benchmark shares; speed is what the full run reports, not what a test asserts.
 */
class CallBenchSmokeTest {

  @TempDir Path out;

  @Test
  void theSmokeRunRegistersEveryoneCompletesEveryCallAndWritesItsResults() throws Exception {
    BenchScript.Run run = BenchScript.run("calls", out, Duration.ofSeconds(240), "--smoke", "--results",
        out.toString());
    String log = run.log();
    assertThat(out.resolve("summary.md")).content().contains("| 5 | ");
    List<String> csv = run.stepsCsv();
    assertThat(csv.get(0)).startsWith("series,rate_per_s,attempted,successful,failed,");
    assertThat(csv).hasSize(2);

    JsonNode results = run.resultsJson();
    assertThat(results.get("benchmark").asText()).isEqualTo("calls");
    assertThat(results.get("smoke").asBoolean()).isTrue();
    assertThat(results.get("unit").asText()).isEqualTo("calls/s");
    assertThat(results.get("machine").get("cpus").asInt()).isPositive();
    assertThat(results.get("command").asText()).startsWith("bench/calls/run --smoke");
    assertThat(results.get("registration").get("registered").asInt()).as(log).isEqualTo(10);

    JsonNode step = results.get("steps").get(0);
    assertThat(step.get("series").asText()).isEqualTo("imscore");
    assertThat(step.get("rate_per_s").asInt()).isEqualTo(5);
    assertThat(step.get("attempted").asInt()).isEqualTo(20);
    assertThat(step.get("successful").asInt()).as(log).isEqualTo(20);
    assertThat(step.get("failed").asInt()).as(log).isZero();
    assertThat(step.get("uas_failed").asInt()).as(log).isZero();
    assertThat(step.get("p99_ms").isNumber()).as("p99 of %s", step).isTrue();
    assertThat(step.get("verdict").asText()).isEqualTo("ok");
    // SIPp's own CPU over the step, beside the core's: it shares the machine with the core
    assertThat(step.get("sipp_cpu_pct").isNumber()).as("sipp_cpu_pct of %s", step).isTrue();
    assertThat(step.get("sipp_cpu_pct").asDouble()).as("sipp_cpu_pct of %s", step).isPositive();
    assertThat(results.get("sustained").get("imscore").asInt()).isEqualTo(5);

    JsonNode memory = results.get("memory");
    assertThat(memory.get("successful").asInt()).as(log).isEqualTo(5);
    assertThat(memory.get("failed").asInt()).as(log).isZero();
    assertThat(memory.get("idle_live_bytes").asLong()).isPositive();
    // SIPp's count of calls up, read from its statistics of the last second: all 5 unless SIPp lags.
    assertThat(memory.get("early").get("concurrent_calls").asInt()).as(log).isBetween(1, 5);
  }

}
