package org.imscore.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.server.run.DemoSubscribers;
import org.imscore.sip.message.SipRequest;
import org.imscore.testkit.FreePorts;
import org.imscore.testkit.sipp.ScenarioTemplate;
import org.imscore.testkit.sipp.SippAkaRuns;
import org.imscore.testkit.sipp.SippMessageLog;
import org.imscore.testkit.sipp.SippResult;
import org.imscore.testkit.sipp.SippRunner;
import org.junit.jupiter.api.Assumptions;

/**
 * An all-in-one core with SIPp UEs on it: subscribers SIPp can authenticate (each test its own, so that no binding
 * of an earlier test is forked to), SIPp registrations from chosen ports, SIPp UASs answering in the background on
 * the port they registered from, and SIPp UACs that register and then play their part of a flow.
 *
 * <p>Every SIPp run that answers an AKA challenge goes through {@link SippAkaRuns}: a run is repeated only when it
 * failed on SIPp 3.6.1's RES-with-0x00 defect, and the test is skipped only when every run did.
 */
final class SippPeers implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Long enough for any flow here; SIPp ends itself after it, so a peer left waiting by a failed test goes away. */
  private static final Duration UAS_TIMEOUT = Duration.ofSeconds(20);
  /** K and OP that SIPp 3.6.1 can read from a scenario (no 0x00, 0x0a, 0x5b, 0x5c 0x78 bytes). */
  private static final DemoSubscribers.Demo KEYS = DemoSubscribers.ALICE;
  private static final AtomicInteger NEXT = new AtomicInteger();

  private final Core core;
  private final Path work;
  private final SippRunner sipp;
  /** One thread per SIPp peer in the background: the common pool may have a single thread on a small machine. */
  private final ExecutorService background = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "sipp-peer");
    t.setDaemon(true);
    return t;
  });
  private final List<Callee> callees = new ArrayList<>();

  private SippPeers(Core core, Path work) {
    this.core = core;
    this.work = work;
    this.sipp = new SippRunner(work);
  }

  /** Starts a core on free loopback ports; skips the test class when SIPp is not installed. */
  static SippPeers start(Path work) {
    Assumptions.assumeTrue(SippRunner.available(), "sipp is not installed (run ./run-tests, which installs it)");
    return new SippPeers(Core.start(CoreConfig.ephemeral()), work);
  }

  Core core() {
    return core;
  }

  String domain() {
    return core.domain();
  }

  /** A subscriber named {@code name} plus a number no other test uses, provisioned with SIPp-safe keys. */
  DemoSubscribers.Demo subscriber(String name) {
    DemoSubscribers.Demo user = unprovisioned(name);
    core.provisioning().create(user.spec(domain()));
    return user;
  }

  /** A user name no other test uses, with keys, but unknown to the HSS. */
  DemoSubscribers.Demo unprovisioned(String name) {
    return new DemoSubscribers.Demo(name + NEXT.incrementAndGet(), KEYS.k(), KEYS.op(), KEYS.amf(), KEYS.password());
  }

  /** Registers {@code user} with SIPp (AKA) from a free port, and returns the port, where its UAS is to listen. */
  int register(DemoSubscribers.Demo user) {
    int port = FreePorts.udpAndTcp();
    SippResult registered = play("ims-register-aka-only.xml", user, Map.of(), List.of(), "-p", Integer.toString(port));
    assertThat(registered.allCallsSucceeded()).as(registered.describe()).isTrue();
    assertThat(core.registeredContacts(user.impu(domain()))).as("contacts of " + user.impu(domain()))
        .anySatisfy(contact -> assertThat(contact).contains(":" + port));
    return port;
  }

  /**
   * Runs {@code scenario} as {@code user}: placeholders @IMPI@, @K@, @OP@, @AMF@ and {@code values} are filled, and
   * the injection file's row is the user part, the domain, then {@code fields}. Skips the test when every run fell
   * on SIPp's RES defect; any other outcome is returned for the test to judge.
   */
  SippResult play(String scenario, DemoSubscribers.Demo user, Map<String, String> values, List<String> fields,
      String... args) {
    Map<String, String> placeholders = new HashMap<>(values);
    placeholders.putAll(Map.of("IMPI", user.impi(domain()), "K", user.k(), "OP", user.op(), "AMF", user.amf()));
    String run = user.user() + "-" + scenario.replace(".xml", "");
    Path rendered = ScenarioTemplate.render(sipp.scenario(scenario), placeholders, work.resolve(run + ".xml"));
    List<String> row = new ArrayList<>(List.of(user.user(), domain()));
    row.addAll(fields);
    Path inf = sipp.injectionFile(run + ".csv", List.of(String.join(";", row)));
    SippAkaRuns.Outcome outcome = SippAkaRuns.run(3, work, user.k(), user.op(), messages -> {
      List<String> all = new ArrayList<>(List.of("-inf", inf.toString(), "-auth_uri", domain(), "-trace_msg",
          "-message_file", messages.toString()));
      all.addAll(List.of(args));
      return sipp.run(rendered, core.pcscfAddress(), 1, TIMEOUT, all.toArray(String[]::new));
    }, () -> { });
    Assumptions.assumeFalse(outcome.defectOnly(), () -> "SIPp 3.6.1 cannot answer a RES containing 0x00 (fixed in"
        + " 3.7), three runs in a row: " + outcome.defective());
    return outcome.result();
  }

  /**
   * Starts SIPp with {@code scenario} (one call, no credentials) on {@code port}, the port a contact registered
   * from, and returns once SIPp has bound it: what reaches the port from then on is the scenario's.
   */
  Callee listen(String scenario, int port) {
    Path messages = work.resolve("uas-" + port + "-" + scenario.replace(".xml", ".log"));
    CompletableFuture<SippResult> run = CompletableFuture.supplyAsync(() -> sipp.run(sipp.scenario(scenario),
        core.pcscfAddress(), 1, UAS_TIMEOUT, "-p", Integer.toString(port), "-trace_msg", "-message_file",
        messages.toString()), background);
    Callee callee = new Callee(scenario, run, messages);
    callees.add(callee);
    try {
      assertThat(FreePorts.awaitBound(port, Duration.ofSeconds(5))).as("SIPp " + scenario + " bound " + port).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while SIPp " + scenario + " started", e);
    }
    return callee;
  }

  /** A SIPp UAS running in the background, and the file it writes every message it sends and receives to. */
  record Callee(String scenario, CompletableFuture<SippResult> run, Path messages) {

    /** Waits for the scenario to end, which it does on its last message or on its timeout. */
    SippResult result() throws Exception {
      return run.get(UAS_TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
    }

    /**
     * The requests with {@code method} that this SIPp received, read back from its message log with our own parser:
     * what the peer saw on the wire, for checks a scenario cannot make (comparing with the core's addresses).
     */
    List<SipRequest> received(String method) {
      return SippMessageLog.read(messages).received(method);
    }
  }

  /** Waits for every UAS still running (each ends by its own timeout at the latest), then stops the core. */
  @Override
  public void close() {
    for (Callee callee : callees) {
      try {
        callee.result();
      } catch (Exception ignored) {
        // The test that started it has failed already and said why.
      }
    }
    background.shutdownNow();
    core.close();
  }
}
