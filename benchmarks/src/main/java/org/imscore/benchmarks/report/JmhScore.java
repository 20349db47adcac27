package org.imscore.benchmarks.report;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * One JMH benchmark's result.
 *
 * @param benchmark  the benchmark method, e.g. {@code org.imscore.benchmarks.sip.SipCodecBenchmark.parseInvite}
 * @param params     its {@code @Param} values, if any
 * @param mode       JMH's mode: {@code thrpt}, {@code avgt}, ...
 * @param score      the primary score
 * @param error      the 99.9 % confidence half-width; NaN with too few iterations to have one
 * @param unit       the score's unit, e.g. {@code ops/s}
 * @param bytesPerOp heap allocated per operation ({@code gc.alloc.rate.norm}), when run with {@code -prof gc}
 */
public record JmhScore(String benchmark, Map<String, String> params, String mode, double score, double error,
                       String unit, OptionalDouble bytesPerOp) {

    private static final String PACKAGE = "org.imscore.benchmarks.";

    public JmhScore {
        params = Map.copyOf(params);
    }

    /** The name without the benchmarks' package, with its parameters: {@code sip.SipCodecBenchmark.parseInvite}. */
    public String shortName() {
        String name = benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
        if (params.isEmpty()) {
            return name;
        }
        return name + params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
