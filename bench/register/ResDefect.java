import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imscore.aka.Milenage;

/**
 * Tells SIPp 3.6.1's RES defect apart from refusals of the core, for bench/register/run:
 *
 * <pre>java -cp imscore.jar ResDefect.java K OP REFUSED_LOG DEFECT_OUT</pre>
 *
 * REFUSED_LOG holds one line per registration whose authenticated REGISTER the core refused, with the nonce
 * SIPp answered ({@code nonce="..."}: RAND||AUTN in base64, TS 33.203 §6.1, RFC 3310 §3.2). RES is recomputed
 * from K, OP and each RAND (Milenage f2, TS 35.206); a RES holding a 0x00 byte is one SIPp 3.6.1 cuts short at that
 * byte (it handles RES as a C string), so its digest response is wrong through no fault of the core. Writes those
 * lines to DEFECT_OUT and prints their count; the other refusals are the core's.
 */
public final class ResDefect {

  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: ResDefect K OP REFUSED_LOG DEFECT_OUT");
      System.exit(2);
    }
    HexFormat hex = HexFormat.of();
    Milenage milenage = Milenage.withOp(hex.parseHex(args[0]), hex.parseHex(args[1]));
    List<String> defective = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[2]))) {
      Matcher m = NONCE.matcher(line);
      if (!m.find()) {
        continue;
      }
      byte[] nonce = Base64.getDecoder().decode(m.group(1));
      if (nonce.length < 32) {
        continue;
      }
      byte[] rand = Arrays.copyOf(nonce, 16);
      byte[] res = milenage.f2(rand);
      for (byte b : res) {
        if (b == 0) {
          defective.add(line.strip() + " RAND " + hex.formatHex(rand) + " RES " + hex.formatHex(res));
          break;
        }
      }
    }
    Files.write(Path.of(args[3]), defective);
    System.out.println(defective.size());
  }
}
