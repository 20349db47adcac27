package org.imscore.server.run;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.imscore.cscf.cx.AuthScheme;
import org.imscore.cscf.cx.Identities;
import org.imscore.cscf.icscf.IcscfConfig;
import org.imscore.cscf.icscf.IcscfRegistrar;
import org.imscore.cscf.icscf.ScscfEntry;
import org.imscore.cscf.icscf.TerminatingRouter;
import org.imscore.cscf.node.CxPeer;
import org.imscore.cscf.node.HostTable;
import org.imscore.cscf.node.IcscfServer;
import org.imscore.cscf.node.PcscfServer;
import org.imscore.cscf.node.ScscfServer;
import org.imscore.cscf.node.SipNode;
import org.imscore.cscf.pcscf.IcidGenerator;
import org.imscore.cscf.pcscf.InMemoryPcscfBindingStore;
import org.imscore.cscf.pcscf.PcscfConfig;
import org.imscore.cscf.pcscf.PcscfRegistrar;
import org.imscore.cscf.regevent.RegEventConfig;
import org.imscore.cscf.regevent.RegEventNotifier;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.cscf.scscf.ForkingConfig;
import org.imscore.cscf.scscf.InMemoryBindingStore;
import org.imscore.cscf.scscf.NumberTable;
import org.imscore.cscf.scscf.InMemoryChallengeStore;
import org.imscore.cscf.scscf.ScscfConfig;
import org.imscore.cscf.scscf.ScscfRegistrar;
import org.imscore.cscf.scscf.SessionRouter;
import org.imscore.diameter.cx.ServerCapabilities;
import org.imscore.hss.HssConfig;
import org.imscore.hss.HssNode;
import org.imscore.hss.cx.CxConfig;
import org.imscore.hss.provisioning.ProvisioningService;
import org.imscore.hss.store.StoreConfig;
import org.imscore.server.HssServer;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.transport.TransportConfig;
import org.imscore.sip.uri.SipUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running IMS core: the functions of {@link CoreConfig} each on its own sockets, wired as a split deployment would
 * be (SIP between the CSCFs, Diameter Cx from the I-CSCF and S-CSCF to the HSS), also when all run in this process.
 *
 * <pre>{@code
 * try (Core core = Core.start(CoreConfig.ephemeral())) {          // free loopback ports, HSS store in memory
 *     core.provisioning().create(spec);                          // or REST at core.apiUrl()
 *     InetSocketAddress pcscf = core.pcscfAddress();             // where a UE sends REGISTER (UDP and TCP)
 * }
 * }</pre>
 *
 * Start order: the SIP sockets are bound first (so free ports are known), then the HSS (whose Server-Capabilities
 * name the S-CSCF at its real port), then the Cx connections, then the roles start serving. Closing stops SIP first,
 * then the Cx connections, then the HSS (which lets running Cx requests commit), so no request reaches a role whose
 * HSS is gone.
 */
public final class Core implements AutoCloseable {

  /** The functions one process may run. */
  public enum Function { PCSCF, ICSCF, SCSCF, HSS }

  private static final Logger log = LoggerFactory.getLogger(Core.class);
  private static final Duration WAIT_FOR_HSS = Duration.ofSeconds(10);

  private final CoreConfig config;
  private final Set<Function> functions;
  private final CoreObserver observer;
  private final List<SipNode> sipNodes = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private EventLoops loops;
  private SipNode pcscf;
  private SipNode icscf;
  private SipNode scscf;
  private HssServer hss;
  private ScscfRegistrar scscfRegistrar;
  private String serverName;

  private Core(CoreConfig config, Set<Function> functions, CoreObserver observer) {
    this.config = config;
    this.observer = observer;
    this.functions = Collections.unmodifiableSet(EnumSet.copyOf(functions));
  }

  /** All four functions in this process. */
  public static Core start(CoreConfig config) {
    return start(config, EnumSet.allOf(Function.class));
  }

