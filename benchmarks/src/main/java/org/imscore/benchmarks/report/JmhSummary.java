package org.imscore.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The last step of {@code bench/jmh/run}: beside JMH's JSON result, records when, where and how it ran
 * ({@code run.json}) and writes {@code summary.md}.
 *
 * <pre>JmhSummary --results DIR --command "bench/jmh/run ..." [--load-at-start "0.52 0.61 0.70"] [--smoke]</pre>
 */
public final class JmhSummary {

    private JmhSummary() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Clock.systemUTC(), System.out, System.err));
    }

    static int run(String[] args, Clock clock, PrintStream out, PrintStream err) {
        Path results = null;
        String command = null;
        boolean smoke = false;
        String loadAtStart = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--results" -> results = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--command" -> command = i + 1 < args.length ? args[++i] : null;
                case "--load-at-start" -> loadAtStart = i + 1 < args.length ? args[++i] : "";
                case "--smoke" -> smoke = true;
                default -> {
                    err.println("JmhSummary: unknown argument " + args[i]);
                    return 2;
                }
            }
        }
        if (results == null || command == null) {
            err.println("usage: JmhSummary --results DIR --command COMMAND [--load-at-start LOAD] [--smoke]");
            return 2;
        }
        try {
            write(results, new JmhResults.RunInfo(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), smoke,
                    Machine.current(loadAtStart), command));
            out.println("bench/jmh/run: wrote " + results.resolve(JmhResults.SUMMARY_FILE));
            return 0;
        } catch (ResultsException e) {
            err.println("bench/jmh/run: " + e.getMessage());
        } catch (IOException e) {
            err.println("bench/jmh/run: cannot write into " + results + ": " + e.getMessage());
        }
        return 1;
    }

    /** Writes run.json, then summary.md from JMH's result and it. */
    static void write(Path results, JmhResults.RunInfo run) throws IOException, ResultsException {
        // Read JMH's result first: a run that wrote none must not leave a run.json that claims one.
        JmhResults.read(results);
        JmhResults.writeRunInfo(results, run);
        Files.writeString(results.resolve(JmhResults.SUMMARY_FILE),
                "# JMH micro-benchmarks\n\n" + JmhTable.markdown(JmhResults.read(results)), StandardCharsets.UTF_8);
    }
}
