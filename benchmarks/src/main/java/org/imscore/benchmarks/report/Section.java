package org.imscore.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One benchmark's part of the report page: its latest results, or why there are none. */
sealed interface Section {

    /** The benchmark's name, its folder under bench/. */
    String name();

    /** Its figures against the targets set for it (none for a benchmark that only measures). */
    List<Check> checks();

    /** The section as markdown, from its heading on. */
    String markdown();

    /** No results yet: the benchmark has not run here, or its results are not checked in. */
    record NotRun(String name, String expectedFile) implements Section {

        @Override
        public List<Check> checks() {
            return IssueTargets.of(name).stream().map(Target::notRun).toList();
        }

        @Override
        public String markdown() {
            return "## " + name + "\n\nNot run yet: `" + expectedFile + "` does not exist (run `bench/" + name
                    + "/run`).\n";
        }
    }

    /** Results that are there but cannot be read. */
    record Unreadable(String name, String file, String problem) implements Section {

        @Override
        public List<Check> checks() {
            return IssueTargets.of(name).stream()
                    .map(target -> new Check(target.text(), "results unreadable", Outcome.NOT_MEASURED))
                    .toList();
        }

        @Override
        public String markdown() {
            return "## " + name + "\n\n**Could not read** `" + file + "`: " + problem + ".\n";
        }
    }

    /** A plot on the page: drawn, or why not. */
    sealed interface Plot {

        /** @param link the PNG, relative to the page */
        record Drawn(String link) implements Plot {
        }

        record NotDrawn(String why) implements Plot {
        }
    }

    /** A stepped-rate benchmark's latest run, and its plot. */
    record Stepped(String name, BenchmarkRun run, Plot plot) implements Section {

        @Override
        public List<Check> checks() {
            return IssueTargets.of(name).stream().map(target -> target.check(run)).toList();
        }

        @Override
        public String markdown() {
            StringBuilder text = new StringBuilder("## ").append(name).append("\n\n");
            if (run.smoke()) {
                text.append("> Smoke run: a few seconds on a cold server, to show that the benchmark works; ")
                        .append("not a measurement.\n\n");
            }
            text.append("- date: ").append(run.date()).append('\n')
                    .append("- machine: ").append(run.machine().describe()).append('\n')
                    .append("- command: `").append(run.command()).append("`\n")
                    .append("- latency: ").append(run.latency()).append('\n')
                    .append("- a step passes with no failure, p99 under ").append(Numbers.ms(run.p99LimitMs()))
                    .append(" ms and at least 95 % of the rate achieved; each series stops at its first failing step\n")
                    .append("- **sustained** (highest rate of a passing step): ").append(sustained()).append("\n\n");
            List<Check> checks = checks();
            if (!checks.isEmpty()) {
                MarkdownTable targets = new MarkdownTable("target", "measured", "verdict");
                checks.forEach(check -> targets.row(check.target(), check.measured(), check.outcome().text()));
                text.append(targets.render()).append('\n');
            }
            switch (plot) {
                case Plot.Drawn drawn -> text.append("![").append(name).append(": latency against achieved rate](")
                        .append(drawn.link()).append(")\n\n");
                case Plot.NotDrawn notDrawn -> text.append("Plot not drawn: ").append(notDrawn.why()).append(".\n\n");
            }
            return text.append(stepTable()).toString();
        }

        private String sustained() {
            if (run.sustained().isEmpty()) {
                return "none recorded";
            }
            return run.sustained().entrySet().stream()
                    .map(entry -> entry.getKey() + " " + (entry.getValue() > 0
                            ? Numbers.grouped(entry.getValue()) + " " + run.unit() : "none (no step passed)"))
                    .collect(Collectors.joining(", "));
        }

        private String stepTable() {
            MarkdownTable table = new MarkdownTable("series", "rate (" + run.unit() + ")",
                    "achieved (" + run.unit() + ")", "attempted", "failed", "p50 (ms)", "p99 (ms)", "CPU (%)",
                    "verdict").rightAligned(1, 2, 3, 4, 5, 6, 7);
            List<Step> ordered = new ArrayList<>();
            run.series().forEach(series -> ordered.addAll(run.stepsOf(series)));
            for (Step step : ordered) {
                table.row(step.series(), Numbers.grouped(step.ratePerS()), Numbers.grouped(step.achievedPerS()),
                        Numbers.grouped(step.attempted()), Numbers.grouped(step.failed()), Numbers.ms(step.p50Ms()),
                        Numbers.ms(step.p99Ms()),
                        step.cpuPct().isPresent() ? Numbers.grouped(step.cpuPct().getAsDouble()) : "n/a",
                        step.passed() ? step.verdict() : "**" + step.verdict() + "**");
            }
            return table.render();
        }
    }

    /** A latency-only benchmark: durations of single operations, no rate steps. */
    record Latency(String name, LatencySamples samples, String source) implements Section {

        @Override
        public List<Check> checks() {
            return IssueTargets.of(name).stream()
                    .map(target -> new Check(target.text(), "latency only, no rate measured", Outcome.NOT_MEASURED))
                    .toList();
        }

        @Override
        public String markdown() {
            StringBuilder text = new StringBuilder("## ").append(name).append("\n\n")
                    .append("Latency only, one operation at a time (no rate steps), from `").append(source)
                    .append("`; this benchmark records no date or command line.\n\n");
            samples.runNotes().forEach(note -> text.append("- ").append(note).append('\n'));
            if (!samples.runNotes().isEmpty()) {
                text.append('\n');
            }
            MarkdownTable table = new MarkdownTable("samples", "median (ms)", "p90 (ms)", "p99 (ms)", "min (ms)",
                    "max (ms)").rightAligned(0, 1, 2, 3, 4, 5);
            table.row(Integer.toString(samples.count()), Numbers.ms(samples.percentile(50)),
                    Numbers.ms(samples.percentile(90)), Numbers.ms(samples.percentile(99)), Numbers.ms(samples.min()),
                    Numbers.ms(samples.max()));
            return text.append(table.render()).toString();
        }
    }
}
