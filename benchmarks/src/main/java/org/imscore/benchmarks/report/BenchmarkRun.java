package org.imscore.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The latest run of one stepped-rate benchmark, as its {@code results.json} records it (the keys every benchmark
 * under {@code bench/} shares).
 *
 * @param benchmark  the benchmark's name, e.g. {@code proxy-vs-kamailio}
 * @param date       when it ran, ISO-8601 UTC as written
 * @param smoke      a smoke run: a few seconds on a cold server, not a measurement
 * @param machine    where it ran
 * @param command    the command line that produced it
 * @param unit       the unit of rates, e.g. {@code calls/s}
 * @param latency    what p50 and p99 measure
 * @param sustained  per series, the highest rate of a passing step (0 when none passed), in the file's order
 * @param steps      every step in the order run
 * @param p99LimitMs the p99 a step had to stay under ({@code p99_limit_ms}, else 50 ms as bench/ agrees)
 * @param memoryPerContactBytes live heap per registered contact ({@code memory.live_heap_bytes_per_contact}),
 *                              where measured
 */
public record BenchmarkRun(String benchmark, String date, boolean smoke, Machine machine, String command,
                           String unit, String latency, Map<String, Double> sustained, List<Step> steps,
                           double p99LimitMs, OptionalDouble memoryPerContactBytes) {

    /** The p99 limit when a results file names none (bench/README.md: "default 50 ms"). */
    public static final double DEFAULT_P99_LIMIT_MS = 50;

    public BenchmarkRun {
        sustained = Collections.unmodifiableMap(new LinkedHashMap<>(sustained));
        steps = List.copyOf(steps);
    }

    /** The series in the order they first appear: the sustained figures first, then any only in the steps. */
    public List<String> series() {
        Set<String> names = new LinkedHashSet<>(sustained.keySet());
        steps.forEach(step -> names.add(step.series()));
        return List.copyOf(names);
    }

    /** The steps of one series by asked rate. */
    public List<Step> stepsOf(String series) {
        List<Step> of = new ArrayList<>();
        for (Step step : steps) {
            if (step.series().equals(series)) {
                of.add(step);
            }
        }
        of.sort(Comparator.comparingDouble(Step::ratePerS));
        return of;
    }

    /** The step of a series at an asked rate. */
    public Optional<Step> step(String series, double ratePerS) {
        return stepsOf(series).stream().filter(step -> step.ratePerS() == ratePerS).findFirst();
    }

    /** The sustained rate of a series; 0 when it passed no step; empty when the run has no such series. */
    public OptionalDouble sustained(String series) {
        Double rate = sustained.get(series);
        return rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }
}
