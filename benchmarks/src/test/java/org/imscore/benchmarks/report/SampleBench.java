package org.imscore.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/** The test data of src/test/resources, and runs made in code for the cases the files do not cover. */
final class SampleBench {

    private SampleBench() {
    }

    /** A test resource as a file. */
    static Path resource(String name) {
        try {
            return Path.of(SampleBench.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }

    /** A copy of bench-sample/ as {@code into/bench}, so a test may change it. */
    static Path copyInto(Path into) throws IOException {
        Path from = resource("bench-sample");
        Path bench = into.resolve("bench");
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                Path to = bench.resolve(from.relativize(file).toString());
                try {
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return bench;
    }

    static Step step(String series, double rate, double achieved, long failed, double p50, double p99,
                     String verdict) {
        return new Step(series, rate, achieved, Math.round(rate * 10), failed, p50, p99, OptionalDouble.of(50),
                verdict);
    }

    static BenchmarkRun run(String name, boolean smoke, Map<String, Double> sustained, List<Step> steps) {
        return new BenchmarkRun(name, "2026-11-21T08:00:00Z", smoke, new Machine(2, "Test CPU", "", "0.10 0.20 0.30"),
                "bench/" + name + "/run", "calls/s", "INVITE to 200", sustained, steps, 50, OptionalDouble.empty());
    }
}
