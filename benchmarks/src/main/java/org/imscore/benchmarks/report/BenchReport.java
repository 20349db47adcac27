package org.imscore.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code bench/report}: writes the report page of every benchmark's latest results.
 *
 * <pre>
 * BenchReport [--bench DIR] [--out FILE] [--plots DIR] [--jmh DIR]
 *   --bench  the bench folder (default bench)
 *   --out    the page (default BENCH/REPORT.md)
 *   --plots  the folder of the plots (default report-plots beside the page)
 *   --jmh    the results of bench/jmh/run (default BENCH/jmh/results)
 * </pre>
 * Exit status: 0 when every result present was read and every plot drawn; 1 when one was not (the page is still
 * written and names it); 2 for a wrong argument.
 */
public final class BenchReport {

    private BenchReport() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Clock.systemUTC(), System.out, System.err));
    }

    static int run(String[] args, Clock clock, PrintStream out, PrintStream err) {
        ReportPage.Paths paths;
        try {
            paths = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench/report: " + e.getMessage());
            err.println("usage: bench/report [--bench DIR] [--out FILE] [--plots DIR] [--jmh DIR]");
            return 2;
        }
        ReportPage.Written written;
        try {
            written = new ReportPage(paths, clock).write();
        } catch (IOException e) {
            err.println("bench/report: cannot write " + paths.page() + " or its plots: " + e.getMessage());
            return 1;
        }
        out.println("bench/report: wrote " + written.page() + " and " + written.plots().size() + " plot(s) in "
                + paths.plots());
        written.problems().forEach(problem -> err.println("bench/report: " + problem));
        return written.problems().isEmpty() ? 0 : 1;
    }

    static ReportPage.Paths parse(String[] args) {
        Path bench = Path.of("bench");
        Path out = null;
        Path plots = null;
        Path jmh = null;
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String option = list.get(i);
            if (option.equals("-h") || option.equals("--help")) {
                throw new IllegalArgumentException("writes the report page of every benchmark's latest results");
            }
            if (i + 1 >= list.size()) {
                throw new IllegalArgumentException("unknown argument or missing value: " + option);
            }
            Path value = Path.of(list.get(++i));
            switch (option) {
                case "--bench" -> bench = value;
                case "--out" -> out = value;
                case "--plots" -> plots = value;
                case "--jmh" -> jmh = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        Path page = out != null ? out : bench.resolve("REPORT.md");
        Path pageFolder = page.toAbsolutePath().getParent();
        return new ReportPage.Paths(bench, jmh != null ? jmh : bench.resolve("jmh").resolve("results"), page,
                plots != null ? plots : pageFolder.resolve("report-plots"));
    }
}
