package org.imscore.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.ForkingMode;
import org.imscore.sip.proxy.ProxyConfig;
import org.imscore.sip.proxy.StatefulProxy;
import org.imscore.sip.proxy.StaticRoutes;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import org.imscore.testkit.FreePorts;
import org.imscore.testkit.sipp.SippMessageLog;
import org.imscore.testkit.sipp.SippResult;
import org.imscore.testkit.sipp.SippRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stateful proxy (real Netty transport, transaction layer and proxy core on loopback ports) between SIPp
 * peers: OPTIONS to the proxy, a REGISTER to a registrar behind it, a Record-Routed call, and a call forked to
 * two callees, over UDP and over TCP. Each SIPp run is one call with a short timeout; SIPp's message traces show
 * what each side saw.
 */
class ProxyEndToEndTest {

  private static final Duration SIPP_TIMEOUT = Duration.ofSeconds(15);

  /** How SIPp and the proxy talk: SIPp's -t mode and our transport for the static routes. */
  enum Mode {
    UDP("u1", Transport.UDP),
    TCP("t1", Transport.TCP);

    final String sippFlag;
    final Transport transport;

    Mode(String sippFlag, Transport transport) {
      this.sippFlag = sippFlag;
      this.transport = transport;
    }
  }

  @TempDir Path work;
  private StatefulProxy proxy;
  private final List<CompletableFuture<SippResult>> peers = new ArrayList<>();

  @BeforeAll
  static void needsSipp() {
    assumeTrue(SippRunner.available(), "sipp is not installed (run ./run-tests, which installs it)");
  }

  @AfterEach
  void stop() {
    peers.forEach(p -> p.cancel(true));
    if (proxy != null) {
      proxy.close();
    }
  }

  private InetSocketAddress startProxy(StaticRoutes routes, ForkingMode forking) {
    ProxyConfig config = ProxyConfig.of(TransportConfig.ephemeral("127.0.0.1"), Set.of("example.com"))
        .withRoutes(routes)
        .withForking(forking, Duration.ofSeconds(1))
        .withSupportedExtensions(Set.of("path"));
    proxy = StatefulProxy.start(config);
    return new InetSocketAddress("127.0.0.1", proxy.listeningPoint(Transport.UDP).port());
  }

  private static Endpoint endpoint(Mode mode, int port) {
    return new Endpoint(mode.transport, new InetSocketAddress("127.0.0.1", port));
  }

  /** Starts a SIPp callee for one call on {@code port} and waits until it listens. */
  private CompletableFuture<SippResult> callee(String scenario, int port, Mode mode, Path trace,
      InetSocketAddress proxyAddress) throws InterruptedException {
    return callee(scenario, port, mode, trace, proxyAddress, 1);
  }

  private CompletableFuture<SippResult> callee(String scenario, int port, Mode mode, Path trace,
      InetSocketAddress proxyAddress, int calls) throws InterruptedException {
    SippRunner sipp = new SippRunner(work);
    Path file = sipp.scenario(scenario);
    CompletableFuture<SippResult> run = CompletableFuture.supplyAsync(() -> sipp.run(file, proxyAddress, calls,
        SIPP_TIMEOUT, "-p", Integer.toString(port), "-t", mode.sippFlag,
        "-trace_msg", "-message_file", trace.toString()),
        // A thread of its own: the common pool may have a single worker on a small machine.
        task -> Thread.ofPlatform().daemon().name("sipp-" + scenario).start(task));
    peers.add(run);
    assertThat(FreePorts.awaitBound(port, Duration.ofSeconds(5))).as("SIPp callee listening on " + port).isTrue();
    return run;
  }

  /**
   * Runs a SIPp caller against the proxy and waits for it. It gets an explicit port (SIPp takes the last -p
   * given): with the runner's "-p 0" SIPp writes 5060 into its Via instead of the port it bound.
   */
  private SippResult caller(String scenario, InetSocketAddress proxyAddress, Mode mode, Path trace,
      String... more) {
    return caller(scenario, proxyAddress, mode, trace, 1, more);
  }

