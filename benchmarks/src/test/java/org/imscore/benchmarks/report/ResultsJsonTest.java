package org.imscore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultsJsonTest {

    @Test
    void readsAStepsResultWithEveryKeyBenchShares() throws Exception {
        BenchmarkRun run = ResultsJson.read(SampleBench.resource("bench-sample/register/results/results.json"));

        assertThat(run.benchmark()).isEqualTo("register");
        assertThat(run.date()).isEqualTo("2026-11-20T21:04:10Z");
        assertThat(run.smoke()).isFalse();
        assertThat(run.machine()).isEqualTo(new Machine(2, "AMD EPYC", "0.12 0.30 0.55", "0.41 0.52 0.60"));
        assertThat(run.command()).isEqualTo("bench/register/run --rates '1000 2000 3000 4000'");
        assertThat(run.unit()).isEqualTo("registrations/s");
        assertThat(run.sustained()).containsExactly(Map.entry("imscore", 3000.0));
        assertThat(run.p99LimitMs()).as("no p99_limit_ms: bench/'s default").isEqualTo(50);
        assertThat(run.memoryPerContactBytes()).hasValue(2310);
        assertThat(run.steps()).hasSize(4);
        Step last = run.steps().get(3);
        assertThat(last.series()).isEqualTo("imscore");
        assertThat(last.ratePerS()).isEqualTo(4000);
        assertThat(last.achievedPerS()).isEqualTo(3410.8);
        assertThat(last.attempted()).isEqualTo(40000);
        assertThat(last.p50Ms()).isEqualTo(48);
        assertThat(last.p99Ms()).isEqualTo(350);
        assertThat(last.cpuPct()).hasValue(99.8);
        assertThat(last.passed()).isFalse();
        assertThat(last.verdict()).isEqualTo("p99 over 50 ms");
    }

    @Test
    void memoryNotMeasuredIsEmpty(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("results.json");
        Files.writeString(file, Files.readString(SampleBench.resource("bench-sample/register/results/results.json"))
                .replace("\"live_heap_bytes_per_contact\": 2310", "\"live_heap_bytes_per_contact\": null"));

        assertThat(ResultsJson.read(file).memoryPerContactBytes()).isEmpty();
    }

    @Test
    void aCpuNotMeasuredIsEmptyAndSeriesKeepTheirOrder() throws Exception {
        BenchmarkRun run = ResultsJson.read(SampleBench.resource("bench-sample/calls/results/results.json"));

        assertThat(run.series()).containsExactly("direct", "imscore");
        assertThat(run.stepsOf("direct")).hasSize(4).allSatisfy(step -> assertThat(step.cpuPct()).isEmpty());
        assertThat(run.stepsOf("imscore")).extracting(Step::ratePerS).containsExactly(250.0, 500.0, 1000.0);
        assertThat(run.step("imscore", 1000)).get().extracting(Step::failed).isEqualTo(37L);
    }

    @Test
    void readsTheCheckedInProxyResultsWithTheirOwnKeysBeside() throws Exception {
        BenchmarkRun run = ResultsJson.read(
                SampleBench.resource("bench-sample/proxy-vs-kamailio/results/results.json"));

        assertThat(run.sustained()).containsExactly(Map.entry("direct", 2000.0), Map.entry("imscore", 1000.0),
                Map.entry("kamailio", 500.0));
        assertThat(run.series()).containsExactly("direct", "imscore", "kamailio");
        assertThat(run.step("imscore", 1500)).get().extracting(Step::p99Ms).isEqualTo(600.0);
        assertThat(run.memoryPerContactBytes()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty.json                    | is empty (did the run stop before writing it?)
            not-json.json                 | is not valid JSON at line 3, column 11: Unexpected character (',' (code 44))
            array.json                    | holds an array, not a JSON object
            step-without-p99.json         | step 3 of 7: no "p99_ms" (bench/report.md lists the keys every results.json carries)
            proxy-before-shared-keys.json | no "command" (bench/report.md lists the keys every results.json carries)
            sustained-not-object.json     | "sustained" must be an object, not a string ("500")
            failed-not-number.json        | step 1 of 7: "failed" must be a number, not a string ("none")
            without-unit.json             | no "unit" (bench/report.md lists the keys every results.json carries)
            """)
    void aBadResultsFileIsNamedWithWhatIsWrong(String name, String problem) {
        Path file = SampleBench.resource("bad-results/" + name);

        assertThatThrownBy(() -> ResultsJson.read(file))
                .isInstanceOfSatisfying(ResultsException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.problem()).startsWith(problem);
                    assertThat(e.getMessage()).startsWith(file + ": ");
                });
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = Path.of("no", "such", "results.json");

        assertThatThrownBy(() -> ResultsJson.read(file))
                .isInstanceOf(ResultsException.class)
                .hasMessage(file + ": no such file");
    }
}
