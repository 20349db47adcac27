package org.imscore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    private Path bench;
    private ReportPage.Paths paths;

    @BeforeEach
    void copySamples() throws Exception {
        bench = SampleBench.copyInto(folder);
        paths = new ReportPage.Paths(bench, bench.resolve("jmh/results"), folder.resolve("out/REPORT.md"),
                folder.resolve("out/report-plots"));
    }

    @Test
    void everyBenchmarkIsOnThePageWithItsFiguresAgainstTheTargets() throws Exception {
        ReportPage.Written written = new ReportPage(paths, CLOCK).write();

        assertThat(written.problems()).isEmpty();
        String page = Files.readString(paths.page());
        assertThat(page).startsWith("# Benchmark report\n\nGenerated 2026-11-21 09:00 UTC by `bench/report`");
        assertThat(page).contains("""
                | benchmark | target | measured | verdict |
                | --- | --- | --- | --- |
                | register | registrations >= 3,000/s | 3,000 registrations/s | met |
                | register | memory per registered contact < 2 KiB | 2,310 B | **missed** |
                | calls | calls >= 1,000/s with p99 < 50 ms | 500 calls/s (p99 21 ms) | **missed** |
                | proxy-vs-kamailio | rate imscore / kamailio >= 1.00 at equal or lower p99 \
                | 2.00 (1,000 / 500 calls/s); p99 at 500 calls/s: 4 vs 4 ms | met |
                """);
        assertThat(page).containsSubsequence("## register", "## calls", "## proxy-vs-kamailio", "## registration",
                "## JMH micro-benchmarks");
    }

    @Test
    void aSteppedBenchmarkHasItsRunItsSustainedFiguresItsPlotAndItsSteps() throws Exception {
        new ReportPage(paths, CLOCK).write();

        String calls = section(Files.readString(paths.page()), "calls");
        assertThat(calls).contains(
                "- date: 2026-11-20T22:15:00Z\n",
                "- machine: 2 CPUs (AMD EPYC), load average 1.02 0.95 0.80 at the end\n",
                "- command: `bench/calls/run`\n",
                "- latency: SIPp INVITE-to-200 response time through P-, S- and P-CSCF, whole milliseconds\n",
                "- **sustained** (highest rate of a passing step): direct 2,000 calls/s, imscore 500 calls/s\n",
                "![calls: latency against achieved rate](report-plots/calls.png)",
                "| series | rate (calls/s) | achieved (calls/s) | attempted | failed | p50 (ms) | p99 (ms) | CPU (%) "
                        + "| verdict |",
                "| direct | 2,000 | 1,990.2 | 20,000 | 0 | 0 | 4 | n/a | ok |",
                "| imscore | 1,000 | 912.4 | 10,000 | 37 | 9 | 44 | 97.5 | **failed calls** |");
        assertThat(calls.indexOf("| direct | 250 |")).as("steps grouped by series")
                .isLessThan(calls.indexOf("| direct | 2,000 |")).isLessThan(calls.indexOf("| imscore | 250 |"));
        assertThat(section(Files.readString(paths.page()), "register")).contains("- machine: 2 CPUs (AMD EPYC), "
                + "load average 0.12 0.30 0.55 at the start, 0.41 0.52 0.60 at the end\n");
        for (String name : new String[] {"register", "calls", "proxy-vs-kamailio"}) {
            Path png = folder.resolve("out/report-plots/" + name + ".png");
            assertThat(ImageIO.read(png.toFile()).getWidth()).as(name).isEqualTo(RateLatencyPlot.WIDTH);
        }
    }

    @Test
    void theLatencyOnlyBenchmarkAndJmhHaveTheirTables() throws Exception {
        new ReportPage(paths, CLOCK).write();

        String page = Files.readString(paths.page());
        assertThat(section(page, "registration")).contains(
                "from `bench/registration/results/samples.csv`",
                "- registrations: 100 (after 20 warm-up), AKA, UDP, all four functions on loopback\n",
                "| 100 | 17.11 | 37.34 | 79.53 | 8.64 | 89.81 |");
        assertThat(section(page, "JMH micro-benchmarks")).contains(
                "> Smoke run: tiny iterations",
                "- date: 2026-11-21T08:20:11Z\n",
                "- command: `bench/jmh/run --smoke`\n",
                "- JVM: OpenJDK 64-Bit Server VM 25.0.3+9-LTS\n",
                "| benchmark | mode | score | error (99.9 %) | unit | allocated (B/op) |",
                "| aka.MilenageBenchmark.vectorPerRequest | thrpt | 13,547 | n/a | ops/s | 6,251 |",
                "| aka.MilenageBenchmark.vectorReusingCipher | thrpt | 202,641 | n/a | ops/s | not profiled |",
                "| sip.SipCodecBenchmark.parseInvite | thrpt | 6,358 | ± 84,352 | ops/s | 4,796 |");
    }

    @Test
    void aBenchmarkWithoutResultsIsNotRunYet() throws Exception {
        delete(bench.resolve("calls"));
        delete(bench.resolve("jmh"));

        ReportPage.Written written = new ReportPage(paths, CLOCK).write();

        assertThat(written.problems()).isEmpty();
        assertThat(written.plots()).extracting(p -> p.getFileName().toString())
                .containsExactly("register.png", "proxy-vs-kamailio.png");
        String page = Files.readString(paths.page());
        assertThat(page).contains(
                "| calls | calls >= 1,000/s with p99 < 50 ms | not run yet | not run yet |",
                "## calls\n\nNot run yet: `bench/calls/results/results.json` does not exist (run `bench/calls/run`).\n",
                "## JMH micro-benchmarks\n\nNot run yet: `bench/jmh/results/jmh.json` does not exist "
                        + "(run `bench/jmh/run`).");
    }

    @Test
    void anUnreadableResultsFileIsNamedAndTheRestOfThePageStillWritten() throws Exception {
        Files.copy(SampleBench.resource("bad-results/empty.json"), bench.resolve("calls/results/results.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(bench.resolve("jmh/results/jmh.json"), "{\"benchmark\": \"x\"}");

        ReportPage.Written written = new ReportPage(paths, CLOCK).write();

        assertThat(written.problems()).containsExactly(
                "bench/calls/results/results.json: is empty (did the run stop before writing it?)",
                "bench/jmh/results/jmh.json: holds an object, not JMH's array of results (-rf json)");
        String page = Files.readString(paths.page());
        assertThat(page).contains(
                "| calls | calls >= 1,000/s with p99 < 50 ms | results unreadable | not measured |",
                "## calls\n\n**Could not read** `bench/calls/results/results.json`: is empty (did the run stop "
                        + "before writing it?).\n",
                "**Could not read** `bench/jmh/results/jmh.json`: holds an object",
                "| register | registrations >= 3,000/s | 3,000 registrations/s | met |");
        assertThat(written.plots()).hasSize(2);
    }

    @Test
    void anyOtherBenchmarkWithResultsFollowsWithoutTargets() throws Exception {
        Path other = bench.resolve("options-ping/results");
        Files.createDirectories(other);
        Files.writeString(other.resolve("results.json"), Files.readString(bench.resolve("calls/results/results.json"))
                .replace("\"benchmark\": \"calls\"", "\"benchmark\": \"options-ping\""));

        new ReportPage(paths, CLOCK).write();

        String page = Files.readString(paths.page());
        assertThat(page).containsSubsequence("## registration", "## options-ping", "## JMH micro-benchmarks");
        assertThat(page).doesNotContain("| options-ping |");
        assertThat(section(page, "options-ping")).contains("](report-plots/options-ping.png)")
                .doesNotContain("| target |");
    }

    @Test
    void aSmokeRunSaysSoAndIsNotJudged() throws Exception {
        Path results = bench.resolve("calls/results/results.json");
        Files.writeString(results, Files.readString(results).replace("\"smoke\": false", "\"smoke\": true"));

        new ReportPage(paths, CLOCK).write();

        String page = Files.readString(paths.page());
        assertThat(page).contains("| calls | calls >= 1,000/s with p99 < 50 ms | 500 calls/s (p99 21 ms) "
                + "| smoke run, not judged |");
        assertThat(section(page, "calls")).contains("> Smoke run: a few seconds on a cold server");
    }

    /** One "## " section of the page, up to the next. */
    private static String section(String page, String name) {
        int start = page.indexOf("## " + name + "\n");
        assertThat(start).as("section " + name).isNotNegative();
        int end = page.indexOf("\n## ", start + 3);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private static void delete(Path tree) throws Exception {
        try (Stream<Path> files = Files.walk(tree)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
