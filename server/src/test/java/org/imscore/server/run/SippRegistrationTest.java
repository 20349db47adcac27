package org.imscore.server.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.testkit.FreePorts;
import org.imscore.testkit.sipp.ScenarioTemplate;
import org.imscore.testkit.sipp.SippAkaRuns;
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
  void akaRegistrationRefreshAndDeregistrationOverUdp() throws Exception {
    registerWithAka("u1");
  }

  @Test
  void akaRegistrationRefreshAndDeregistrationOverTcp() throws Exception {
    registerWithAka("t1");
  }

  private void registerWithAka(String mode) throws IOException, InterruptedException {
    DemoSubscribers.Demo alice = DemoSubscribers.ALICE;
    SippRunner sipp = new SippRunner(work.resolve("aka-" + mode));
    Path inf = sipp.injectionFile("aka.csv", List.of(alice.user() + ";" + domain));
    Path scenario = ScenarioTemplate.render(sipp.scenario("ims-register-aka.xml"), Map.of("IMPI",
        alice.impi(domain), "K", alice.k(), "OP", alice.op(), "AMF", alice.amf()),
        work.resolve("aka-" + mode + ".xml"));
    // SIPp 3.6.1 cannot answer a RES that holds a 0x00 byte: only such a run is repeated, after clearing a
    // binding it may have left (SIPp's port differs per run) as an operator would.
    SippAkaRuns.Outcome outcome = SippAkaRuns.run(3, work, alice.k(), alice.op(),
        messages -> sipp.run(scenario, core.pcscfAddress(), 1, TIMEOUT, "-t", mode, "-inf", inf.toString(),
            "-auth_uri", domain, "-trace_msg", "-message_file", messages.toString()),
        () -> clearRegistration(alice));
    Assumptions.assumeFalse(outcome.defectOnly(), () -> "SIPp 3.6.1 cannot answer a RES containing 0x00"
        + " (fixed in 3.7), three runs in a row: " + outcome.defective());
    assertThat(outcome.result().allCallsSucceeded()).as(outcome.result().describe()).isTrue();
    // De-registered at the end: the HSS was told (SAR USER_DEREGISTRATION). The S-CSCF may answer the
    // REGISTER before the SAA is back, so the HSS's state is awaited rather than read at once.
    awaitHssState(alice, RegistrationState.NOT_REGISTERED);
    assertThat(core.registeredContacts(alice.impu(domain))).isEmpty();
  }

  @Test
  void md5DigestRegistrationThenDeregistrationByTheHss() throws Exception {
    DemoSubscribers.Demo bob = DemoSubscribers.BOB;
    SippRunner sipp = new SippRunner(work.resolve("md5"));
    Path inf = sipp.injectionFile("md5.csv", List.of(bob.user() + ";" + domain));
    Path scenario = ScenarioTemplate.render(sipp.scenario("ims-register-md5.xml"), Map.of("IMPI",
        bob.impi(domain), "PASSWORD", bob.password()), work.resolve("md5.xml"));

    int bobPort = FreePorts.udpAndTcp();
    SippResult result = sipp.run(scenario, core.pcscfAddress(), 1, TIMEOUT, "-inf", inf.toString(),
        "-auth_uri", domain, "-p", Integer.toString(bobPort));

    assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
    assertThat(core.provisioning().get(bob.impi(domain)).stateOf(bob.impu(domain)))
        .isEqualTo(RegistrationState.REGISTERED);
    assertThat(core.registeredContacts(bob.impu(domain))).singleElement().asString().startsWith("sip:bob@");
    // Registered at the P-CSCF too: a request from bob's registered flow is admitted and routed through the
    // S-CSCF to the I-CSCF, whose LIR finds no such user (404); any other sender gets 403 from the P-CSCF.
    assertThat(UdpExchange.exchange(core.pcscfAddress(), UdpExchange.message("bob", "nobody", domain), bobPort))
        .startsWith("SIP/2.0 404");
    assertThat(UdpExchange.exchange(core.pcscfAddress(), UdpExchange.message("bob", "nobody", domain)))
        .isEqualTo("SIP/2.0 403 Forbidden - Not registered");

    // The operator withdraws the registration: the HSS sends RTR, the S-CSCF drops the bindings, answers RTA and
    // NOTIFYs the P-CSCF (its reg-event subscription), which drops its binding: bob may send nothing any more.
    core.provisioning().deregister(bob.impi(domain));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String status = "";
    while (System.nanoTime() < deadline) {
      status = UdpExchange.exchange(core.pcscfAddress(), UdpExchange.message("bob", "nobody", domain), bobPort);
      if (status.startsWith("SIP/2.0 403")) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(status).isEqualTo("SIP/2.0 403 Forbidden - Not registered");
    assertThat(core.registeredContacts(bob.impu(domain))).isEmpty();
  }

  private void awaitHssState(DemoSubscribers.Demo user, RegistrationState expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline
        && core.provisioning().get(user.impi(domain)).stateOf(user.impu(domain)) != expected) {
      Thread.sleep(20);
    }
    assertThat(core.provisioning().get(user.impi(domain)).stateOf(user.impu(domain))).isEqualTo(expected);
  }

  private void clearRegistration(DemoSubscribers.Demo user) {
    if (core.provisioning().get(user.impi(domain)).stateOf(user.impu(domain)) != RegistrationState.NOT_REGISTERED) {
      core.provisioning().deregister(user.impi(domain));
      try {
        awaitHssState(user, RegistrationState.NOT_REGISTERED);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
