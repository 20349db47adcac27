package org.imscore.benchmarks.report;

import java.util.Optional;
import java.util.OptionalDouble;

/** A figure the product has to reach on a benchmark, and how to judge a run against it. */
public sealed interface Target permits Target.SustainedRate, Target.MemoryPerContact, Target.RateRatio {

    /** The target in words, e.g. "calls >= 1,000/s with p99 < 50 ms". */
    String text();

    /** The run's figure against this target. A smoke run is reported, not judged. */
    Check check(BenchmarkRun run);

    /** A check for a benchmark that has no results yet. */
    default Check notRun() {
        return new Check(text(), "not run yet", Outcome.NOT_RUN);
    }

    /**
     * The sustained rate of one series (the highest rate of a passing step) at least {@code atLeast}; when
     * {@code p99BelowMs} is given, the p99 of that step must also be under it.
     *
     * @param series     the series judged; a run with a single series is judged on it whatever its name
     * @param what       what is counted, e.g. "registrations"
     */
    record SustainedRate(String series, String what, double atLeast, OptionalDouble p99BelowMs) implements Target {

        @Override
        public String text() {
            return what + " >= " + Numbers.grouped(atLeast) + "/s"
                    + (p99BelowMs.isPresent() ? " with p99 < " + Numbers.ms(p99BelowMs.getAsDouble()) + " ms" : "");
        }

        @Override
        public Check check(BenchmarkRun run) {
            Optional<String> judged = judgedSeries(run, series);
            if (judged.isEmpty()) {
                return new Check(text(), "no series \"" + series + "\" in the results", Outcome.NOT_MEASURED);
            }
            double rate = run.sustained(judged.get()).orElse(0);
            String measured = Numbers.grouped(rate) + " " + run.unit();
            boolean met = rate >= atLeast;
            if (p99BelowMs.isPresent() && rate > 0) {
                double p99 = run.step(judged.get(), rate).map(Step::p99Ms).orElse(Double.NaN);
                measured += " (p99 " + Numbers.ms(p99) + " ms)";
                met &= p99 < p99BelowMs.getAsDouble();
            }
            if (rate == 0) {
                measured = "no step passed";
            }
            return new Check(text(), measured, judge(run, met));
        }
    }

    /** Live heap per registered contact under {@code belowBytes} ({@code memory.live_heap_bytes_per_contact}). */
    record MemoryPerContact(double belowBytes) implements Target {

        @Override
        public String text() {
            return "memory per registered contact < " + Numbers.bytes(belowBytes);
        }

        @Override
        public Check check(BenchmarkRun run) {
            if (run.memoryPerContactBytes().isEmpty()) {
                return new Check(text(), "not in the results (no memory.live_heap_bytes_per_contact)",
                        Outcome.NOT_MEASURED);
            }
            double bytes = run.memoryPerContactBytes().getAsDouble();
            return new Check(text(), Numbers.grouped(bytes) + " B", judge(run, bytes < belowBytes));
        }
    }

    /**
     * The sustained rate of {@code ours} over that of {@code theirs} at least {@code atLeast}, and at the highest
     * rate both sustained, our p99 equal or lower. SIPp times in whole milliseconds: under 1 ms counts as 1 ms.
     */
    record RateRatio(String ours, String theirs, double atLeast) implements Target {

        @Override
        public String text() {
            return "rate " + ours + " / " + theirs + " >= " + Numbers.ratio(atLeast) + " at equal or lower p99";
        }

        @Override
        public Check check(BenchmarkRun run) {
            OptionalDouble our = run.sustained(ours);
            OptionalDouble their = run.sustained(theirs);
            if (our.isEmpty() || their.isEmpty()) {
                return new Check(text(), "no series \"" + (our.isEmpty() ? ours : theirs) + "\" in the results",
                        Outcome.NOT_MEASURED);
            }
            String rates = Numbers.grouped(our.getAsDouble()) + " / " + Numbers.grouped(their.getAsDouble()) + " "
                    + run.unit();
            if (their.getAsDouble() == 0) {
                boolean oursPassed = our.getAsDouble() > 0;
                return new Check(text(), (oursPassed ? theirs + " passed no step; " : "neither passed a step; ")
                        + rates, judge(run, oursPassed));
            }
            double ratio = our.getAsDouble() / their.getAsDouble();
            String measured = Numbers.ratio(ratio) + " (" + rates + ")";
            OptionalDouble common = highestRateBothPassed(run);
            boolean p99NotWorse = true;
            if (common.isPresent()) {
                double ourP99 = atLeastOneMs(run.step(ours, common.getAsDouble()).orElseThrow().p99Ms());
                double theirP99 = atLeastOneMs(run.step(theirs, common.getAsDouble()).orElseThrow().p99Ms());
                p99NotWorse = ourP99 <= theirP99;
                measured += "; p99 at " + Numbers.grouped(common.getAsDouble()) + " " + run.unit() + ": "
                        + Numbers.ms(ourP99) + " vs " + Numbers.ms(theirP99) + " ms";
            }
            return new Check(text(), measured, judge(run, ratio >= atLeast && p99NotWorse));
        }

        private OptionalDouble highestRateBothPassed(BenchmarkRun run) {
            return run.stepsOf(ours).stream()
                    .filter(Step::passed)
                    .filter(step -> run.step(theirs, step.ratePerS()).map(Step::passed).orElse(false))
                    .mapToDouble(Step::ratePerS)
                    .max();
        }

        private static double atLeastOneMs(double ms) {
            return ms < 1 ? 1 : ms;
        }
    }

    private static Optional<String> judgedSeries(BenchmarkRun run, String series) {
        if (run.sustained().containsKey(series)) {
            return Optional.of(series);
        }
        return run.sustained().size() == 1 ? run.sustained().keySet().stream().findFirst() : Optional.empty();
    }

    private static Outcome judge(BenchmarkRun run, boolean met) {
        if (run.smoke()) {
            return Outcome.NOT_JUDGED;
        }
        return met ? Outcome.MET : Outcome.MISSED;
    }
}