  /**
   * The given functions in this process; the others are expected where {@code config} says.
   *
   * @throws IllegalStateException when a socket cannot be bound or the store cannot be opened (nothing is left
   *                               running then)
   */
  public static Core start(CoreConfig config, Set<Function> functions) {
    return start(config, functions, CoreObserver.NONE);
  }

  /** As {@link #start(CoreConfig, Set)}, every message of the functions shown to {@code observer}. */
  public static Core start(CoreConfig config, Set<Function> functions, CoreObserver observer) {
    if (functions.isEmpty()) {
      throw new IllegalArgumentException("no function to run");
    }
    Core core = new Core(config, functions, java.util.Objects.requireNonNull(observer, "observer"));
    try {
      core.startAll();
    } catch (RuntimeException e) {
      core.close();
      throw e;
    }
    return core;
  }

  private void startAll() {
    String domain = config.domain();
    Map<String, String> hosts = new HashMap<>(config.hosts());
    hosts.putIfAbsent("pcscf." + domain, config.pcscf().listen());
    hosts.putIfAbsent("icscf." + domain, config.icscf().listen());
    hosts.putIfAbsent("scscf." + domain, config.scscf().listen());
    HostTable table = new HostTable(hosts);
    // Owned first, so closed last: every function below runs on these loops.
    loops = own(EventLoops.forThisHost());

    if (functions.contains(Function.SCSCF)) {
      scscf = sip(SipNode.bind("S-CSCF", listen(config.scscf().listen(), config.scscf().port(),
          Function.SCSCF), table));
    }
    if (functions.contains(Function.ICSCF)) {
      icscf = sip(SipNode.bind("I-CSCF", listen(config.icscf().listen(), config.icscf().port(),
          Function.ICSCF), table));
    }
    if (functions.contains(Function.PCSCF)) {
      // A UE registered over UDP is reached over UDP, however large the request (RFC 3261 §18.1.1 would switch to
      // TCP, which a phone behind a NAT, or SIPp run with -t u1, does not accept): the registered flow is its route.
      pcscf = sip(SipNode.bind("P-CSCF", TransportConfig.builder().listen(config.pcscf().listen(),
          config.pcscf().port()).eventLoopGroup(loops.group()).observer(sipObserver(Function.PCSCF))
          .largeUdpRequests(TransportConfig.LargeUdpRequests.SEND_OVER_UDP).build(), table));
    }
    int scscfPort = scscf != null ? scscf.address().getPort() : config.scscf().port();
    // The S-CSCF's name on Cx (ARCHITECTURE.md): sip:scscf.DOMAIN:PORT, resolved by the host table.
    serverName = "sip:scscf." + domain + ":" + scscfPort;

    InetSocketAddress hssAddress = new InetSocketAddress(ip(config.hss().listen()), config.hss().port());
    if (functions.contains(Function.HSS)) {
      hss = own(HssServer.start(hssConfig(hssAddress), new InetSocketAddress(ip(config.hss().apiListen()),
          config.hss().apiPort()), loops.group()));
      hssAddress = hss.hss().diameterAddress();
    }
    // An HSS in this process is up already: wait for the Cx connections, so the first REGISTER finds them. An
    // HSS elsewhere may start later; the CSCFs answer 5xx until their connection comes up.
    Duration waitForHss = hss != null ? WAIT_FOR_HSS : Duration.ZERO;
    Clock clock = Clock.systemUTC();
    LongSupplier tokens = RANDOM::nextLong;
    String hssHost = "hss." + domain;
    if (scscf != null) {
      CxPeer cx = own(CxPeer.connect(new CxPeer.Settings("scscf." + domain, domain,
          scscf.address().getAddress(), hssHost, hssAddress, waitForHss), loops.group()));
      observeCx(cx, Function.SCSCF);
      CoreConfig.Scscf s = config.scscf();
      InetSocketAddress a = scscf.address();
      ScscfConfig scscfConfig = new ScscfConfig(serverName, domain,
          NameAddress.parse("<sip:orig@" + hostPort(a) + ";lr>"),
          AuthScheme.UNKNOWN,
          "auth,auth-int", s.defaultExpires(), s.minExpires(), s.maxExpires(), Duration.ofSeconds(30), 3,
          30);
      InMemoryBindingStore bindings = new InMemoryBindingStore();
      ScscfRegistrar registrar = new ScscfRegistrar(scscfConfig, cx.client(), bindings,
          new InMemoryChallengeStore(), clock, tokens);
      // Targets in the home network go to the I-CSCF for the LIR (TS 24.229 §5.4.3.2), by address like the Path.
      SessionRouter sessions = new SessionRouter(new SessionRouter.Config(domain,
          NameAddress.parse("<sip:" + hostPort(icscfAddressForRouting()) + ";lr>"), serverName,
          new ForkingConfig(s.forking(), Duration.ofSeconds(s.branchTimeoutSeconds()),
              Duration.ofSeconds(s.noAnswerSeconds())), NumberTable.of(s.numbers())), bindings, clock);
      scscfRegistrar = registrar;
      RegEventNotifier notifier = new RegEventNotifier(RegEventConfig.defaults(
          SipUri.parse("sip:" + hostPort(a))), registrar, clock, tokens);
      own(ScscfServer.serve(scscf, registrar, notifier, sessions, cx,
          Duration.ofSeconds(s.expiryCheckSeconds())));
    }
    if (icscf != null) {
      CxPeer cx = own(CxPeer.connect(new CxPeer.Settings("icscf." + domain, domain,
          icscf.address().getAddress(), hssHost, hssAddress, waitForHss), loops.group()));
      observeCx(cx, Function.ICSCF);
      IcscfConfig icscfConfig = new IcscfConfig(List.of(new ScscfEntry(serverName, Set.of())), domain, 30);
      IcscfServer.serve(icscf, new IcscfRegistrar(icscfConfig, cx.client()),
          new TerminatingRouter(icscfConfig, cx.client()));
    }
    if (pcscf != null) {
      InetSocketAddress a = pcscf.address();
      InetSocketAddress i = icscfAddressForRouting();
      // Path and the I-CSCF route name addresses, not names: each function knows its own addresses, so it
      // recognises the Route values meant for it (RFC 3261 §16.4).
      PcscfConfig pcscfConfig = new PcscfConfig(domain, NameAddress.parse("<sip:term@" + hostPort(a) + ";lr>"),
          domain, NameAddress.parse("<sip:" + hostPort(i) + ";lr>"), a.getAddress().getHostAddress(),
          domain);
      InMemoryPcscfBindingStore bindings = new InMemoryPcscfBindingStore();
      PcscfServer.serve(pcscf, new PcscfRegistrar(pcscfConfig, bindings, clock,
          new IcidGenerator(clock, new SecureRandom())), bindings);
    }
    log.info("imscore core running: {}", describe());
  }

