package org.imscore.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A latency-only benchmark ({@code bench/registration}): one duration per line in {@code samples.csv} (a header
 * line, then milliseconds), and beside it the {@code summary.md} the run wrote, whose fenced lines say how many
 * were timed and on what machine.
 *
 * @param samplesMs every duration, sorted (at least one)
 * @param runNotes  the lines of the summary's fenced block (what ran, on what machine), or none
 */
public record LatencySamples(List<Double> samplesMs, List<String> runNotes) {

    public LatencySamples {
        samplesMs = samplesMs.stream().sorted().toList();
        if (samplesMs.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        runNotes = List.copyOf(runNotes);
    }

    /** Reads {@code samples.csv} and, when there, {@code summary.md} of a results folder. */
    public static LatencySamples read(Path results) throws ResultsException {
        Path csv = results.resolve("samples.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResultsException(csv, "no such file");
        } catch (IOException e) {
            throw new ResultsException(csv, "cannot be read (" + e.getMessage() + ")");
        }
        List<Double> samples = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            double ms;
            try {
                ms = Double.parseDouble(line);
            } catch (NumberFormatException e) {
                ms = Double.NaN;
            }
            if (!Double.isFinite(ms) || ms < 0) {
                throw new ResultsException(csv, "line " + (i + 1) + ": \"" + line + "\" is not a duration in ms");
            }
            samples.add(ms);
        }
        if (samples.isEmpty()) {
            throw new ResultsException(csv, "has no samples (a header line, then one duration in ms per line)");
        }
        return new LatencySamples(samples, fencedLines(results.resolve("summary.md")));
    }

    public int count() {
        return samplesMs.size();
    }

    /** Nearest-rank percentile (the one bench/registration prints), {@code p} in percent. */
    public double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * samplesMs.size());
        return samplesMs.get(Math.max(0, rank - 1));
    }

    public double min() {
        return samplesMs.get(0);
    }

    public double max() {
        return samplesMs.get(samplesMs.size() - 1);
    }

    private static List<String> fencedLines(Path summary) {
        try {
            if (!Files.isRegularFile(summary)) {
                return List.of();
            }
            List<String> inside = new ArrayList<>();
            boolean fenced = false;
            for (String line : Files.readAllLines(summary, StandardCharsets.UTF_8)) {
                if (line.startsWith("```")) {
                    fenced = !fenced;
                } else if (fenced && !line.isBlank()) {
                    inside.add(line.strip());
                }
            }
            return inside;
        } catch (IOException e) {
            return List.of();
        }
    }
}
