package org.imscore.server.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.imscore.server.Lifetime;
import org.imscore.sip.proxy.ProxyConfig;
import org.imscore.sip.proxy.StatefulProxy;
import org.imscore.sip.proxy.StaticRoutes;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imscore proxy}: a transaction-stateful SIP proxy (RFC 3261 §16) with a static routing table, until
 * Ctrl-C. It is the SIP engine without any IMS role on top: what the proxy benchmark measures, and a handy relay
 * in front of test peers. The proxy logs one INFO line per transaction.
 */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = "Run a stateful SIP proxy (UDP and TCP) with static routes, until Ctrl-C.")
public final class ProxyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5060",
      description = "Where the proxy listens, on UDP and TCP; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--route", paramLabel = "KEY=[tcp:|udp:]HOST:PORT", required = true,
      description = "A static route: requests for KEY (a domain, or user@domain) go to HOST:PORT (UDP unless "
          + "tcp: is given). Repeat for more routes; repeating a KEY forks to every hop given for it.")
  List<String> routes;

  @Option(names = "--domain", paramLabel = "DOMAIN",
      description = "A domain this proxy is responsible for; repeat for more (default: the domains of the routes).")
  List<String> domains;

  @Option(names = "--no-record-route", description = "Do not Record-Route: stay out of the dialogs' paths.")
  boolean noRecordRoute;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "Network event-loop threads; 0 lets the transport choose (default: ${DEFAULT-VALUE}).")
  int threads;

  /** Until Ctrl-C; tests stop a running command through it. */
  final Lifetime lifetime = new Lifetime();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProxyConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    StatefulProxy proxy;
    try {
      proxy = StatefulProxy.start(config);
    } catch (RuntimeException e) {
      err.println("error: cannot start the proxy on " + listen + ": " + e.getMessage());
      return 1;
    }
    lifetime.closeOnExit("proxy", proxy::close);
    out.println("proxy running on " + proxy.listeningPoints().stream().map(Object::toString)
        .collect(Collectors.joining(", ")) + " for " + String.join(", ", config.domains())
        + "; Ctrl-C stops");
    out.flush();
    lifetime.await();
    return 0;
  }

  ProxyConfig config() {
    InetSocketAddress at = HssCommand.address("--listen", listen);
    if (threads < 0) {
      throw new IllegalArgumentException("--threads " + threads + " must be 0 or more");
    }
    Map<String, List<Endpoint>> table = new LinkedHashMap<>();
    for (String route : routes) {
      Route parsed = Route.parse(route);
      table.computeIfAbsent(parsed.key(), k -> new ArrayList<>()).add(parsed.hop());
    }
    Set<String> ours = new LinkedHashSet<>();
    if (domains != null) {
      domains.forEach(d -> ours.add(d.toLowerCase(Locale.ROOT)));
    } else {
      table.keySet().forEach(key -> ours.add(key.substring(key.indexOf('@') + 1)));
    }
    TransportConfig transport = TransportConfig.builder()
        .listen(at.getHostString(), at.getPort())
        .eventLoopThreads(threads)
        .build();
    return ProxyConfig.of(transport, ours)
        .withRoutes(new StaticRoutes(table))
        .withRecordRoute(!noRecordRoute);
  }

  /** One {@code --route KEY=[tcp:|udp:]HOST:PORT}. */
  record Route(String key, Endpoint hop) {

    static Route parse(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0 || eq == value.length() - 1) {
        throw new IllegalArgumentException("--route " + value
            + " is not KEY=HOST:PORT, e.g. --route example.com=127.0.0.1:5070");
      }
      String key = value.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      int at = key.indexOf('@');
      if (key.isEmpty() || at == 0 || at == key.length() - 1 || key.indexOf('@', at + 1) >= 0
          || key.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("--route " + value
            + ": the key must be a domain or user@domain, e.g. example.com or bob@example.com");
      }
      String hop = value.substring(eq + 1).trim();
      Transport transport = Transport.UDP;
      String lower = hop.toLowerCase(Locale.ROOT);
      if (lower.startsWith("tcp:")) {
        transport = Transport.TCP;
        hop = hop.substring(4);
      } else if (lower.startsWith("udp:")) {
        hop = hop.substring(4);
      }
      int colon = hop.lastIndexOf(':');
      if (colon <= 0 || colon == hop.length() - 1) {
        throw new IllegalArgumentException("--route " + value
            + ": after '=' comes HOST:PORT, e.g. --route example.com=127.0.0.1:5070");
      }
      int port;
      try {
        port = Integer.parseInt(hop.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--route " + value + ": the port must be a number 1-65535");
      }
      InetSocketAddress address = new InetSocketAddress(hop.substring(0, colon).replace("[", "").replace("]", ""),
          port);
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("--route " + value + ": cannot resolve host " + address.getHostString());
      }
      return new Route(key, new Endpoint(transport, address));
    }
  }
}
