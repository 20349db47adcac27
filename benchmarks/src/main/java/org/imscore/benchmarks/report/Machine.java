package org.imscore.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The machine a benchmark ran on, as its results record it.
 *
 * @param cpus               CPUs the operating system offered
 * @param cpuModel           the model name of the first CPU ({@code /proc/cpuinfo}), or empty
 * @param loadAverageAtStart the 1, 5 and 15 minute load averages when the run started, or empty
 * @param loadAverageAtEnd   the same when the run ended, or empty
 */
public record Machine(int cpus, String cpuModel, String loadAverageAtStart, String loadAverageAtEnd) {

    /** "2 CPUs (AMD EPYC), load average 0.52 0.61 0.70 at the start, 3.74 4.12 4.47 at the end". */
    public String describe() {
        StringBuilder text = new StringBuilder().append(cpus).append(cpus == 1 ? " CPU" : " CPUs");
        if (!cpuModel.isBlank()) {
            text.append(" (").append(cpuModel).append(')');
        }
        if (!loadAverageAtStart.isBlank()) {
            text.append(", load average ").append(loadAverageAtStart).append(" at the start")
                    .append(loadAverageAtEnd.isBlank() ? "" : ", " + loadAverageAtEnd + " at the end");
        } else if (!loadAverageAtEnd.isBlank()) {
            text.append(", load average ").append(loadAverageAtEnd).append(" at the end");
        }
        return text.toString();
    }

    /** This machine now, read from {@code /proc} where there is one, with the load at the start as given. */
    public static Machine current(String loadAverageAtStart) {
        String model = read(Path.of("/proc/cpuinfo"))
                .flatMap(info -> info.lines().filter(line -> line.startsWith("model name")).findFirst())
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .orElse("");
        String load = read(Path.of("/proc/loadavg"))
                .map(text -> Arrays.stream(text.strip().split("\\s+")).limit(3).collect(Collectors.joining(" ")))
                .orElse("");
        return new Machine(Runtime.getRuntime().availableProcessors(), model, loadAverageAtStart, load);
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isReadable(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
