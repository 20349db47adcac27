package org.imscore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.server.Main;
import org.imscore.server.api.ApiFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code imscore subscriber import} against a real API on a free port: a good file is imported whole, in batches;
 * a file with any bad line imports nothing and lists its errors by line number (the whole file is checked first).
 */
class SubscriberImportTest {

  private static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
  private static final String K = "8baf473f2f8fd09487cccbd7097c6862";
  private static final String OP = "cdc202d5123e20f62b6d676ac72cb318";
  private static final String OPC = "8e27b6af0e692e750f32667a3b14605d";

  private static ApiFixture api;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    api = new ApiFixture();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void empty() {
    api.clear();
  }

  private record Run(int exit, String out, String err) {}

  private Run importFile(Path file, String... extra) {
    List<String> args = new ArrayList<>(List.of("subscriber", "import", "--api", api.url(), file.toString()));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private Path csv(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "subscribers", ".csv");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  private static String impi(int n) {
    return String.format("0010100%08d@%s", n, REALM);
  }

  @Test
  void aLargeFileIsImportedWholeInBatches() throws IOException {
    List<String> lines = new ArrayList<>(List.of("impi,impu,k,op"));
    for (int n = 0; n < 2500; n++) {
      lines.add(impi(n) + ",sip:" + n + "@" + REALM + "," + K + "," + OP);
    }

    Run run = importFile(csv(lines.toArray(String[]::new)));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("imported 2500 subscribers from ").contains("/s)").contains("after checking them");
    assertThat(api.store.count()).isEqualTo(2500);
    Subscriber last = api.store.find(impi(2499)).orElseThrow();
    assertThat(last.auth().op()).isEqualTo(OP);
    assertThat(last.auth().amf()).isEqualTo("8000");
    assertThat(last.sqn()).isZero();
  }

  @Test
  void everyColumnAndFormIsRead() throws IOException {
    Path file = csv(
        "# provisioned for the lab",
        "",
        "IMPU , impi, k, opc, op, amf, sqn, password",
        "sip:alice@" + REALM + " tel:+15550001, alice@" + REALM + ", " + K.toUpperCase() + ", " + OPC + ",, 8001, 96,"
            + " \"pa,ss \"\"word\"\" \"",
        "sip:bob@" + REALM + ",bob@" + REALM + "," + K + ",," + OP + ",,,");
    Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));

    Run run = importFile(file, "--batch-size", "1");

