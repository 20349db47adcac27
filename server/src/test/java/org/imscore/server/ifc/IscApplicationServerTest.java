package org.imscore.server.ifc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.UsimSqnState;
import org.imscore.hss.profile.InitialFilterCriterion;
import org.imscore.hss.profile.InitialFilterCriterion.ApplicationServer;
import org.imscore.hss.profile.InitialFilterCriterion.DefaultHandling;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.profile.TriggerPoint;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.testkit.FreePorts;
import org.imscore.testkit.sipp.SippResult;
import org.imscore.testkit.sipp.SippRunner;
import org.imscore.testkit.ue.TestUe;
import org.imscore.testkit.ue.UeConfig;
import org.imscore.testkit.ue.UeCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ISC through the whole core (TS 23.218 §6, TS 24.229 §5.4.3.3): bob's service profile holds a terminating filter
 * criterion on MESSAGE; alice (a Java test UE) sends him one. The application server is SIPp on loopback, which
 * checks the Route the S-CSCF gave it (AS first, then the S-CSCF with an original-dialog identifier) and answers,
 * or, acting as a proxy (TS 23.218 §9.1.3), sends it back along that Route, where the S-CSCF goes on to bob.
 * With the AS down, DefaultHandling decides: SESSION_CONTINUED delivers the MESSAGE to bob (SIPp on bob's registered
 * port), SESSION_TERMINATED gives alice the error.
 */
class IscApplicationServerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
  private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
  private static final String AMF = "8000";
  private static final SubscriberKeys KEYS = new SubscriberKeys(Octets.fromHex(K), Octets.fromHex(OPC),
      Octets.fromHex(AMF));
  private static final AtomicInteger NEXT = new AtomicInteger();

  private static Core core;
  @TempDir
  Path work;
  private final List<TestUe> ues = new ArrayList<>();
  /**
   * Each SIPp run blocks a thread of its own until SIPp exits: on a two-core machine the common pool that
   * {@code supplyAsync} uses has one worker, which would start a second peer only after the first one ended.
   */
  private final ExecutorService peers = Executors.newCachedThreadPool();

  @BeforeAll
  static void start() {
    assumeTrue(SippRunner.available(), "sipp is not installed (run ./run-tests, which installs it)");
    core = Core.start(CoreConfig.ephemeral());
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
  }

  @AfterEach
  void closeUes() {
    ues.forEach(TestUe::close);
    peers.shutdown(); // a SIPp still running ends by its own -timeout; its thread is not interrupted
  }

  @Test
  void theAsOfAMatchingCriterionGetsTheMessageWithAnOriginalDialogRoute() throws Exception {
    int asPort = FreePorts.udpAndTcp();
    TestUe alice = registered(unique("alice"), List.of());
    String bob = unique("bob");
    registered(bob, List.of(messageCriterion("sip:127.0.0.1:" + asPort, DefaultHandling.SESSION_TERMINATED)));
    SippRunner sipp = new SippRunner(work);
    CompletableFuture<SippResult> as = CompletableFuture.supplyAsync(() -> sipp.run(
        sipp.scenario("as-message-uas.xml"), core.pcscfAddress(), 1, WAIT, "-p", Integer.toString(asPort)), peers);
    FreePorts.awaitBound(asPort, Duration.ofSeconds(5));

    SipResponse response = message(alice, bob);

    assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
    assertThat(response.to().tag()).hasValueSatisfying(t -> assertThat(t).contains("SIPpAsTag"));
    SippResult served = as.get(30, TimeUnit.SECONDS);
    assertThat(served.allCallsSucceeded()).as(served.describe()).isTrue();
  }

  @Test
  void anAsActingAsAProxySendsTheMessageBackAndTheScscfGoesOnToTheCallee() throws Exception {
    int asPort = FreePorts.udpAndTcp();
    TestUe alice = registered(unique("alice"), List.of());
    String bob = unique("bob");
    TestUe bobUe = registered(bob, List.of(messageCriterion("sip:127.0.0.1:" + asPort,
        DefaultHandling.SESSION_TERMINATED)));
    int bobPort = bobUe.listeningPoint().port();
    bobUe.close();
    SippRunner sipp = new SippRunner(work);
    // bob's registered port answers as SIPp; the AS (SIPp too) proxies the MESSAGE back (TS 23.218 §9.1.3).
    CompletableFuture<SippResult> recipient = CompletableFuture.supplyAsync(() -> sipp.run(
        sipp.scenario("ims-message-uas.xml"), core.pcscfAddress(), 1, WAIT, "-p", Integer.toString(bobPort)), peers);
    CompletableFuture<SippResult> as = CompletableFuture.supplyAsync(() -> sipp.run(
        sipp.scenario("as-message-proxy.xml"), core.scscfAddress(), 1, WAIT, "-p", Integer.toString(asPort)), peers);
    FreePorts.awaitBound(bobPort, Duration.ofSeconds(5));
    FreePorts.awaitBound(asPort, Duration.ofSeconds(5));

    SipResponse response = message(alice, bob);

    assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
    // bob answered (his To tag), through the AS and the S-CSCF back to alice.
    assertThat(response.to().tag()).hasValueSatisfying(t -> assertThat(t).contains("SIPpTag"));
    SippResult delivered = recipient.get(30, TimeUnit.SECONDS);
    assertThat(delivered.allCallsSucceeded()).as(delivered.describe()).isTrue();
    SippResult proxied = as.get(30, TimeUnit.SECONDS);
    assertThat(proxied.allCallsSucceeded()).as(proxied.describe()).isTrue();
    // The S-CSCF took the first copies the AS sent back: a request it ignored would be retransmitted by the AS
    // (T1 doubling: 0.5, 1.5, 3.5, 7.5 s ...), and one resumed only at a late copy shows as many retransmissions.
    assertThat(proxied.statistics()).containsKey("Retransmissions(C)");
    assertThat(Long.parseLong(proxied.statistics().get("Retransmissions(C)"))).as(proxied.describe())
        .isLessThanOrEqualTo(2);
  }

  @Test
  void anAsThatDoesNotAnswerIsSkippedWhenTheSessionContinues() throws Exception {
    TestUe alice = registered(unique("alice"), List.of());
    String bob = unique("bob");
    TestUe bobUe = registered(bob, List.of(messageCriterion(unreachableAs(),
        DefaultHandling.SESSION_CONTINUED)));
    // bob's registered port now answers as SIPp, an independent UA that checks what arrives
    int bobPort = bobUe.listeningPoint().port();
    bobUe.close();
    SippRunner sipp = new SippRunner(work);
    CompletableFuture<SippResult> recipient = CompletableFuture.supplyAsync(() -> sipp.run(
        sipp.scenario("ims-message-uas.xml"), core.pcscfAddress(), 1, WAIT, "-p",
        Integer.toString(bobPort)), peers);
    FreePorts.awaitBound(bobPort, Duration.ofSeconds(5));

    SipResponse response = message(alice, bob);

    assertThat(response.statusCode()).as(response.toString()).isEqualTo(200);
    SippResult delivered = recipient.get(30, TimeUnit.SECONDS);
    assertThat(delivered.allCallsSucceeded()).as(delivered.describe()).isTrue();
  }

  @Test
  void anAsThatDoesNotAnswerEndsTheRequestWhenTheSessionTerminates() {
    TestUe alice = registered(unique("alice"), List.of());
    String bob = unique("bob");
    registered(bob, List.of(messageCriterion(unreachableAs(), DefaultHandling.SESSION_TERMINATED)));

    SipResponse response = message(alice, bob);

    assertThat(response.statusCode()).as(response.toString()).isBetween(500, 599);
  }

  @Test
  void aCriterionThatDoesNotMatchLeavesTheRequestAlone() throws Exception {
    TestUe alice = registered(unique("alice"), List.of());
    String bob = unique("bob");
    // Originating case only: bob's terminating MESSAGE does not trigger it, so the dead AS is never tried.
    InitialFilterCriterion originating = new InitialFilterCriterion(0, new TriggerPoint(true, List.of(
        spt(0, new TriggerPoint.Method("MESSAGE")),
        spt(1, new TriggerPoint.SessionCaseIs(TriggerPoint.SessionCase.ORIGINATING_REGISTERED)))),
        new ApplicationServer(unreachableAs(), DefaultHandling.SESSION_TERMINATED, null), null);
    TestUe bobUe = registered(bob, List.of(originating));
    int bobPort = bobUe.listeningPoint().port();
    bobUe.close();
    SippRunner sipp = new SippRunner(work);
    CompletableFuture<SippResult> recipient = CompletableFuture.supplyAsync(() -> sipp.run(
        sipp.scenario("ims-message-uas.xml"), core.pcscfAddress(), 1, WAIT, "-p",
        Integer.toString(bobPort)), peers);
    FreePorts.awaitBound(bobPort, Duration.ofSeconds(5));

    assertThat(message(alice, bob).statusCode()).isEqualTo(200);
    SippResult delivered = recipient.get(30, TimeUnit.SECONDS);
    assertThat(delivered.allCallsSucceeded()).as(delivered.describe()).isTrue();
  }

  /** Terminating MESSAGE for a registered user (CNF: Method=MESSAGE and SessionCase=1). */
  private static InitialFilterCriterion messageCriterion(String as, DefaultHandling handling) {
    return new InitialFilterCriterion(0, new TriggerPoint(true, List.of(
        spt(0, new TriggerPoint.Method("MESSAGE")),
        spt(1, new TriggerPoint.SessionCaseIs(TriggerPoint.SessionCase.TERMINATING_REGISTERED)))),
        new ApplicationServer(as, handling, null), null);
  }

  private static TriggerPoint.ServicePointTrigger spt(int group, TriggerPoint.Condition condition) {
    return new TriggerPoint.ServicePointTrigger(false, group, condition, List.of());
  }

  /** An AS on a TCP port nobody listens on: the connection is refused at once (no 32 s Timer F). */
  private static String unreachableAs() {
    return "sip:127.0.0.1:" + FreePorts.udpAndTcp() + ";transport=tcp";
  }

  private static String unique(String name) {
    return name + "isc" + NEXT.incrementAndGet();
  }

  private TestUe registered(String user, List<InitialFilterCriterion> criteria) {
    String domain = core.domain();
    SipUri impu = SipUri.of(user, domain);
    core.provisioning().create(new SubscriberSpec(user + "@" + domain, new AuthCredentials(K, OPC, null, AMF,
        null), 0, List.of(new PublicIdentity(impu.toString(), false, 1, "services")),
        List.of(new ServiceProfile("services", criteria))));
    TestUe ue = TestUe.start(UeConfig.of(user + "@" + domain, impu, domain,
        new Endpoint(Transport.UDP, core.pcscfAddress()),
        UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT)))
        .withInstanceId("urn:uuid:00000000-0000-0000-0001-" + String.format("%012d", NEXT.incrementAndGet()))
        .withAutoAnswer(true)
        .withResponseTimeout(WAIT));
    ues.add(ue);
    ue.register().registration();
    return ue;
  }

  /** A MESSAGE from {@code ue} along the P-CSCF and its Service-Route (TS 24.229 §5.1.2A.1). */
  private static SipResponse message(TestUe ue, String toUser) {
    SipUri target = SipUri.of(toUser, core.domain());
    SipRequest.Builder b = ue.userAgent().newRequest(SipRequest.MESSAGE, target,
        NameAddress.of(ue.config().impu()), NameAddress.of(target), ue.config().transport());
    InetSocketAddress p = ue.config().pcscf().address();
    b.add(HeaderNames.ROUTE, "<sip:" + p.getAddress().getHostAddress() + ":" + p.getPort() + ";lr>");
    ue.registration().orElseThrow().serviceRoutes().forEach(r -> b.add(HeaderNames.ROUTE, r.toString()));
    b.body("text/plain", "hello bob".getBytes(StandardCharsets.UTF_8));
    try {
      return ue.userAgent().send(b.build(), ue.config().pcscf()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer to MESSAGE: " + e, e);
    }
  }
}
