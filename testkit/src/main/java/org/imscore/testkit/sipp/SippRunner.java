package org.imscore.testkit.sipp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imscore.testkit.FreePorts;

/**
 * Runs the SIPp binary (Debian package {@code sip-tester}) with a scenario and reports what it did.
 *
 * <p>Each run gets its own working folder so that SIPp's trace and statistics files of parallel or
 * successive runs never mix. SIPp runs with {@code -nostdin} and a global {@code -timeout}, and the
 * process is killed if it outlives that by a margin: a test can fail but never hang.
 */
public final class SippRunner {

  private static final String BINARY = "sipp";

  private final Path workDir;

  public SippRunner(Path workDir) {
    this.workDir = Objects.requireNonNull(workDir);
  }

  /** True when a {@code sipp} binary is on the PATH. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder(BINARY, "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A scenario shipped as a class-path resource under {@code /sipp/}, e.g. {@code "options.xml"}. */
  public Path scenario(String resourceName) {
    try (InputStream in = SippRunner.class.getResourceAsStream("/sipp/" + resourceName)) {
      if (in == null) {
        throw new IllegalArgumentException("no SIPp scenario resource /sipp/" + resourceName);
      }
      Files.createDirectories(workDir);
      Path file = workDir.resolve(resourceName);
      Files.write(file, in.readAllBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an injection file ({@code -inf}) with SIPp's {@code SEQUENTIAL} header. */
  public Path injectionFile(String name, List<String> rows) {
    try {
      Files.createDirectories(workDir);
      Path file = workDir.resolve(name);
      List<String> lines = new ArrayList<>();
      lines.add("SEQUENTIAL");
      lines.addAll(rows);
      Files.write(file, lines, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs SIPp against {@code target} and waits for it.
   *
   * @param scenario the scenario file
   * @param target where SIPp sends its first message
   * @param calls how many calls ({@code -m})
   * @param timeout SIPp's global timeout; the process is killed a few seconds after it
   * @param extraArgs further SIPp arguments, e.g. {@code "-t", "t1"} or {@code "-inf", file}
   */
  public SippResult run(
      Path scenario, InetSocketAddress target, int calls, Duration timeout, String... extraArgs) {
    Path runDir = newRunDir();
    Path stats = runDir.resolve("stats.csv");
    Path errors = runDir.resolve("errors.log");
    List<String> command = new ArrayList<>(List.of(
        BINARY,
        target.getHostString() + ":" + target.getPort(),
        "-sf", scenario.toAbsolutePath().toString(),
        "-i", "127.0.0.1",
        // A port chosen here rather than -p 0: with 0, SIPp 3.6.1 binds a random port but still
        // writes 5060 into [local_port], so answers would go astray. A later -p in extraArgs wins.
        "-p", Integer.toString(FreePorts.udpAndTcp()),
        "-m", Integer.toString(calls),
        "-nostdin",
        "-timeout", timeout.toSeconds() + "s",
        "-timeout_error",
        "-trace_err", "-error_file", errors.toString(),
        "-trace_stat", "-stf", stats.toString(), "-fd", "1"));
    command.addAll(List.of(extraArgs));
    try {
      Process process = new ProcessBuilder(command)
          .directory(runDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(runDir.resolve("output.log").toFile())
          .start();
      if (!process.waitFor(timeout.toSeconds() + 10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      Map<String, String> last = lastStatistics(stats);
      return new SippResult(
          process.exitValue(),
          counter(last, "SuccessfulCall(C)"),
          counter(last, "FailedCall(C)"),
          last,
          readIfPresent(errors),
          readIfPresent(runDir.resolve("output.log")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while SIPp ran", e);
    }
  }

  private Path newRunDir() {
    try {
      Files.createDirectories(workDir);
      return Files.createTempDirectory(workDir, "sipp-run-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cumulative columns of the statistics file's last line (SIPp separates with ';'). */
  static Map<String, String> lastStatistics(Path stats) throws IOException {
    if (!Files.exists(stats)) {
      return Map.of();
    }
    List<String> lines;
    try (Stream<String> all = Files.lines(stats, StandardCharsets.ISO_8859_1)) {
      lines = all.filter(l -> !l.isBlank()).toList();
    }
    if (lines.size() < 2) {
      return Map.of();
    }
    String[] names = lines.get(0).split(";", -1);
    String[] values = lines.get(lines.size() - 1).split(";", -1);
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(names.length, values.length); i++) {
      if (!names[i].isEmpty()) {
        columns.put(names[i], values[i]);
      }
    }
    return columns;
  }

  private static long counter(Map<String, String> columns, String name) {
    String value = columns.get(name);
    if (value == null || value.isBlank()) {
      return 0;
    }
    return Long.parseLong(value.trim());
  }

  private static String readIfPresent(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
  }
}
