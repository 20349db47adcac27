package org.imscore.testkit.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A loopback capture with tshark (Wireshark's command-line tool), and its decoding afterwards: an
 * independent reading of what our SIP and Diameter stacks put on the wire.
 *
 * <p>{@link #start} returns empty where tshark is missing or may not capture here, with the reason in
 * {@link #unavailableReason()}, so a test can skip (never silently pass) on such a machine.
 */
public final class TsharkCapture implements AutoCloseable {

  private static final String BINARY = "tshark";

  private final Process process;
  private final Path file;

  private TsharkCapture(Process process, Path file) {
    this.process = process;
    this.file = file;
  }

  /** True when a {@code tshark} binary is on the PATH. */
  public static boolean installed() {
    try {
      Process p = new ProcessBuilder(BINARY, "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static volatile String unavailable = "";

  /** Why the last {@link #start} returned empty. */
  public static String unavailableReason() {
    return unavailable;
  }

  /**
   * Starts capturing on the loopback interface into {@code file} with a capture filter such as
   * {@code "tcp port 3868"}, and waits until tshark says it captures.
   */
  public static Optional<TsharkCapture> start(String captureFilter, Path file) {
    if (!installed()) {
      unavailable = "tshark is not installed (./run-tests installs it)";
      return Optional.empty();
    }
    try {
      Process tshark = new ProcessBuilder(BINARY, "-i", "lo", "-f", captureFilter, "-w", file.toString())
          .redirectErrorStream(true)
          .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(tshark.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> awaitCapturing(out));
      String failure = started.get(20, TimeUnit.SECONDS);
      if (failure != null) {
        tshark.destroy();
        unavailable = "tshark cannot capture on lo here: " + failure.strip();
        return Optional.empty();
      }
      // Keep draining its output so that it never blocks on a full pipe.
      Thread.ofVirtual().start(() -> out.lines().forEach(line -> { }));
      awaitFileStarted(file);
      return Optional.of(new TsharkCapture(tshark, file));
    } catch (IOException | ExecutionException | TimeoutException e) {
      unavailable = "tshark did not start capturing: " + e;
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable = "interrupted";
      return Optional.empty();
    }
  }

  /**
   * tshark says "Capturing on" a moment before its capture filter is live; the first packets of a
   * conversation (the Diameter CER, say) would be lost on a busy machine. The file header is written
   * once the capture runs, so wait for it, then a little more.
   */
  private static void awaitFileStarted(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && size(file) == 0) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String awaitCapturing(BufferedReader out) {
    StringBuilder seen = new StringBuilder();
    try {
      for (String line; (line = out.readLine()) != null; ) {
        seen.append(line).append('\n');
        if (line.contains("Capturing on")) {
          return null;
        }
      }
    } catch (IOException e) {
      seen.append(e);
    }
    return seen.toString();
  }

  public Path file() {
    return file;
  }

  /** Stops capturing, leaving a moment for the last packets to be written. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      Thread.sleep(300);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /**
   * Decodes the capture file verbosely ({@code -V}), reading the given extra tshark arguments first
   * (for example {@code "-d", "tcp.port==3868,diameter"} to decode a port that is not the default).
   */
  public String decodeVerbose(String... extraArguments) {
    return read(file, "-V", extraArguments);
  }

  /** Decodes the capture with {@code -T fields -e FIELD ...}, one line per packet. */
  public List<String> fields(List<String> extraArguments, String... fieldNames) {
    List<String> arguments = new ArrayList<>(extraArguments);
    arguments.add("-T");
    arguments.add("fields");
    for (String name : fieldNames) {
      arguments.add("-e");
      arguments.add(name);
    }
    return read(file, null, arguments.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).toList();
  }

  /** Every line of a verbose decoding that reports a problem: malformed packets and expert errors. */
  public static List<String> problems(String verboseDecoding) {
    return verboseDecoding.lines()
        .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("malformed")
            || l.contains("Expert Info (Error"))
        .toList();
  }

  /** AVP lines tshark could not name: a dictionary of ours that Wireshark's does not share. */
  public static List<String> unknownAvps(String verboseDecoding) {
    return verboseDecoding.lines().filter(l -> l.contains("AVP Code:") && l.contains("Unknown")).toList();
  }

  private static String read(Path capture, String mode, String... arguments) {
    List<String> command = new ArrayList<>(List.of(BINARY, "-r", capture.toString()));
    command.addAll(List.of(arguments));
    if (mode != null) {
      command.add(mode);
    }
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("tshark did not finish reading " + capture);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while tshark read " + capture, e);
    }
  }
}