  /** The I-CSCF's address as the other functions route to it: its socket here, else the configured one. */
  private InetSocketAddress icscfAddressForRouting() {
    return icscf != null ? icscf.address()
        : new InetSocketAddress(ip(config.icscf().listen()), config.icscf().port());
  }

  private HssConfig hssConfig(InetSocketAddress diameter) {
    String domain = config.domain();
    StoreConfig store = config.hss().store() == CoreConfig.Store.MEMORY
        ? StoreConfig.h2InMemory("hss-" + UUID.randomUUID())
        : StoreConfig.h2File(Path.of(config.hss().dataDir()));
    CxConfig cx = new CxConfig("hss." + domain, domain,
        new ServerCapabilities(List.of(), List.of(), List.of(serverName)), Set.of(), 5, 0);
    return new HssConfig(store, cx, diameter);
  }

  private TransportConfig listen(String ip, int port, Function function) {
    return TransportConfig.builder().listen(ip, port).eventLoopGroup(loops.group()).observer(sipObserver(function))
        .build();
  }

  /** The transport's tap for {@code function}; none at all when nobody observes (the transport's fast path). */
  private org.imscore.sip.transport.MessageObserver sipObserver(Function function) {
    if (observer == CoreObserver.NONE) {
      return org.imscore.sip.transport.MessageObserver.NONE;
    }
    return (direction, transport, local, remote, message) -> observer.sip(function,
        direction == org.imscore.sip.transport.MessageObserver.Direction.SENT
            ? CoreObserver.Direction.SENT : CoreObserver.Direction.RECEIVED, local, remote, message);
  }

