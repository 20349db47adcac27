package org.imscore.server.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imscore.aka.Milenage;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.server.run.DemoSubscribers;
import org.imscore.testkit.FreePorts;
import org.imscore.testkit.sipp.ScenarioTemplate;
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
  void aliceCallsBobThroughTheCoreOverUdp() throws Exception {
    DemoSubscribers.Demo alice = DemoSubscribers.ALICE;
    DemoSubscribers.Demo bob = DemoSubscribers.BOB;
    SippRunner sipp = new SippRunner(work);
    int bobPort = FreePorts.udpAndTcp();

    Path bobMessages = work.resolve("bob-register.log");
    SippResult registered = sipp.run(render(sipp, "ims-register-aka-only.xml", bob, "bob-register.xml"),
        core.pcscfAddress(), 1, TIMEOUT, "-p", Integer.toString(bobPort),
        "-inf", sipp.injectionFile("bob.csv", List.of(bob.user() + ";" + domain)).toString(),
        "-auth_uri", domain, "-trace_msg", "-message_file", bobMessages.toString());
    skipIfResHasZeroByte(registered, bobMessages, bob);
    assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
    assertThat(core.registeredContacts(bob.impu(domain))).singleElement().asString()
        .contains(":" + bobPort);

    CompletableFuture<SippResult> callee = CompletableFuture.supplyAsync(() -> sipp.run(
        sipp.scenario("ims-call-uas.xml"), core.pcscfAddress(), 1, TIMEOUT, "-p", Integer.toString(bobPort)));
    Thread.sleep(300); // SIPp binds its socket before reading the scenario's first message

    Path aliceMessages = work.resolve("alice-call.log");
    SippResult caller = sipp.run(render(sipp, "ims-call-uac.xml", alice, "alice-call.xml"), core.pcscfAddress(), 1,
        TIMEOUT, "-inf", sipp.injectionFile("alice.csv", List.of(alice.user() + ";" + domain + ";" + bob.user()))
            .toString(), "-auth_uri", domain, "-trace_msg", "-message_file", aliceMessages.toString());
    skipIfResHasZeroByte(caller, aliceMessages, alice);

    assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
    SippResult answered = callee.get();
    assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
  }

  private static Path render(SippRunner sipp, String scenario, DemoSubscribers.Demo user, String target) {
    return ScenarioTemplate.render(sipp.scenario(scenario), Map.of("IMPI", user.impi(domain), "K", user.k(),
        "OP", user.op(), "AMF", user.amf()), work.resolve(target));
  }

  /**
   * SIPp 3.6.1 uses RES as a C string, so a RES with a 0x00 byte gives a wrong digest response (fixed in 3.7): such a
   * run says nothing about the core and is skipped, saying so; any other failure stands.
   */
  private static void skipIfResHasZeroByte(SippResult result, Path messages, DemoSubscribers.Demo user)
      throws IOException {
    if (result.allCallsSucceeded() || !Files.exists(messages)) {
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
      byte[] rand = Arrays.copyOf(nonce, 16);
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
