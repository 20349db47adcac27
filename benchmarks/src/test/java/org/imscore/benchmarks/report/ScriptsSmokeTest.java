package org.imscore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two scripts as a person runs them, from this build's class path ({@code IMSCORE_CLASSPATH}), so that they
 * keep working: {@code bench/report} on the sample results, and {@code bench/jmh/run --smoke} on two benchmarks
 * (a few seconds: one JVM fork each).
 */
class ScriptsSmokeTest {

    private static final Path BENCH = Path.of("..", "bench").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void benchReportWritesThePageAndThePlotsOfTheSampleResults() throws Exception {
        Path bench = SampleBench.copyInto(folder);
        Path page = folder.resolve("REPORT.md");

        Run run = run(List.of(BENCH.resolve("report").toString(), "--bench", bench.toString(), "--out",
                page.toString()), 60);

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).contains("bench/report: wrote " + page + " and 3 plot(s)");
        assertThat(page).content().contains("| proxy-vs-kamailio | rate imscore / kamailio >= 1.00",
                "![calls: latency against achieved rate](report-plots/calls.png)",
                "| sip.SipCodecBenchmark.parseInvite | thrpt |");
        assertThat(ImageIO.read(folder.resolve("report-plots/proxy-vs-kamailio.png").toFile()).getHeight())
                .isEqualTo(RateLatencyPlot.HEIGHT);
    }

    @Test
    void benchReportRefusesAnUnknownArgument() throws Exception {
        Run run = run(List.of(BENCH.resolve("report").toString(), "--smoke"), 30);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).contains("bench/report: unknown argument --smoke (see --help)");
    }

    @Test
    void jmhRunSmokeWritesJmhsResultTheRunAndTheSummary() throws Exception {
        Path results = folder.resolve("jmh");

        Run run = run(List.of(BENCH.resolve("jmh/run").toString(), "--smoke", "--results", results.toString(),
                "MilenageBenchmark.vectorReusingCipher", "CxCodecBenchmark.decodeMar"), 120);

        assertThat(run.status()).as(run.output()).isZero();
        JmhResults read = JmhResults.read(results);
        assertThat(read.scores()).extracting(JmhScore::shortName).containsExactly(
                "aka.MilenageBenchmark.vectorReusingCipher", "diameter.CxCodecBenchmark.decodeMar");
        assertThat(read.scores()).allSatisfy(score -> {
            assertThat(score.score()).isPositive();
            assertThat(score.unit()).isEqualTo("ops/s");
            assertThat(score.bytesPerOp()).as("-prof gc").isPresent();
        });
        assertThat(read.run()).get().satisfies(info -> {
            assertThat(info.smoke()).isTrue();
            assertThat(info.command()).isEqualTo("bench/jmh/run --smoke --results " + results
                    + " MilenageBenchmark.vectorReusingCipher CxCodecBenchmark.decodeMar");
        });
        assertThat(results.resolve("summary.md")).content().contains("| diameter.CxCodecBenchmark.decodeMar | thrpt |");
        assertThat(run.output()).as("the summary is printed").contains("# JMH micro-benchmarks");
    }

    private record Run(int status, String output) {
    }

    private Run run(List<String> command, int seconds) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(command.get(0))), "no " + command.get(0));
        Path log = Files.createTempFile(folder, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("IMSCORE_JAVA", ProcessHandle.current().info().command().orElse("java"));
        builder.environment().put("IMSCORE_CLASSPATH", testClassPath());
        Process process = builder.start();
        boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("ended within " + seconds + " s: " + output).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** This build's class path: the benchmarks (with JMH's generated list of them) and the report. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
