package org.imscore.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The report page: the latest results of every benchmark under a bench folder on one markdown page, with a rate
 * against latency plot per stepped-rate benchmark and the JMH table.
 *
 * <p>A benchmark is a folder {@code bench/NAME} with {@code results/results.json} (stepped rates, the keys bench/
 * shares) or {@code results/samples.csv} (latency only). The benchmarks with targets come first, in a fixed
 * order, and are reported "not run yet" when they have no results; any other with results follows by name.
 * A results file that cannot be read is named on the page with what is wrong, and the rest of the page is still
 * written.
 */
public final class ReportPage {

    /** The benchmarks always on the page, in this order, with or without results. */
    static final List<String> KNOWN = List.of(IssueTargets.REGISTER, IssueTargets.CALLS,
            IssueTargets.PROXY_VS_KAMAILIO, "registration");
    static final String RESULTS_JSON = "results/results.json";
    static final String SAMPLES_CSV = "results/samples.csv";
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * Where the report reads and writes.
     *
     * @param bench the bench folder with one folder per benchmark
     * @param jmh   the results folder of {@code bench/jmh/run}
     * @param page  the markdown page to write
     * @param plots the folder the plots go into, one {@code NAME.png} per stepped-rate benchmark
     */
    public record Paths(Path bench, Path jmh, Path page, Path plots) {
    }

    /**
     * What was written.
     *
     * @param plots    the plots drawn
     * @param problems each results file that could not be read and each plot that could not be drawn, in words
     */
    public record Written(Path page, List<Path> plots, List<String> problems) {
    }

    private final Paths paths;
    private final Clock clock;

    public ReportPage(Paths paths, Clock clock) {
        this.paths = paths;
        this.clock = clock;
    }

    /** Reads every benchmark's results, draws the plots and writes the page. */
    public Written write() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        for (String name : benchmarks()) {
            sections.add(section(name, plots, problems));
        }
        String jmh = jmhSection(problems);
        StringBuilder text = new StringBuilder("# Benchmark report\n\n")
                .append("Generated ").append(GENERATED.format(clock.instant())).append(" by `bench/report` from the ")
                .append("latest results of each benchmark under `bench/` (see `bench/report.md`). Each section says ")
                .append("when, where and how its figures were measured; on a shared machine, read them with the ")
                .append("load average beside them.\n\n")
                .append("## Against the targets\n\n")
                .append(targetTable(sections)).append('\n');
        sections.forEach(section -> text.append(section.markdown()).append('\n'));
        text.append(jmh);
        Path folder = paths.page().toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Files.writeString(paths.page(), text.toString(), StandardCharsets.UTF_8);
        return new Written(paths.page(), List.copyOf(plots), List.copyOf(problems));
    }

    /** The known benchmarks, then any other folder with results, by name. */
    List<String> benchmarks() throws IOException {
        Set<String> names = new LinkedHashSet<>(KNOWN);
        if (Files.isDirectory(paths.bench())) {
            try (Stream<Path> folders = Files.list(paths.bench())) {
                folders.filter(folder -> Files.isRegularFile(folder.resolve(RESULTS_JSON))
                                || Files.isRegularFile(folder.resolve(SAMPLES_CSV)))
                        .map(folder -> folder.getFileName().toString())
                        .sorted()
                        .forEach(names::add);
            }
        }
        return List.copyOf(names);
    }

    private Section section(String name, List<Path> plots, List<String> problems) {
        Path folder = paths.bench().resolve(name);
        Path results = folder.resolve(RESULTS_JSON);
        Path samples = folder.resolve(SAMPLES_CSV);
        try {
            if (Files.exists(results)) {
                BenchmarkRun run = ResultsJson.read(results);
                return stepped(name, run, plots, problems);
            }
            if (Files.exists(samples)) {
                return new Section.Latency(name, LatencySamples.read(samples.getParent()), shown(samples));
            }
        } catch (ResultsException e) {
            problems.add(shown(e.file()) + ": " + e.problem());
            return new Section.Unreadable(name, shown(e.file()), e.problem());
        }
        return new Section.NotRun(name, shown(results));
    }

    private Section stepped(String name, BenchmarkRun run, List<Path> plots, List<String> problems) {
        Path png = paths.plots().resolve(name + ".png");
        try {
            RateLatencyPlot.of(run).write(png);
        } catch (IOException | RuntimeException | Error e) {
            // Java2D reports a machine without fonts (no fontconfig) with an Error: the page is still worth having.
            String why = e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (Java2D needs fontconfig and a font, e.g. apt-get install fontconfig fonts-dejavu-core)";
            problems.add(shown(png) + ": plot not drawn: " + why);
            return new Section.Stepped(name, run, new Section.Plot.NotDrawn(why));
        }
        plots.add(png);
        return new Section.Stepped(name, run, new Section.Plot.Drawn(link(png)));
    }

    private String jmhSection(List<String> problems) {
        StringBuilder text = new StringBuilder("## JMH micro-benchmarks\n\n");
        Path result = paths.jmh().resolve(JmhResults.RESULT_FILE);
        if (!Files.exists(result)) {
            return text.append("Not run yet: `").append(shown(result))
                    .append("` does not exist (run `bench/jmh/run`).\n").toString();
        }
        try {
            return text.append(JmhTable.markdown(JmhResults.read(paths.jmh()))).toString();
        } catch (ResultsException e) {
            problems.add(shown(e.file()) + ": " + e.problem());
            return text.append("**Could not read** `").append(shown(e.file())).append("`: ").append(e.problem())
                    .append(".\n").toString();
        }
    }

    private static String targetTable(List<Section> sections) {
        MarkdownTable table = new MarkdownTable("benchmark", "target", "measured", "verdict");
        for (Section section : sections) {
            for (Check check : section.checks()) {
                table.row(section.name(), check.target(), check.measured(), check.outcome().text());
            }
        }
        return table.render();
    }

    /** A file as the page names it: from the folder that holds bench/ (e.g. bench/calls/results/results.json). */
    private String shown(Path file) {
        Path root = Optional.ofNullable(paths.bench().toAbsolutePath().normalize().getParent())
                .orElse(paths.bench().toAbsolutePath());
        Path absolute = file.toAbsolutePath().normalize();
        return (absolute.startsWith(root) ? root.relativize(absolute) : absolute).toString().replace('\\', '/');
    }

    /** A link from the page to a file. */
    private String link(Path file) {
        Path from = paths.page().toAbsolutePath().normalize().getParent();
        return from.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