    assertThat(run.exit()).as(run.err()).isZero();
    Subscriber alice = api.store.find("alice@" + REALM).orElseThrow();
    assertThat(alice.publicIdentities()).extracting(p -> p.uri()).containsExactly("sip:alice@" + REALM, "tel:+15550001");
    assertThat(alice.implicitSetOf("tel:+15550001")).hasSize(2);
    assertThat(alice.auth().k()).isEqualTo(K);
    assertThat(alice.auth().opc()).isEqualTo(OPC);
    assertThat(alice.auth().amf()).isEqualTo("8001");
    assertThat(alice.sqn()).isEqualTo(96);
    assertThat(alice.auth().password()).isEqualTo("pa,ss \"word\" ");
    Subscriber bob = api.store.find("bob@" + REALM).orElseThrow();
    assertThat(bob.auth().op()).isEqualTo(OP);
    assertThat(bob.auth().password()).isNull();
  }

  @Test
  void aFileWithBadLinesImportsNothingAndSaysWhatToFixOnWhichLine() throws IOException {
    api.provisioning.create(org.imscore.server.run.DemoSubscribers.ALICE.spec(REALM));
    Path file = csv(
        "impi,impu,k,op,sqn",
        impi(1) + ",sip:1@" + REALM + "," + K + "," + OP + ",",
        impi(2) + ",sip:2@" + REALM + ",12345," + OP + ",",
        impi(3) + ",sip:3@" + REALM + "," + K + ",",
        ",sip:4@" + REALM + "," + K + "," + OP + ",",
        impi(1) + ",sip:5@" + REALM + "," + K + "," + OP + ",",
        impi(6) + ",sip:1@" + REALM + "," + K + "," + OP + ",",
        impi(7) + ",sip:alice@" + REALM + "," + K + "," + OP + ",",
        impi(8) + ",sip:8@" + REALM + "," + K + "," + OP + ",lots",
        impi(9) + ",sip:9@" + REALM + "," + K + ",\"" + OP + ",",
        impi(10) + ",mailto:10@" + REALM + "," + K + "," + OP + ",",
        impi(11) + ",sip:11@" + REALM + "," + K + "," + OP + ",");

    Run run = importFile(file);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).containsExactly(
        "error: line 3: k must be exactly 32 hex digits (0-9, a-f), got \"12345\"",
        "error: line 4: 4 fields where the header names 5 (impi,impu,k,op,sqn)",
        "error: line 5: impi is empty",
        "error: line 6: impi " + impi(1) + " is already on line 2; each subscriber once",
        "error: line 7: impu sip:1@" + REALM + " is already on line 2; a public identity belongs to one subscriber",
        "error: line 8: sip:alice@" + REALM + " is already provisioned; delete it or choose another identity",
        "error: line 9: sqn must be a whole number, got \"lots\"",
        "error: line 10: a quoted field is not closed: end it with \" (a quote inside is written \"\")",
        "error: line 11: impu \"mailto:10@" + REALM + "\" is not a valid sip:, sips: or tel: URI,"
            + " e.g. sip:alice@ims.mnc001.mcc001.3gppnetwork.org or tel:+15550001",
        "9 lines have errors; nothing was imported: fix them and run the import again");
    assertThat(api.store.count()).isEqualTo(1);
  }

  @Test
  void onlyTheFirstErrorsAreListed() throws IOException {
    List<String> lines = new ArrayList<>(List.of("impi,impu,k,op"));
    for (int n = 0; n < 30; n++) {
      lines.add(impi(n) + ",sip:" + n + "@" + REALM + ",nothex," + OP);
    }

    Run run = importFile(csv(lines.toArray(String[]::new)));

    assertThat(run.exit()).isEqualTo(1);
    List<String> err = run.err().lines().toList();
    assertThat(err).hasSize(SubscriberImport.ERRORS_SHOWN + 2);
    assertThat(err.get(0)).startsWith("error: line 2: k must be exactly 32 hex digits");
    assertThat(err.get(SubscriberImport.ERRORS_SHOWN)).isEqualTo("... and 10 more");
    assertThat(err.get(SubscriberImport.ERRORS_SHOWN + 1)).startsWith("30 lines have errors; nothing was imported");
    assertThat(api.store.count()).isZero();
  }

  @Test
  void aBadHeaderStopsAtOnce() throws IOException {
    Run unknown = importFile(csv("impi,impu,kay,op", impi(1) + ",sip:1@" + REALM + "," + K + "," + OP));
    Run noK = importFile(csv("impi,impu,op", impi(1) + ",sip:1@" + REALM + "," + OP));
    Run noOp = importFile(csv("impi,impu,k", impi(1) + ",sip:1@" + REALM + "," + K));
    Run twice = importFile(csv("impi,impu,k,op,K"));
    Run empty = importFile(csv("# nothing here"));
    Run headerOnly = importFile(csv("impi,impu,k,op"));

    assertThat(unknown.err()).startsWith("error: line 1: unknown column \"kay\" in the header; columns are impi,"
        + " impu, k, op, opc, amf, sqn, password");
    assertThat(noK.err()).startsWith("error: line 1: the header has no column k");
    assertThat(noOp.err()).startsWith("error: line 1: the header has neither column op nor opc");
    assertThat(twice.err()).startsWith("error: line 1: column k is named twice in the header");
    assertThat(empty.err()).startsWith("error: line 1: no header line");
    for (Run run : List.of(unknown, noK, noOp, twice, empty)) {
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("nothing was imported");
    }
    assertThat(headerOnly.exit()).isZero();
    assertThat(headerOnly.out()).contains("nothing to import");
    assertThat(api.store.count()).isZero();
  }

  @Test
  void aMissingFileOrABadBatchSizeIsSaidPlainly() throws IOException {
    Run missing = importFile(dir.resolve("nowhere.csv"));
    Run badSize = importFile(csv("impi,impu,k,op"), "--batch-size", "5000");
    Path latin1 = dir.resolve("latin1.csv");
    Files.write(latin1, ("impi,impu,k,op\nj\u00f6rg@" + REALM + ",sip:j@" + REALM + "," + K + "," + OP + "\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    Run notUtf8 = importFile(latin1);

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip()).isEqualTo("error: " + dir.resolve("nowhere.csv") + ": no such file");
    assertThat(badSize.exit()).isEqualTo(2);
    assertThat(badSize.err()).contains("--batch-size must be 1 to 1000, got 5000");
    assertThat(notUtf8.exit()).isEqualTo(1);
    assertThat(notUtf8.err()).contains("is not UTF-8 text");
  }
}
