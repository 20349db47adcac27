package org.imscore.testkit.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * What a SIPp run sent and received, read back from the file it writes with {@code -trace_msg -message_file FILE}
 * and parsed with our own {@link SipParser}: the messages a SIPp peer saw on the wire, in order, for the checks a
 * scenario cannot make (comparing with the core's addresses, counting what arrived).
 *
 * <p>SIPp 3.6.1 writes each message as a line of dashes and the local time, then
 * "{@code UDP message received [N] bytes :}" or "{@code UDP message sent (N bytes):}" (TCP and TLS alike), an empty
 * line, the N bytes of the message and a newline. N delimits the message, not the next line of dashes, so a body
 * cannot cut an entry short. What SIPp writes between entries for itself (over TCP, e.g.
 * "{@code Problem EAGAIN on socket 6 and poll_idx is 1}") is not a message and is passed over. A retransmission
 * is an entry of its own, as it was a datagram of its own.
 */
public final class SippMessageLog {

  /** Whether SIPp sent the message or received it. */
  public enum Direction { SENT, RECEIVED }

  /**
   * One logged message.
   *
   * @param direction sent or received by SIPp
   * @param transport as SIPp names it: UDP, TCP, TLS
   * @param time SIPp's timestamp on the dashed line, as written (local time)
   * @param message the message, parsed
   */
  public record Entry(Direction direction, String transport, String time, SipMessage message) {
  }

  /**
   * The two lines and the empty line before each message. Later SIPp versions write "bytes:" where 3.6.1 writes
   * "bytes :", and mark their 3PCC twin messages "UDP control message ...", which are not SIP on the wire and do
   * not match.
   */
  private static final Pattern ENTRY = Pattern.compile(
      "(?m)^-{20,} ([^\n]*)\n(\\w+) message (?:received \\[(\\d+)] bytes ?|sent \\((\\d+) bytes\\)):\n\n");

  private final Path file;
  private final List<Entry> entries;

  private SippMessageLog(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads and parses every message of a SIPp message log, in the order SIPp wrote them.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalArgumentException naming the file and line, if an entry is cut short or a message does not parse
   */
  public static SippMessageLog read(Path file) {
    String log;
    try {
      // One char per byte, so that SIPp's byte counts are char counts.
      log = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SIPp message log " + file, e);
    }
    List<Entry> entries = new ArrayList<>();
    Matcher m = ENTRY.matcher(log);
    int from = 0;
    while (m.find(from)) {
      boolean received = m.group(3) != null;
      int length = Integer.parseInt(received ? m.group(3) : m.group(4));
      int end = m.end() + length;
      if (end > log.length()) {
        throw malformed(file, log, m.start(), "the entry announces " + length + " bytes but the file ends after "
            + (log.length() - m.end()) + " (SIPp still writing, or stopped while it wrote)");
      }
      if (end < log.length() && log.charAt(end) != '\n') {
        throw malformed(file, log, m.start(), "the " + length + " bytes the entry announces are not followed by the"
            + " newline that ends an entry (SIPp writes a message only up to a 0x00 byte in it)");
      }
      String text = log.substring(m.end(), end);
      SipParseResult parsed = SipParser.parse(text.getBytes(StandardCharsets.ISO_8859_1));
      if (!parsed.isSuccess()) {
        throw malformed(file, log, m.start(), "SIPp logged a message that does not parse: "
            + parsed.error().orElseThrow() + "\n" + text);
      }
      Direction direction = received ? Direction.RECEIVED : Direction.SENT;
      entries.add(new Entry(direction, m.group(2), m.group(1).strip(), parsed.message()));
      from = end;
    }
    return new SippMessageLog(file, entries);
  }

  private static IllegalArgumentException malformed(Path file, String log, int offset, String why) {
    long line = 1 + log.substring(0, offset).chars().filter(c -> c == '\n').count();
    return new IllegalArgumentException(file + ", line " + line + ": " + why);
  }

  public Path file() {
    return file;
  }

  /** Every logged message, sent and received, in order. */
  public List<Entry> entries() {
    return entries;
  }

  /** The messages SIPp received, in order. */
  public List<SipMessage> received() {
    return messages(Direction.RECEIVED);
  }

  /** The requests with {@code method} (e.g. {@link SipRequest#INVITE}) that SIPp received, in order. */
  public List<SipRequest> received(String method) {
    return requests(Direction.RECEIVED, method);
  }

  /** The responses with {@code statusCode} that SIPp received, in order. */
  public List<SipResponse> receivedResponses(int statusCode) {
    return responses(Direction.RECEIVED, statusCode);
  }

  /** The messages SIPp sent, in order. */
  public List<SipMessage> sent() {
    return messages(Direction.SENT);
  }

  /** The requests with {@code method} that SIPp sent, in order. */
  public List<SipRequest> sent(String method) {
    return requests(Direction.SENT, method);
  }

  /** The responses with {@code statusCode} that SIPp sent, in order. */
  public List<SipResponse> sentResponses(int statusCode) {
    return responses(Direction.SENT, statusCode);
  }

  private List<SipMessage> messages(Direction direction) {
    return entries.stream().filter(e -> e.direction() == direction).map(Entry::message).toList();
  }

  private List<SipRequest> requests(Direction direction, String method) {
    return messages(direction).stream()
        .filter(m -> m instanceof SipRequest r && r.isMethod(method)).map(SipRequest.class::cast).toList();
  }

  private List<SipResponse> responses(Direction direction, int statusCode) {
    return messages(direction).stream()
        .filter(m -> m instanceof SipResponse r && r.statusCode() == statusCode).map(SipResponse.class::cast).toList();
  }

  @Override
  public String toString() {
    return "SIPp message log " + file + " (" + entries.size() + " messages)";
  }
}