  private SippResult caller(String scenario, InetSocketAddress proxyAddress, Mode mode, Path trace, int calls,
      String... more) {
    SippRunner sipp = new SippRunner(work);
    List<String> args = new ArrayList<>(List.of("-p", Integer.toString(FreePorts.udpAndTcp()),
        "-t", mode.sippFlag, "-trace_msg", "-message_file", trace.toString()));
    args.addAll(List.of(more));
    return sipp.run(sipp.scenario(scenario), proxyAddress, calls, SIPP_TIMEOUT, args.toArray(String[]::new));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void optionsToTheProxyIsAnswered200WithAllow(Mode mode) {
    InetSocketAddress address = startProxy(StaticRoutes.none(), ForkingMode.PARALLEL);

    SippResult result = caller("options.xml", address, mode, work.resolve("options.log"));

    assertThat(result.allCallsSucceeded()).as(result.describe()).isTrue();
    SipResponse ok = SippMessageLog.read(work.resolve("options.log")).receivedResponses(200).get(0);
    assertThat(values(ok, "Allow")).singleElement().asString().contains("INVITE", "REGISTER", "OPTIONS");
    assertThat(values(ok, "Supported")).singleElement().asString().contains("path");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void registerReachesTheRegistrarThroughTheProxy(Mode mode) throws Exception {
    int registrarPort = FreePorts.udpAndTcp();
    InetSocketAddress address = startProxy(
        StaticRoutes.none().with("example.com", endpoint(mode, registrarPort)), ForkingMode.PARALLEL);
    Path registrarTrace = work.resolve("registrar.log");
    Path uaTrace = work.resolve("ua.log");
    CompletableFuture<SippResult> registrar = callee("register-uas.xml", registrarPort, mode, registrarTrace,
        address);

    SippResult ua = caller("register-uac.xml", address, mode, uaTrace, "-s", "alice");

    assertThat(ua.allCallsSucceeded()).as(ua.describe()).isTrue();
    SippResult reg = registrar.get();
    assertThat(reg.allCallsSucceeded()).as(reg.describe()).isTrue();

    int proxyPort = address.getPort();
    String ourAddress = "127.0.0.1:" + proxyPort;
    SipRequest register = SippMessageLog.read(registrarTrace).received(SipRequest.REGISTER).get(0);
    assertThat(values(register, "Via")).hasSize(2);
    assertThat(values(register, "Via").get(0)).contains("SIP/2.0/" + mode.transport.viaToken() + " " + ourAddress);
    assertThat(values(register, "Max-Forwards")).containsExactly("69");
    // The UA supports Path, so the proxy put itself on the path of requests to the contact (RFC 3327).
    assertThat(values(register, "Path")).singleElement().asString()
        .contains("sip:" + ourAddress + ";transport=" + mode.transport.viaToken().toLowerCase() + ";lr");

    SipResponse ok = SippMessageLog.read(uaTrace).receivedResponses(200).get(0);
    assertThat(values(ok, "Via")).singleElement().asString().doesNotContain(ourAddress);
    assertThat(values(ok, "Contact")).singleElement().asString().contains("sip:alice@127.0.0.1");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRecordRoutedCallGoesThroughTheProxyEndToEnd(Mode mode) throws Exception {
    int bobPort = FreePorts.udpAndTcp();
    InetSocketAddress address = startProxy(
        StaticRoutes.none().with("bob@example.com", endpoint(mode, bobPort)), ForkingMode.PARALLEL);
    Path bobTrace = work.resolve("bob.log");
    Path aliceTrace = work.resolve("alice.log");
    CompletableFuture<SippResult> bob = callee("call-uas.xml", bobPort, mode, bobTrace, address);

    SippResult alice = caller("call-uac.xml", address, mode, aliceTrace, "-s", "bob");

    assertThat(alice.allCallsSucceeded()).as(alice.describe()).isTrue();
    SippResult callee = bob.get();
    assertThat(callee.allCallsSucceeded()).as(callee.describe()).isTrue();

    String ourRecordRoute = "<sip:127.0.0.1:" + address.getPort() + ";transport="
        + mode.transport.viaToken().toLowerCase() + ";lr>";
    SippMessageLog bobSaw = SippMessageLog.read(bobTrace);
    assertThat(values(bobSaw.received(SipRequest.INVITE).get(0), "Record-Route"))
        .singleElement().asString().contains(ourRecordRoute);
    // ACK and BYE came through the proxy (its Via on top), the proxy's own Route popped.
    for (String method : List.of(SipRequest.ACK, SipRequest.BYE)) {
      SipRequest inDialog = bobSaw.received(method).get(0);
      assertThat(values(inDialog, "Via")).as(method).hasSize(2);
      assertThat(values(inDialog, "Route")).as(method).isEmpty();
    }
    SipResponse ok = SippMessageLog.read(aliceTrace).receivedResponses(200).get(0);
    assertThat(values(ok, "Record-Route")).singleElement().asString().contains(ourRecordRoute);
    assertThat(values(ok, "Via")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aParallelForkIsAnsweredByOneCalleeAndCancelledAtTheOther(Mode mode) throws Exception {
    int bobPort = FreePorts.udpAndTcp();
    int bob2Port = FreePorts.udpAndTcp();
    InetSocketAddress address = startProxy(StaticRoutes.none()
        .with("bob@example.com", endpoint(mode, bobPort), endpoint(mode, bob2Port)), ForkingMode.PARALLEL);
    Path bobTrace = work.resolve("bob.log");
    Path bob2Trace = work.resolve("bob2.log");
    Path aliceTrace = work.resolve("alice.log");
    CompletableFuture<SippResult> answering = callee("call-uas.xml", bobPort, mode, bobTrace, address);
    CompletableFuture<SippResult> ringing = callee("ring-cancelled-uas.xml", bob2Port, mode, bob2Trace, address);

    SippResult alice = caller("call-uac.xml", address, mode, aliceTrace, "-s", "bob");

    assertThat(alice.allCallsSucceeded()).as(alice.describe()).isTrue();
    SippResult answered = answering.get();
    assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
    SippResult cancelled = ringing.get();
    assertThat(cancelled.allCallsSucceeded()).as(cancelled.describe()).isTrue();

    SippMessageLog bob2Saw = SippMessageLog.read(bob2Trace);
    assertThat(bob2Saw.received(SipRequest.CANCEL)).isNotEmpty();
    assertThat(bob2Saw.received(SipRequest.ACK)).isNotEmpty();  // the proxy's ACK for the 487
    SippMessageLog aliceSaw = SippMessageLog.read(aliceTrace);
    assertThat(aliceSaw.receivedResponses(487)).isEmpty();
    assertThat(aliceSaw.receivedResponses(180)).hasSizeBetween(1, 2);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sequentialForkingCancelsARingingCalleeAfterItsTimeAndTriesTheNext(Mode mode) throws Exception {
    int firstPort = FreePorts.udpAndTcp();
    int secondPort = FreePorts.udpAndTcp();
    InetSocketAddress address = startProxy(StaticRoutes.none()
        .with("bob@example.com", endpoint(mode, firstPort), endpoint(mode, secondPort)), ForkingMode.SEQUENTIAL);
    Path firstTrace = work.resolve("first.log");
    Path secondTrace = work.resolve("second.log");
    CompletableFuture<SippResult> first = callee("ring-cancelled-uas.xml", firstPort, mode, firstTrace, address);
    CompletableFuture<SippResult> second = callee("call-uas.xml", secondPort, mode, secondTrace, address);

    SippResult alice = caller("call-uac.xml", address, mode, work.resolve("alice.log"), "-s", "bob");

    assertThat(alice.allCallsSucceeded()).as(alice.describe()).isTrue();
    SippResult cancelled = first.get();
    assertThat(cancelled.allCallsSucceeded()).as(cancelled.describe()).isTrue();
    SippResult answered = second.get();
    assertThat(answered.allCallsSucceeded()).as(answered.describe()).isTrue();
    SippMessageLog firstSaw = SippMessageLog.read(firstTrace);
    SippMessageLog secondSaw = SippMessageLog.read(secondTrace);
    assertThat(firstSaw.received(SipRequest.CANCEL)).isNotEmpty();
    assertThat(secondSaw.received(SipRequest.INVITE)).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void tenCallsInARowEachCompleteAndLeaveNoStateBehind(Mode mode) throws Exception {
    int bobPort = FreePorts.udpAndTcp();
    InetSocketAddress address = startProxy(
        StaticRoutes.none().with("bob@example.com", endpoint(mode, bobPort)), ForkingMode.PARALLEL);
    CompletableFuture<SippResult> bob = callee("call-uas.xml", bobPort, mode, work.resolve("bob.log"), address, 10);

    // Ten calls at 20 per second: several are in progress through the proxy at once.
    SippResult alice = caller("call-uac.xml", address, mode, work.resolve("alice.log"), 10, "-s", "bob",
        "-r", "20", "-l", "10");

    assertThat(alice.allCallsSucceeded()).as(alice.describe()).isTrue();
    assertThat(alice.successfulCalls()).isEqualTo(10);
    SippResult callee = bob.get();
    assertThat(callee.successfulCalls()).as(callee.describe()).isEqualTo(10);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (proxy.activeTransactions() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(proxy.activeTransactions()).as("response contexts left").isZero();
  }

  /** The values of the header fields named {@code name}, one per field line, in order. */
  private static List<String> values(SipMessage message, String name) {
    return message.headerFields(name).stream().map(HeaderField::value).toList();
  }
}
