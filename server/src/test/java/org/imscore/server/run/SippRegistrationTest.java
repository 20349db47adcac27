package org.imscore.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imscore.aka.Milenage;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.testkit.sipp.ScenarioTemplate;
import org.imscore.testkit.sipp.SippResult;
import org.imscore.testkit.sipp.SippRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp, an independent UE with its own Milenage and digest code, registers through the whole core: all four
 * functions in this JVM, each on its own loopback sockets (SIPp -> P-CSCF -> I-CSCF (UAR) -> S-CSCF (MAR, SAR) ->
 * HSS over Diameter). The subscribers are the demo ones, so the credentials {@code imscore run --demo} prints are
 * the ones proven here. The MD5 test ends with an HSS-initiated de-registration: RTR to the S-CSCF, reg-event NOTIFY
 * to the P-CSCF, and the P-CSCF refusing the user's next request.
 */
class SippRegistrationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final HexFormat HEX = HexFormat.of();

  @TempDir
  static Path work;
  static Core core;
  static String domain;

  @BeforeAll
  static void start() {
    assumeTrue(SippRunner.available(), "sipp is not installed (run ./run-tests, which installs it)");
    core = Core.start(CoreConfig.ephemeral());
    domain = core.domain();
    DemoSubscribers.provision(core.provisioning(), domain);
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
  }

  @Test
  void akaRegistrationRefreshAndDeregistrationOverUdp() throws IOException {
    registerWithAka("u1");
  }

  @Test
  void akaRegistrationRefreshAndDeregistrationOverTcp() throws IOException {
    registerWithAka("t1");
  }

  private void registerWithAka(String mode) throws IOException {
    DemoSubscribers.Demo alice = DemoSubscribers.ALICE;
    SippRunner sipp = new SippRunner(work.resolve("aka-" + mode));
    Path inf = sipp.injectionFile("aka.csv", List.of(alice.user() + ";" + domain));
    Path scenario = ScenarioTemplate.render(sipp.scenario("ims-register-aka.xml"), Map.of("IMPI",
        alice.impi(domain), "K", alice.k(), "OP", alice.op(), "AMF", alice.amf()),
        work.resolve("aka-" + mode + ".xml"));
    Path messages = work.resolve("aka-" + mode + "-messages.log");

    SippResult result = sipp.run(scenario, core.pcscfAddress(), 1, TIMEOUT,
        "-t", mode, "-inf", inf.toString(), "-auth_uri", domain,
        "-trace_msg", "-message_file", messages.toString());

    if (!result.allCallsSucceeded()) {
      skipIfResHasZeroByte(messages, alice);
    }
    assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
    // De-registered at the end: the HSS was told (SAR USER_DEREGISTRATION).
    assertThat(core.provisioning().get(alice.impi(domain)).stateOf(alice.impu(domain)))
        .isEqualTo(RegistrationState.NOT_REGISTERED);
    assertThat(core.registeredContacts(alice.impu(domain))).isEmpty();
  }

  @Test
  void md5DigestRegistrationThenDeregistrationByTheHss() throws Exception {
    DemoSubscribers.Demo bob = DemoSubscribers.BOB;
    SippRunner sipp = new SippRunner(work.resolve("md5"));
    Path inf = sipp.injectionFile("md5.csv", List.of(bob.user() + ";" + domain));
    Path scenario = ScenarioTemplate.render(sipp.scenario("ims-register-md5.xml"), Map.of("IMPI",
        bob.impi(domain), "PASSWORD", bob.password()), work.resolve("md5.xml"));

    SippResult result = sipp.run(scenario, core.pcscfAddress(), 1, TIMEOUT, "-inf", inf.toString(),
        "-auth_uri", domain);

    assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
    assertThat(core.provisioning().get(bob.impi(domain)).stateOf(bob.impu(domain)))
        .isEqualTo(RegistrationState.REGISTERED);
    assertThat(core.registeredContacts(bob.impu(domain))).singleElement().asString().startsWith("sip:bob@");
    // Registered at the P-CSCF too: a request from bob's host is admitted and routed to the S-CSCF, which has no
    // session routing yet (501); an unregistered sender would get 403 from the P-CSCF.
    assertThat(UdpExchange.exchange(core.pcscfAddress(), UdpExchange.message("bob", "alice", domain)))
        .startsWith("SIP/2.0 501");

    // The operator withdraws the registration: the HSS sends RTR, the S-CSCF drops the bindings, answers RTA and
    // NOTIFYs the P-CSCF (its reg-event subscription), which drops its binding: bob may send nothing any more.
    core.provisioning().deregister(bob.impi(domain));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      status = UdpExchange.exchange(core.pcscfAddress(), UdpExchange.message("bob", "alice", domain));
      if (status.startsWith("SIP/2.0 403")) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(status).isEqualTo("SIP/2.0 403 Forbidden - Not registered");
    assertThat(core.registeredContacts(bob.impu(domain))).isEmpty();
  }

  /**
   * SIPp 3.6.1 uses RES as a C string, so a RES with a 0x00 byte gives a wrong digest response (fixed in 3.7).
   * RES is recomputed from K, OP and each RAND our core sent; when one has a 0x00 byte the run proves nothing
   * about the core and the test is skipped, saying so; otherwise the failure stands.
   */
  private static void skipIfResHasZeroByte(Path messages, DemoSubscribers.Demo user) throws IOException {
    if (!Files.exists(messages)) {
      return;
    }
    Milenage milenage = Milenage.withOp(HEX.parseHex(user.k()), HEX.parseHex(user.op()));
    List<String> defective = new ArrayList<>();
    Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(Files.readString(messages));
    while (m.find()) {
      byte[] nonce = Base64.getDecoder().decode(m.group(1));
      if (nonce.length < 32) {
        continue;
      }
      byte[] rand = java.util.Arrays.copyOf(nonce, 16);
      byte[] res = milenage.f2(rand);
      for (byte b : res) {
        if (b == 0) {
          defective.add("RAND " + HEX.formatHex(rand) + " gives RES " + HEX.formatHex(res));
          break;
        }
      }
    }
    Assumptions.assumeTrue(defective.isEmpty(), () -> "SIPp 3.6.1 cannot answer a RES containing 0x00 (fixed in"
        + " 3.7); this run does not test the core: " + defective);
  }
}
