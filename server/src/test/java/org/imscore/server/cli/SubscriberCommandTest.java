package org.imscore.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.server.Main;
import org.imscore.server.api.ApiFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The subscriber commands as users run them, against a real API on a free port. */
class SubscriberCommandTest {

  private static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
  private static final String IMPI = "001010000000001@" + REALM;
  private static final String K = "8baf473f2f8fd09487cccbd7097c6862";
  private static final String OPC = "8e27b6af0e692e750f32667a3b14605d";

  private ApiFixture api;

  @BeforeEach
  void start() {
    api = new ApiFixture();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run add(String... extra) {
    String[] base = {
      "subscriber", "add", "--api", api.url(), "--impi", IMPI,
      "--impu", "sip:alice@" + REALM, "--impu", "tel:+15550001", "--k", K, "--opc", OPC
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return run(all);
  }

  @Test
  void addShowListSetDeregisterDelete() {
    Run added = add("--amf", "8000", "--sqn", "96", "--password", "secret");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("created " + IMPI + " with sip:alice@" + REALM + " (NOT_REGISTERED), tel:+15550001");
    Subscriber stored = api.store.find(IMPI).orElseThrow();
    assertThat(stored.sqn()).isEqualTo(96);
    assertThat(stored.auth().password()).isEqualTo("secret");
    assertThat(stored.implicitSetOf("tel:+15550001")).hasSize(2);

    Run shown = run("subscriber", "show", "--api", api.url(), IMPI);
    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).contains("\"impi\" : \"" + IMPI + "\"").contains("\"opc\" : \"" + OPC + "\"");

    Run listed = run("subscriber", "list", "--api", api.url());
    assertThat(listed.exit()).isZero();
    assertThat(listed.out()).contains(IMPI + "  sip:alice@" + REALM).contains("S-CSCF -").contains("subscribers 1-1 of 1");

    Run set = run("subscriber", "set", "--api", api.url(), IMPI, "--op", "00112233445566778899aabbccddeeff", "--impu", "sip:alice2@" + REALM);
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).contains("changed " + IMPI);
    stored = api.store.find(IMPI).orElseThrow();
    assertThat(stored.auth().op()).isEqualTo("00112233445566778899aabbccddeeff");
    assertThat(stored.auth().opc()).isNull();
    assertThat(stored.publicIdentities()).extracting(p -> p.uri()).containsExactly("sip:alice2@" + REALM);

    Run deregistered = run("subscriber", "deregister", "--api", api.url(), IMPI);
    assertThat(deregistered.exit()).isZero();
    assertThat(deregistered.out()).contains("deregistered " + IMPI);

    Run deleted = run("subscriber", "delete", "--api", api.url(), IMPI);
    assertThat(deleted.exit()).isZero();
    assertThat(deleted.out()).contains("deleted " + IMPI);
    assertThat(api.store.find(IMPI)).isEmpty();
    assertThat(run("subscriber", "list", "--api", api.url()).out()).contains("no subscribers");
  }

  @Test
  void badValuesAreRefusedWithWhatToFix() {
    Run badK = add("--k", "1234");
    assertThat(badK.exit()).isEqualTo(2);
    assertThat(badK.err()).contains("--k");

    Run shortK = run("subscriber", "add", "--api", api.url(), "--impi", IMPI, "--impu", "sip:a@" + REALM, "--k", "1234", "--opc", OPC);
    assertThat(shortK.exit()).isEqualTo(1);
    assertThat(shortK.err()).contains("error: k must be exactly 32 hex digits");

    Run badImpu = run("subscriber", "add", "--api", api.url(), "--impi", IMPI, "--impu", "alice", "--k", K, "--opc", OPC);
    assertThat(badImpu.exit()).isEqualTo(1);
    assertThat(badImpu.err()).contains("impu \"alice\" is not a valid sip:, sips: or tel: URI");

    Run bothKeys = run("subscriber", "add", "--api", api.url(), "--impi", IMPI, "--impu", "sip:a@" + REALM, "--k", K, "--opc", OPC, "--op", OPC);
    assertThat(bothKeys.exit()).isEqualTo(2);
    assertThat(bothKeys.err()).contains("mutually exclusive");

    Run noKey = run("subscriber", "add", "--api", api.url(), "--impi", IMPI, "--impu", "sip:a@" + REALM, "--k", K);
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("--opc").contains("--op");

    Run badSqn = add("--sqn", "lots");
    assertThat(badSqn.exit()).isEqualTo(2);
    assertThat(badSqn.err()).contains("--sqn").contains("lots");

    Run nothing = run("subscriber", "set", "--api", api.url(), IMPI);
    assertThat(nothing.exit()).isEqualTo(1);
    assertThat(nothing.err()).contains("nothing to change");

    assertThat(api.store.count()).isZero();
  }

  @Test
  void duplicatesAndUnknownSubscribersAreReported() {
    assertThat(add().exit()).isZero();

    Run again = add();
    Run missing = run("subscriber", "show", "--api", api.url(), "nobody@" + REALM);
    Run missingDelete = run("subscriber", "delete", "--api", api.url(), "nobody@" + REALM);

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("error: " + IMPI + " is already provisioned");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("error: no subscriber with IMPI nobody@" + REALM);
    assertThat(missingDelete.exit()).isEqualTo(1);
  }

  @Test
  void aServerThatIsNotRunningIsSaidPlainly() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;

    Run list = run("subscriber", "list", "--api", url);

    assertThat(list.exit()).isEqualTo(1);
    assertThat(list.err().strip())
        .isEqualTo("error: cannot reach the imscore API at " + url + ": is `imscore run` (or `imscore hss`) running?");
  }
}
