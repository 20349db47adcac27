package org.imscore.testkit.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The messages SIPp wrote to its message trace ({@code -trace_msg -message_file FILE}): each block starts with
 * a line of dashes and a timestamp, then "UDP message received [N] bytes :" or "... sent (N bytes):", a blank
 * line and the message.
 */
record SippMessageLog(List<Entry> entries) {

  /** One traced message. */
  record Entry(boolean received, String text) {

    String startLine() {
      return text.lines().findFirst().orElse("");
    }

    /** The header lines named {@code name} (case-insensitive, long form), in order. */
    List<String> headers(String name) {
      String prefix = name.toLowerCase() + ":";
      return text.lines().takeWhile(l -> !l.isBlank())
          .filter(l -> l.toLowerCase().startsWith(prefix)).toList();
    }
  }

  static SippMessageLog read(Path file) {
    String all;
    try {
      all = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("no SIPp message trace at " + file, e);
    }
    List<Entry> entries = new ArrayList<>();
    for (String block : all.split("(?m)^-{20,}[^\n]*\n")) {
      int header = block.indexOf('\n');
      if (header < 0 || !block.contains(" message ")) {
        continue;
      }
      String first = block.substring(0, header);
      boolean received = first.contains(" message received");
      String text = block.substring(header + 1).stripLeading();
      entries.add(new Entry(received, text));
    }
    return new SippMessageLog(List.copyOf(entries));
  }

  /** The first message received whose start line starts with {@code prefix} ("REGISTER", "SIP/2.0 200"). */
  Optional<Entry> firstReceived(String prefix) {
    return entries.stream().filter(e -> e.received() && e.startLine().startsWith(prefix)).findFirst();
  }

  List<Entry> allReceived(String prefix) {
    return entries.stream().filter(e -> e.received() && e.startLine().startsWith(prefix)).toList();
  }
}
