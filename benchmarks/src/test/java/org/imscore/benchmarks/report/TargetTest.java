package org.imscore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.benchmarks.report.SampleBench.run;
import static org.imscore.benchmarks.report.SampleBench.step;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TargetTest {

    private static final Target REGISTRATIONS = IssueTargets.of(IssueTargets.REGISTER).get(0);
    private static final Target MEMORY = IssueTargets.of(IssueTargets.REGISTER).get(1);
    private static final Target CALLS = IssueTargets.of(IssueTargets.CALLS).get(0);
    private static final Target RATIO = IssueTargets.of(IssueTargets.PROXY_VS_KAMAILIO).get(0);

    @Test
    void theTargetsReadAsTheyAreSet() {
        assertThat(REGISTRATIONS.text()).isEqualTo("registrations >= 3,000/s");
        assertThat(MEMORY.text()).isEqualTo("memory per registered contact < 2 KiB");
        assertThat(CALLS.text()).isEqualTo("calls >= 1,000/s with p99 < 50 ms");
        assertThat(RATIO.text()).isEqualTo("rate imscore / kamailio >= 1.00 at equal or lower p99");
        assertThat(IssueTargets.of("registration")).as("latency only: no target").isEmpty();
    }

    @Test
    void registrationsAtTheTargetRateMeetItAndMemoryOverTwoKibMissesIt() throws Exception {
        BenchmarkRun register = ResultsJson.read(SampleBench.resource("bench-sample/register/results/results.json"));

        assertThat(REGISTRATIONS.check(register))
                .isEqualTo(new Check("registrations >= 3,000/s", "3,000 registrations/s", Outcome.MET));
        assertThat(MEMORY.check(register))
                .isEqualTo(new Check("memory per registered contact < 2 KiB", "2,310 B", Outcome.MISSED));
    }

    @Test
    void callsSustainedBelowTheTargetMissIt() throws Exception {
        BenchmarkRun calls = ResultsJson.read(SampleBench.resource("bench-sample/calls/results/results.json"));

        assertThat(CALLS.check(calls)).isEqualTo(
                new Check("calls >= 1,000/s with p99 < 50 ms", "500 calls/s (p99 21 ms)", Outcome.MISSED));
    }

    @Test
    void callsAtTheRateWithP99AtTheLimitMissIt() {
        // A run whose own limit was looser than the target's: the step passed, the target wants p99 under 50 ms.
        BenchmarkRun loose = run("calls", false, Map.of("imscore", 1000.0),
                List.of(step("imscore", 1000, 999, 0, 10, 50, "ok")));
        BenchmarkRun tight = run("calls", false, Map.of("imscore", 1000.0),
                List.of(step("imscore", 1000, 999, 0, 10, 49, "ok")));

        assertThat(CALLS.check(loose).outcome()).isEqualTo(Outcome.MISSED);
        assertThat(CALLS.check(loose).measured()).isEqualTo("1,000 calls/s (p99 50 ms)");
        assertThat(CALLS.check(tight).outcome()).isEqualTo(Outcome.MET);
    }

    @Test
    void noPassingStepIsSaidSo() {
        BenchmarkRun none = run("calls", false, Map.of("imscore", 0.0),
                List.of(step("imscore", 250, 200, 12, 10, 30, "failed calls")));

        assertThat(CALLS.check(none)).isEqualTo(
                new Check(CALLS.text(), "no step passed", Outcome.MISSED));
    }

    @Test
    void theProxyCheckedInRunIsTwiceKamailiosRateAtTheSameP99() throws Exception {
        BenchmarkRun proxy = ResultsJson.read(
                SampleBench.resource("bench-sample/proxy-vs-kamailio/results/results.json"));

        assertThat(RATIO.check(proxy)).isEqualTo(new Check(RATIO.text(),
                "2.00 (1,000 / 500 calls/s); p99 at 500 calls/s: 4 vs 4 ms", Outcome.MET));
    }

    @Test
    void aHigherP99AtTheCommonRateMissesTheRatioTargetEvenWhenFaster() {
        BenchmarkRun proxy = run("proxy-vs-kamailio", false, Map.of("imscore", 1000.0, "kamailio", 500.0), List.of(
                step("imscore", 500, 499, 0, 1, 9, "ok"), step("kamailio", 500, 499, 0, 1, 4, "ok"),
                step("imscore", 1000, 999, 0, 1, 12, "ok"), step("kamailio", 1000, 999, 0, 9, 80, "p99 over 50 ms")));

        Check check = RATIO.check(proxy);

        assertThat(check.measured()).isEqualTo("2.00 (1,000 / 500 calls/s); p99 at 500 calls/s: 9 vs 4 ms");
        assertThat(check.outcome()).isEqualTo(Outcome.MISSED);
    }

    @Test
    void aLowerRateMissesTheRatioTargetAndUnderOneMillisecondCountsAsOne() {
        BenchmarkRun proxy = run("proxy-vs-kamailio", false, Map.of("imscore", 500.0, "kamailio", 1000.0), List.of(
                step("imscore", 500, 499, 0, 0, 0, "ok"), step("kamailio", 500, 499, 0, 0, 1, "ok"),
                step("imscore", 1000, 990, 3, 0, 4, "failed calls"), step("kamailio", 1000, 999, 0, 0, 4, "ok")));

        assertThat(RATIO.check(proxy)).isEqualTo(new Check(RATIO.text(),
                "0.50 (500 / 1,000 calls/s); p99 at 500 calls/s: 1 vs 1 ms", Outcome.MISSED));
    }

    @Test
    void kamailioPassingNoStepLeavesImscoreAhead() {
        BenchmarkRun proxy = run("proxy-vs-kamailio", false, Map.of("imscore", 500.0, "kamailio", 0.0), List.of(
                step("imscore", 500, 499, 0, 0, 4, "ok"), step("kamailio", 500, 420, 20, 9, 300, "failed calls")));

        assertThat(RATIO.check(proxy)).isEqualTo(new Check(RATIO.text(),
                "kamailio passed no step; 500 / 0 calls/s", Outcome.MET));
    }

    @Test
    void aRunWithoutKamailioDoesNotMeasureTheRatio() {
        BenchmarkRun alone = run("proxy-vs-kamailio", false, Map.of("imscore", 500.0),
                List.of(step("imscore", 500, 499, 0, 0, 4, "ok")));

        assertThat(RATIO.check(alone)).isEqualTo(new Check(RATIO.text(), "no series \"kamailio\" in the results",
                Outcome.NOT_MEASURED));
    }

    @Test
    void aSmokeRunIsReportedButNotJudged() {
        BenchmarkRun smoke = run("calls", true, Map.of("imscore", 100.0), List.of(step("imscore", 100, 99, 0, 3, 9,
                "ok")));

        assertThat(CALLS.check(smoke)).isEqualTo(new Check(CALLS.text(), "100 calls/s (p99 9 ms)",
                Outcome.NOT_JUDGED));
    }

    @Test
    void aSingleSeriesIsJudgedWhateverItsNameAndSeveralWithoutImscoreAreNot() {
        BenchmarkRun single = run("calls", false, Map.of("core", 1200.0),
                List.of(step("core", 1200, 1199, 0, 3, 9, "ok")));
        BenchmarkRun two = run("calls", false, Map.of("a", 1200.0, "b", 1500.0),
                List.of(step("a", 1200, 1199, 0, 3, 9, "ok"), step("b", 1500, 1499, 0, 3, 9, "ok")));

        assertThat(CALLS.check(single).outcome()).isEqualTo(Outcome.MET);
        assertThat(CALLS.check(two)).isEqualTo(new Check(CALLS.text(), "no series \"imscore\" in the results",
                Outcome.NOT_MEASURED));
    }

    @Test
    void memoryNotInTheResultsIsNotMeasured() {
        BenchmarkRun register = run("register", false, Map.of("imscore", 3000.0),
                List.of(step("imscore", 3000, 2999, 0, 3, 9, "ok")));

        assertThat(MEMORY.check(register).outcome()).isEqualTo(Outcome.NOT_MEASURED);
        assertThat(MEMORY.check(register).measured()).contains("memory.live_heap_bytes_per_contact");
        assertThat(new Target.MemoryPerContact(2048).check(withMemory(register, 2047)).outcome())
                .isEqualTo(Outcome.MET);
    }

    private static BenchmarkRun withMemory(BenchmarkRun run, double bytes) {
        return new BenchmarkRun(run.benchmark(), run.date(), run.smoke(), run.machine(), run.command(), run.unit(),
                run.latency(), run.sustained(), run.steps(), run.p99LimitMs(), OptionalDouble.of(bytes));
    }
}
