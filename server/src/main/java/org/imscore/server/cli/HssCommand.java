package org.imscore.server.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.imscore.server.Lifetime;
import org.imscore.diameter.cx.ServerCapabilities;
import org.imscore.hss.HssConfig;
import org.imscore.hss.cx.CxConfig;
import org.imscore.hss.store.StoreConfig;
import org.imscore.server.HssServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imscore hss}: runs the HSS alone (subscriber store, Cx server, REST API) until Ctrl-C.
 * The shutdown hook closes the API, lets running Cx requests commit and closes the store.
 */
@Command(
    name = "hss",
    mixinStandardHelpOptions = true,
    description = "Run the HSS: Cx (Diameter) server, subscriber store and REST API, until Ctrl-C.")
public final class HssCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
      description = "Directory of the embedded H2 database (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--db-url", paramLabel = "URL",
      description = "JDBC URL of the store instead of H2, e.g. jdbc:postgresql://localhost/imscore.")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "USER", defaultValue = "", description = "Database user.")
  String dbUser;

  @Option(names = "--db-password", paramLabel = "PW", defaultValue = "", description = "Database password.")
  String dbPassword;

  @Option(names = "--realm", paramLabel = "REALM", defaultValue = CxConfig.DEFAULT_REALM,
      description = "Diameter realm and home domain (default: ${DEFAULT-VALUE}).")
  String realm;

  @Option(names = "--origin-host", paramLabel = "HOST", description = "Diameter identity (default: hss.REALM).")
  String originHost;

  @Option(names = "--cx-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:3868",
      description = "Where the Cx server listens (default: ${DEFAULT-VALUE}).")
  String cxListen;

  @Option(names = "--api-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
      description = "Where the REST API listens (default: ${DEFAULT-VALUE}).")
  String apiListen;

  @Option(names = "--scscf", paramLabel = "URI",
      description = "S-CSCF offered to I-CSCFs in Server-Capabilities; repeat for more (default: sip:scscf.REALM:6060).")
  List<String> scscfs;

  /** Until Ctrl-C; tests stop a running command through it. */
  final Lifetime lifetime = new Lifetime();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HssConfig config;
    InetSocketAddress api;
    try {
      config = config();
      api = address("--api-listen", apiListen);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    HssServer server;
    try {
      server = HssServer.start(config, api);
    } catch (RuntimeException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    lifetime.closeOnExit("hss", server::close);
    InetSocketAddress cx = server.hss().diameterAddress();
    out.println("HSS " + config.cx().originHost() + " running: Cx on " + cx.getHostString() + ":" + cx.getPort()
        + ", REST API on " + server.api().url() + "; Ctrl-C stops");
    out.flush();
    lifetime.await();
    return 0;
  }

  HssConfig config() {
    StoreConfig store = dbUrl == null ? StoreConfig.h2File(data) : StoreConfig.jdbc(dbUrl, dbUser, dbPassword);
    String host = originHost != null ? originHost : "hss." + realm;
    List<String> names = scscfs != null ? scscfs : List.of("sip:scscf." + realm + ":6060");
    CxConfig cx = new CxConfig(host, realm, new ServerCapabilities(List.of(), List.of(), names), Set.of(), 5, 0);
    return new HssConfig(store, cx, address("--cx-listen", cxListen));
  }

  static InetSocketAddress address(String option, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException(option + " " + value + " is not HOST:PORT, e.g. 127.0.0.1:3868");
    }
    String host = value.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + value + ": the port must be a number 0-65535");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " " + value + ": the port must be 0-65535");
    }
    return new InetSocketAddress(host, port);
  }
}
