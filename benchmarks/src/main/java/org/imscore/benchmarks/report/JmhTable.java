package org.imscore.benchmarks.report;

/** The JMH results as markdown: the run, then one row per benchmark (score, its error, allocation per operation). */
final class JmhTable {

    private JmhTable() {
    }

    /** The run's lines and the table, for the report page and for {@code bench/jmh/results/summary.md}. */
    static String markdown(JmhResults results) {
        StringBuilder text = new StringBuilder();
        if (results.run().isPresent()) {
            JmhResults.RunInfo run = results.run().get();
            if (run.smoke()) {
                text.append("> Smoke run: tiny iterations, to show that the benchmarks work; not a measurement.\n\n");
            }
            text.append("- date: ").append(run.date()).append('\n')
                    .append("- machine: ").append(run.machine().describe()).append('\n')
                    .append("- command: `").append(run.command()).append("`\n");
        } else {
            text.append("- date, machine and command: not recorded (no ").append(JmhResults.RUN_FILE)
                    .append("; `bench/jmh/run` writes it)\n");
        }
        text.append("- JVM: ").append(results.jvm().isEmpty() ? "not recorded" : results.jvm()).append('\n')
                .append("- single-threaded: a score is what one core does; allocation from `-prof gc`\n\n");
        MarkdownTable table = new MarkdownTable("benchmark", "mode", "score", "error (99.9 %)", "unit",
                "allocated (B/op)").rightAligned(2, 3, 5);
        for (JmhScore score : results.scores()) {
            table.row(score.shortName(), score.mode(), Numbers.score(score.score()),
                    Double.isNaN(score.error()) ? "n/a" : "± " + Numbers.score(score.error()), score.unit(),
                    score.bytesPerOp().isPresent() ? Numbers.grouped(Math.rint(score.bytesPerOp().getAsDouble()))
                            : "not profiled");
        }
        return text.append(table.render()).toString();
    }
}
