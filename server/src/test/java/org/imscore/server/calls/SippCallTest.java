package org.imscore.server.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.server.run.DemoSubscribers;
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
 * Two independent UEs, both SIPp with its own AKA, call each other through the whole core over UDP: bob registers
 * and waits as a UAS on the same port; alice registers and calls him (INVITE, 100, 180, 200, ACK, BYE, 200). Every
 * hop is a socket: alice -> P-CSCF -> S-CSCF (originating) -> I-CSCF (LIR at the HSS) -> S-CSCF (terminating) ->
 * P-CSCF -> bob, and ACK and BYE follow the four Record-Route values back through both CSCFs.
 */
class SippCallTest {

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
  void aliceCallsBobThroughTheCoreOverUdp() throws Exception {
    DemoSubscribers.Demo alice = DemoSubscribers.ALICE;
    DemoSubscribers.Demo bob = DemoSubscribers.BOB;
    SippRunner sipp = new SippRunner(work);
    int bobPort = FreePorts.udpAndTcp();

    Path bobScenario = render(sipp, "ims-register-aka-only.xml", bob, "bob-register.xml");
    Path bobCsv = sipp.injectionFile("bob.csv", List.of(bob.user() + ";" + domain));
    SippAkaRuns.Outcome bobOutcome = SippAkaRuns.run(3, work, bob.k(), bob.op(),
        messages -> sipp.run(bobScenario, core.pcscfAddress(), 1, TIMEOUT, "-p", Integer.toString(bobPort),
            "-inf", bobCsv.toString(), "-auth_uri", domain, "-trace_msg", "-message_file", messages.toString()),
        () -> { });
    skipIfOnlySippsDefect(bobOutcome);
    SippResult registered = bobOutcome.result();
    assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
    assertThat(core.registeredContacts(bob.impu(domain))).singleElement().asString()
        .contains(":" + bobPort);

    CompletableFuture<SippResult> callee = CompletableFuture.supplyAsync(() -> sipp.run(
        sipp.scenario("ims-call-uas.xml"), core.pcscfAddress(), 1, TIMEOUT, "-p", Integer.toString(bobPort)));
    Thread.sleep(300); // SIPp binds its socket before reading the scenario's first message

    // A defective registration of alice never reaches bob, whose UAS keeps waiting for the INVITE.
    Path aliceScenario = render(sipp, "ims-call-uac.xml", alice, "alice-call.xml");
    Path aliceCsv = sipp.injectionFile("alice.csv", List.of(alice.user() + ";" + domain + ";" + bob.user()));
    SippAkaRuns.Outcome aliceOutcome = SippAkaRuns.run(3, work, alice.k(), alice.op(),
        messages -> sipp.run(aliceScenario, core.pcscfAddress(), 1, TIMEOUT, "-inf", aliceCsv.toString(),
            "-auth_uri", domain, "-trace_msg", "-message_file", messages.toString()),
        () -> { });
    skipIfOnlySippsDefect(aliceOutcome);
    SippResult caller = aliceOutcome.result();

    assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
    SippResult answered = callee.get();
    assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
  }

  private static Path render(SippRunner sipp, String scenario, DemoSubscribers.Demo user, String target) {
    return ScenarioTemplate.render(sipp.scenario(scenario), Map.of("IMPI", user.impi(domain), "K", user.k(),
        "OP", user.op(), "AMF", user.amf()), work.resolve(target));
  }

  /** SIPp 3.6.1 cannot answer a RES holding 0x00 (fixed in 3.7): three such runs in a row say nothing of the core. */
  private static void skipIfOnlySippsDefect(SippAkaRuns.Outcome outcome) {
    Assumptions.assumeFalse(outcome.defectOnly(), () -> "SIPp 3.6.1 cannot answer a RES containing 0x00 (fixed in"
        + " 3.7), three runs in a row: " + outcome.defective());
  }
}
