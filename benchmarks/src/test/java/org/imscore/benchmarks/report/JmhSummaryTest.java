package org.imscore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhSummaryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:11:12.345Z"), ZoneOffset.UTC);

    @TempDir
    Path results;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void recordsTheRunBesideJmhsResultAndWritesTheSummary() throws Exception {
        Files.copy(SampleBench.resource("bench-sample/jmh/results/jmh.json"), results.resolve("jmh.json"));

        int status = run("--results", results.toString(), "--command", "bench/jmh/run --smoke Milenage",
                "--load-at-start", "1.50 1.20 0.90", "--smoke");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JmhResults read = JmhResults.read(results);
        assertThat(read.run()).get().satisfies(run -> {
            assertThat(run.date()).isEqualTo("2026-11-21T10:11:12Z");
            assertThat(run.smoke()).isTrue();
            assertThat(run.command()).isEqualTo("bench/jmh/run --smoke Milenage");
            assertThat(run.machine().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(run.machine().loadAverageAtStart()).isEqualTo("1.50 1.20 0.90");
        });
        assertThat(read.scores()).extracting(JmhScore::shortName).containsExactly(
                "aka.MilenageBenchmark.vectorPerRequest", "aka.MilenageBenchmark.vectorReusingCipher",
                "diameter.CxCodecBenchmark.decodeMar", "sip.SipCodecBenchmark.parseInvite");
        assertThat(read.scores().get(2).bytesPerOp()).hasValueCloseTo(2373.59, Offset.offset(0.01));
        assertThat(read.scores().get(3).error()).isEqualTo(84351.7020345508);
        assertThat(results.resolve("summary.md")).content().startsWith("# JMH micro-benchmarks\n\n> Smoke run")
                .contains("| diameter.CxCodecBenchmark.decodeMar | thrpt | 69,079 | n/a | ops/s | 2,374 |");
    }

    @Test
    void withoutJmhsResultNothingIsWrittenAndTheFileIsNamed() {
        int status = run("--results", results.toString(), "--command", "bench/jmh/run");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("bench/jmh/run: " + results.resolve("jmh.json") + ": no such file");
        assertThat(results.resolve("run.json")).doesNotExist();
        assertThat(results.resolve("summary.md")).doesNotExist();
    }

    @Test
    void anEmptyResultIsNamed() throws Exception {
        Files.writeString(results.resolve("jmh.json"), "[]");

        assertThat(run("--results", results.toString(), "--command", "bench/jmh/run")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("jmh.json: has no results (JMH ran no benchmark)");
    }

    @Test
    void aResultWithoutAScoreIsNamedWithItsPlace() throws Exception {
        Files.writeString(results.resolve("jmh.json"), "[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\", "
                + "\"primaryMetric\": {\"scoreUnit\": \"ops/s\"}}]");

        assertThat(run("--results", results.toString(), "--command", "bench/jmh/run")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "jmh.json: result 1, \"primaryMetric\": no \"score\" (JMH 1.37 writes it with -rf json)");
    }

    private int run(String... args) {
        return JmhSummary.run(args, CLOCK, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
