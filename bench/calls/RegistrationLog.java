import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imscore.aka.Milenage;

/**
 * Reads the message log of a SIPp registration run of the call benchmark ({@code register.xml} with
 * {@code -trace_msg}) and says, for each user of the run's injection file, whether it registered:
 *
 * <pre>
 *   registered USER
 *   defect USER RAND ... gives RES ...     SIPp 3.6.1 sent a wrong answer: RES holds 0x00 (run it again)
 *   failed USER WHY                        anything else: a fault of the core or of the run
 * </pre>
 *
 * SIPp 3.6.1 uses RES as a C string for the digest, so a RES with a 0x00 byte (about 3 % of RANDs for an 8-byte RES)
 * gives a wrong response (fixed in SIPp 3.7). A failed registration is blamed on that only when RES, recomputed with
 * Milenage from K, OP and a RAND of the nonces the user was sent (RFC 3310 3.2: RAND is the first 16 bytes of the
 * nonce), holds 0x00.
 *
 * <p>Usage: {@code java -cp imscore.jar RegistrationLog.java MESSAGE_LOG USERS_CSV K_HEX OP_HEX}; USERS_CSV is the
 * injection file (first field the user part; a first line SEQUENTIAL or RANDOM is skipped).
 */
public final class RegistrationLog {

  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
  private static final Pattern TO_USER = Pattern.compile("(?im)^(?:To|t):[^\\n]*?sips?:([^@;>\\s]+)@");
  private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i):\\s*(\\S+)");
  private static final Pattern CSEQ = Pattern.compile("(?im)^CSeq:\\s*(\\d+)\\s+(\\w+)");
  private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");

  /** What one Call-ID of the log saw: its user, the responses it received, the RANDs of its challenges. */
  private static final class Exchange {
    String user;
    final List<Integer> statuses = new ArrayList<>();
    final List<byte[]> rands = new ArrayList<>();
    boolean registered;
  }

  private RegistrationLog() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: RegistrationLog MESSAGE_LOG USERS_CSV K_HEX OP_HEX");
      System.exit(2);
    }
    Path log = Path.of(args[0]);
    List<String> users = users(Path.of(args[1]));
    Milenage milenage = Milenage.withOp(HEX.parseHex(args[2]), HEX.parseHex(args[3]));
    Map<String, List<Exchange>> byUser = byUser(Files.exists(log)
        ? Files.readString(log, StandardCharsets.ISO_8859_1) : "");
    for (String user : users) {
      System.out.println(verdict(user, byUser.getOrDefault(user, List.of()), milenage));
    }
  }

  private static String verdict(String user, List<Exchange> exchanges, Milenage milenage) {
    if (exchanges.isEmpty()) {
      return "failed " + user + " no REGISTER of this user in the log";
    }
    if (exchanges.stream().anyMatch(e -> e.registered)) {
      return "registered " + user;
    }
    for (Exchange e : exchanges) {
      for (byte[] rand : e.rands) {
        byte[] res = milenage.f2(rand);
        for (byte b : res) {
          if (b == 0) {
            return "defect " + user + " RAND " + HEX.formatHex(rand) + " gives RES " + HEX.formatHex(res);
          }
        }
      }
    }
    List<Integer> statuses = exchanges.stream().flatMap(e -> e.statuses.stream()).toList();
    return "failed " + user + " responses " + (statuses.isEmpty() ? "none" : statuses);
  }

  /** Splits the log at SIPp's separator lines and groups what was received by Call-ID, then by user. */
  private static Map<String, List<Exchange>> byUser(String text) {
    Map<String, Exchange> byCallId = new LinkedHashMap<>();
    for (String block : text.split("(?m)^-{20,}[^\\n]*\\n")) {
      int blank = block.indexOf('\n');
      if (blank < 0) {
        continue;
      }
      String direction = block.substring(0, blank);
      String message = block.substring(blank + 1).stripLeading();
      Matcher callId = CALL_ID.matcher(message);
      Matcher to = TO_USER.matcher(message);
      if (!callId.find() || !to.find()) {
        continue;
      }
      Exchange exchange = byCallId.computeIfAbsent(callId.group(1), id -> new Exchange());
      exchange.user = to.group(1);
      if (direction.contains("received")) {
        received(exchange, message);
      }
    }
    Map<String, List<Exchange>> byUser = new LinkedHashMap<>();
    byCallId.values().forEach(e -> byUser.computeIfAbsent(e.user, u -> new ArrayList<>()).add(e));
    return byUser;
  }

  private static void received(Exchange exchange, String message) {
    Matcher status = STATUS.matcher(message);
    Matcher cseq = CSEQ.matcher(message);
    if (!status.find() || !cseq.find() || !cseq.group(2).equalsIgnoreCase("REGISTER")) {
      return;
    }
    int code = Integer.parseInt(status.group(1));
    exchange.statuses.add(code);
    if (code >= 200 && code < 300) {
      exchange.registered = true;
    }
    Matcher nonce = NONCE.matcher(message);
    while (nonce.find()) {
      try {
        byte[] decoded = Base64.getDecoder().decode(nonce.group(1));
        if (decoded.length >= 32) {
          exchange.rands.add(Arrays.copyOf(decoded, 16));
        }
      } catch (IllegalArgumentException notBase64) {
        // Not an AKA nonce: nothing to recompute.
      }
    }
  }

  private static List<String> users(Path csv) throws IOException {
    List<String> users = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.ISO_8859_1)) {
      String user = line.split(";", 2)[0].trim();
      if (!user.isEmpty() && !user.equals("SEQUENTIAL") && !user.equals("RANDOM") && !user.startsWith("#")) {
        users.add(user);
      }
    }
    return users;
  }
}
