package org.imscore.testkit.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.aka.Milenage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SippAkaRunsTest {

  private static final String K = "a1b2c3d4e5f60718293a4b5c6d7e8f91";
  private static final String OP = "cdc202d5123e20f62b6d676ac72cb318";
  private static final SippResult FAILED = new SippResult(1, 0, 1, Map.of(), "", "");
  private static final SippResult PASSED = new SippResult(0, 1, 0, Map.of(), "", "");

  @TempDir Path work;

  @Test
  void aRandWhoseResHoldsAZeroByteIsNamedAndOthersAreNot() {
    byte[] zero = rand(true);
    byte[] clean = rand(false);
    Path log = log(List.of(clean, zero));

    List<String> defective = SippAkaRuns.zeroByteRes(log, K, OP);

    assertThat(defective).singleElement().asString().startsWith("RAND " + HexFormat.of().formatHex(zero));
  }

  @Test
  void onlyAFailureCausedBySippsDefectIsRunAgain() {
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger cleared = new AtomicInteger();

    SippAkaRuns.Outcome outcome = SippAkaRuns.run(3, work, K, OP, messages -> {
      write(messages, List.of(rand(runs.incrementAndGet() == 1)));
      return runs.get() == 1 ? FAILED : PASSED;
    }, cleared::incrementAndGet);

    assertThat(runs).hasValue(2);
    assertThat(cleared).hasValue(1);
    assertThat(outcome.result().allCallsSucceeded()).isTrue();
    assertThat(outcome.defective()).hasSize(1);
    assertThat(outcome.defectOnly()).isFalse();
  }

  @Test
  void anyOtherFailureIsReturnedAtOnce() {
    AtomicInteger runs = new AtomicInteger();

    SippAkaRuns.Outcome outcome = SippAkaRuns.run(3, work, K, OP, messages -> {
      runs.incrementAndGet();
      write(messages, List.of(rand(false)));
      return FAILED;
    }, () -> { });

    assertThat(runs).hasValue(1);
    assertThat(outcome.result().allCallsSucceeded()).isFalse();
    assertThat(outcome.defectOnly()).isFalse();
  }

  @Test
  void threeDefectiveRunsInARowAreReportedAsTheDefectOnly() {
    SippAkaRuns.Outcome outcome = SippAkaRuns.run(3, work, K, OP, messages -> {
      write(messages, List.of(rand(true)));
      return FAILED;
    }, () -> { });

    assertThat(outcome.defectOnly()).isTrue();
    assertThat(outcome.defective()).hasSize(3);
  }

  /** A RAND whose RES (f2 for K, OP) holds a 0x00 byte, or one whose RES does not; drawn with a fixed seed. */
  private static byte[] rand(boolean withZeroByte) {
    Milenage milenage = Milenage.withOp(HexFormat.of().parseHex(K), HexFormat.of().parseHex(OP));
    Random random = new Random(withZeroByte ? 7 : 11);
    while (true) {
      byte[] rand = new byte[16];
      random.nextBytes(rand);
      boolean zero = false;
      for (byte b : milenage.f2(rand)) {
        zero |= b == 0;
      }
      if (zero == withZeroByte) {
        return rand;
      }
    }
  }

  private Path log(List<byte[]> rands) {
    Path log = work.resolve("messages.log");
    write(log, rands);
    return log;
  }

  /** What SIPp's -message_file shows of a 401: the nonce is base64(RAND || AUTN). */
  private static void write(Path log, List<byte[]> rands) {
    List<String> lines = new ArrayList<>();
    for (byte[] rand : rands) {
      byte[] nonce = new byte[32];
      System.arraycopy(rand, 0, nonce, 0, 16);
      lines.add("WWW-Authenticate: Digest realm=\"ims.test\", nonce=\""
          + Base64.getEncoder().encodeToString(nonce) + "\", algorithm=AKAv1-MD5, qop=\"auth\"");
    }
    try {
      Files.write(log, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