  private void observeCx(CxPeer cx, Function function) {
    if (observer != CoreObserver.NONE) {
      cx.node().observe((direction, local, remote, message) -> observer.cx(function,
          direction == org.imscore.diameter.peer.MessageObserver.Direction.SENT
              ? CoreObserver.Direction.SENT : CoreObserver.Direction.RECEIVED, message));
    }
  }

  private SipNode sip(SipNode node) {
    sipNodes.add(node);
    return node;
  }

  private <T extends AutoCloseable> T own(T resource) {
    resources.add(resource);
    return resource;
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal, e);
    }
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** Tags, nonces' random part, reg-event ids: 64 random bits each. */
  private static final SecureRandom RANDOM = new SecureRandom();

  // ---------------------------------------------------------------------------------------------- accessors

  public CoreConfig config() {
    return config;
  }

  public Set<Function> functions() {
    return functions;
  }

  public String domain() {
    return config.domain();
  }

  /** Where UEs send their requests: the P-CSCF, UDP and TCP on this one port. */
  public InetSocketAddress pcscfAddress() {
    return running(pcscf, Function.PCSCF).address();
  }

  public InetSocketAddress icscfAddress() {
    return running(icscf, Function.ICSCF).address();
  }

  public InetSocketAddress scscfAddress() {
    return running(scscf, Function.SCSCF).address();
  }

  /** The S-CSCF's Server-Name on Cx, {@code sip:scscf.DOMAIN:PORT}. */
  public String scscfServerName() {
    return serverName;
  }

  /**
   * The contacts the S-CSCF holds as registered for a public identity ({@code sip:alice@DOMAIN}), as URIs; empty
   * when it is not registered.
   */
  public List<String> registeredContacts(String publicIdentity) {
    return running(scscfRegistrar, Function.SCSCF).registrations(Identities.key(publicIdentity)).stream()
        .filter(r -> Identities.key(r.aor()).equals(Identities.key(publicIdentity)))
        .flatMap(r -> r.contacts().stream())
        .filter(c -> c.state() == RegInfo.ContactState.ACTIVE)
        .map(RegInfo.Contact::uri)
        .toList();
  }

  /** The HSS (store, Cx server, provisioning) when this process runs it. */
  public HssNode hss() {
    return running(hss, Function.HSS).hss();
  }

  /** Subscriber provisioning, as the REST API uses it. */
  public ProvisioningService provisioning() {
    return hss().provisioning();
  }

  public InetSocketAddress hssDiameterAddress() {
    return hss().diameterAddress();
  }

  /** The REST API's base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String apiUrl() {
    return running(hss, Function.HSS).api().url();
  }

  public int apiPort() {
    return running(hss, Function.HSS).api().address().getPort();
  }

  private <T> T running(T part, Function function) {
    if (part == null) {
      throw new IllegalStateException(function + " does not run in this process (running: " + functions + ")");
    }
    return part;
  }

  /** One line naming each running function and its addresses. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (pcscf != null) {
      parts.add("P-CSCF " + hostPort(pcscf.address()));
    }
    if (icscf != null) {
      parts.add("I-CSCF " + hostPort(icscf.address()));
    }
    if (scscf != null) {
      parts.add("S-CSCF " + hostPort(scscf.address()) + " (" + serverName + ")");
    }
    if (hss != null) {
      parts.add("HSS Cx " + hostPort(hss.hss().diameterAddress()) + ", REST " + hss.api().url());
    }
    return "domain " + config.domain() + ": " + String.join(", ", parts) + " (UDP and TCP)";
  }

  /** Stops every function, SIP first, the HSS (which commits running Cx requests) last. */
  @Override
  public synchronized void close() {
    for (SipNode node : sipNodes) {
      node.close();
    }
    sipNodes.clear();
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("closing {}: {}", resources.get(i), e.toString());
      }
    }
    resources.clear();
  }
}
