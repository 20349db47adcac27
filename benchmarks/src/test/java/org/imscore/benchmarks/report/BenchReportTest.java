package org.imscore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theOutputsDefaultToTheBenchFolder() {
        ReportPage.Paths paths = BenchReport.parse(new String[] {"--bench", "/repo/bench"});

        assertThat(paths.bench()).isEqualTo(Path.of("/repo/bench"));
        assertThat(paths.page()).isEqualTo(Path.of("/repo/bench/REPORT.md"));
        assertThat(paths.plots()).isEqualTo(Path.of("/repo/bench/report-plots"));
        assertThat(paths.jmh()).isEqualTo(Path.of("/repo/bench/jmh/results"));
        assertThat(BenchReport.parse(new String[] {"--bench", "/b", "--out", "/o/page.md"}).plots())
                .isEqualTo(Path.of("/o/report-plots"));
    }

    @Test
    void writesThePageAndSaysWhere() throws Exception {
        Path bench = SampleBench.copyInto(folder);

        int status = run("--bench", bench.toString(), "--out", folder.resolve("page.md").toString());

        assertThat(status).as(text(err)).isZero();
        assertThat(text(out)).isEqualTo("bench/report: wrote " + folder.resolve("page.md") + " and 3 plot(s) in "
                + folder.resolve("report-plots") + "\n");
        assertThat(text(err)).isEmpty();
        assertThat(folder.resolve("report-plots/calls.png")).isRegularFile();
    }

    @Test
    void anUnreadableResultsFileMakesTheExitStatusOneAndIsNamed() throws Exception {
        Path bench = SampleBench.copyInto(folder);
        Files.writeString(bench.resolve("register/results/results.json"), "{\"benchmark\": \"register\"}");

        int status = run("--bench", bench.toString());

        assertThat(status).isEqualTo(1);
        assertThat(text(err)).isEqualTo("bench/report: bench/register/results/results.json: no \"date\" "
                + "(bench/report.md lists the keys every results.json carries)\n");
        assertThat(bench.resolve("REPORT.md")).content().contains("**Could not read**");
    }

    @Test
    void aWrongArgumentIsSaidWithTheUsage() {
        assertThat(run("--bnech", "x")).isEqualTo(2);
        assertThat(text(err)).startsWith("bench/report: unknown option --bnech\nusage: bench/report [--bench DIR]");
        err.reset();
        assertThat(run("--out")).isEqualTo(2);
        assertThat(text(err)).startsWith("bench/report: unknown argument or missing value: --out\n");
    }

    private int run(String... args) {
        return BenchReport.run(args, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
