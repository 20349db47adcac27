package org.imscore.testkit.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imscore.aka.Milenage;

/**
 * SIPp runs that answer AKA challenges, told apart from SIPp 3.6.1's own defect: it uses RES as a C string,
 * so a RES holding a 0x00 byte (about 3 % of RANDs) gives a wrong digest response (fixed in SIPp 3.7).
 *
 * <p>A failed run is blamed on that defect only when RES, recomputed from K, OP and each RAND in the nonces
 * the run received, holds a 0x00 byte; only such a run is repeated. Any other failure is returned as it is.
 */
public final class SippAkaRuns {

  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

  /**
   * The last run and the RANDs that SIPp could not answer in the runs before it.
   *
   * @param result the last run: successful, or failed for a reason of the core's
   * @param defective one line per RAND whose RES holds 0x00, across every repeated run
   * @param defectOnly true when the last run too failed only through SIPp's defect
   */
  public record Outcome(SippResult result, List<String> defective, boolean defectOnly) {

    public Outcome {
      defective = List.copyOf(defective);
    }
  }

  private SippAkaRuns() {
  }

  /**
   * Runs {@code run} (given a fresh message-log path to pass as {@code -message_file}) up to {@code tries} times
   * while its failures are SIPp's RES defect, calling {@code beforeRetry} before each repetition so that a
   * half-done registration of the failed run can be cleared.
   */
  public static Outcome run(int tries, Path workDir, String kHex, String opHex, Function<Path, SippResult> run,
      Runnable beforeRetry) {
    List<String> defective = new ArrayList<>();
    SippResult result = null;
    for (int attempt = 1; attempt <= tries; attempt++) {
      if (attempt > 1) {
        beforeRetry.run();
      }
      Path log = workDir.resolve("sipp-messages-" + System.nanoTime() + ".log");
      result = run.apply(log);
      if (result.allCallsSucceeded()) {
        return new Outcome(result, defective, false);
      }
      List<String> zeroByteRes = zeroByteRes(log, kHex, opHex);
      if (zeroByteRes.isEmpty()) {
        return new Outcome(result, defective, false);
      }
      defective.addAll(zeroByteRes);
    }
    return new Outcome(result, defective, true);
  }

  /** The RANDs of a SIPp message log whose RES, for this K and OP, holds a 0x00 byte. */
  public static List<String> zeroByteRes(Path messageLog, String kHex, String opHex) {
    if (!Files.exists(messageLog)) {
      return List.of();
    }
    Milenage milenage = Milenage.withOp(HEX.parseHex(kHex), HEX.parseHex(opHex));
    List<String> defective = new ArrayList<>();
    Matcher m;
    try {
      m = NONCE.matcher(Files.readString(messageLog));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    while (m.find()) {
      byte[] nonce;
      try {
        nonce = Base64.getDecoder().decode(m.group(1));
      } catch (IllegalArgumentException notBase64) {
        continue;
      }
      if (nonce.length < 32) {
        continue;
      }
      byte[] rand = Arrays.copyOf(nonce, 16);
      byte[] res = milenage.f2(rand);
      for (byte b : res) {
        if (b == 0) {
          defective.add("RAND " + HEX.formatHex(rand) + " gives RES " + HEX.formatHex(res));
          break;
        }
      }
    }
    return defective;
  }
}
