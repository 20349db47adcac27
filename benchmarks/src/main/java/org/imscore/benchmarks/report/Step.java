package org.imscore.benchmarks.report;

import java.util.OptionalDouble;

/**
 * One step of a stepped-rate benchmark: one series (a server, or SIPp alone) offered one rate for a while.
 *
 * @param series       the line of the plot this step belongs to, e.g. {@code imscore}, {@code kamailio}, {@code direct}
 * @param ratePerS     the rate asked of SIPp
 * @param achievedPerS the rate of successful operations SIPp achieved over the step
 * @param attempted    operations started
 * @param failed       operations that failed
 * @param p50Ms        median latency in milliseconds; NaN when no response was timed
 * @param p99Ms        99th percentile latency in milliseconds; NaN when no response was timed
 * @param cpuPct       CPU of the server process over the step (100 = one CPU), when measured
 * @param verdict      {@code ok}, or why the step failed
 */
public record Step(String series, double ratePerS, double achievedPerS, long attempted, long failed,
                   double p50Ms, double p99Ms, OptionalDouble cpuPct, String verdict) {

    public static final String PASSED = "ok";

    /** Whether the step passed: no failed operation, p99 under the limit, the rate reached. */
    public boolean passed() {
        return PASSED.equals(verdict);
    }
}
