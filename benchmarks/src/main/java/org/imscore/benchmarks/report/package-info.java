/**
 * The report of every benchmark on one page: {@code bench/report} reads the latest {@code results.json} of each
 * stepped-rate benchmark under {@code bench/} (the keys every benchmark shares, see {@code bench/report.md}), the
 * latency samples of {@code bench/registration} and JMH's JSON result of {@code bench/jmh/run}, judges the
 * sustained figures against the targets ({@link org.imscore.benchmarks.report.IssueTargets}), draws a rate against
 * latency plot per benchmark ({@link org.imscore.benchmarks.report.RateLatencyPlot}) and writes the page
 * ({@link org.imscore.benchmarks.report.ReportPage}).
 */
package org.imscore.benchmarks.report;
