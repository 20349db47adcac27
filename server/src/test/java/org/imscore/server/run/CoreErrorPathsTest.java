package org.imscore.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a UE gets back from the core for each kind of request it cannot serve, sent as raw UDP datagrams to the
 * P-CSCF of a running core (all four functions on loopback sockets): every one gets a precise final response.
 */
class CoreErrorPathsTest {

  static Core core;
  static String domain;

  @BeforeAll
  static void start() {
    core = Core.start(CoreConfig.ephemeral());
    domain = core.domain();
  }

  @AfterAll
  static void stop() {
    core.close();
  }

  static String register(String user, String extraHeaders) {
    String branch = "z9hG4bK" + UUID.randomUUID();
    return "REGISTER sip:" + domain + " SIP/2.0\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:PORT;branch=" + branch + "\n"
        + "From: <sip:" + user + "@" + domain + ">;tag=ue1\n"
        + "To: <sip:" + user + "@" + domain + ">\n"
        + "Call-ID: " + UUID.randomUUID() + "\n"
        + "CSeq: 1 REGISTER\n"
        + extraHeaders
        + "Contact: <sip:" + user + "@127.0.0.1:PORT>;expires=600\n"
        + "Content-Length: 0\n\n";
  }

  @Test
  void anUnknownSubscriberIsForbiddenByTheHssVerdict() throws IOException {
    assertThat(UdpExchange.exchange(core.pcscfAddress(), register("mallory", "Max-Forwards: 70\n")))
        .isEqualTo("SIP/2.0 403 Forbidden - User unknown");
  }

  @Test
  void maxForwardsZeroIsTooManyHops() throws IOException {
    assertThat(UdpExchange.exchange(core.pcscfAddress(), register("alice", "Max-Forwards: 0\n")))
        .isEqualTo("SIP/2.0 483 Too Many Hops");
  }

  @Test
  void aBadCSeqIsRefusedNamingTheHeader() throws IOException {
    String request = register("alice", "Max-Forwards: 70\n").replace("CSeq: 1 REGISTER", "CSeq: one REGISTER");
    assertThat(UdpExchange.exchange(core.pcscfAddress(), request)).isEqualTo("SIP/2.0 400 Bad CSeq header");
  }

  @Test
  void anUnregisteredUeMayNotSendAnythingElse() throws IOException {
    String message = UdpExchange.message("alice", "bob", domain);
    assertThat(UdpExchange.exchange(core.pcscfAddress(), message)).isEqualTo("SIP/2.0 403 Forbidden - Not registered");
  }

  @Test
  void aCoreWhoseHssIsDownAnswersServerTimeoutNotForbidden() throws IOException {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    CoreConfig config = CoreConfig.ephemeral();
    config = config.withHss(new CoreConfig.Hss("127.0.0.1", deadPort, "127.0.0.1", 0, CoreConfig.Store.MEMORY,
        config.hss().dataDir()));
    try (Core withoutHss = Core.start(config, EnumSet.of(Core.Function.PCSCF, Core.Function.ICSCF,
        Core.Function.SCSCF))) {
      String status = UdpExchange.exchange(withoutHss.pcscfAddress(), register("alice", "Max-Forwards: 70\n"));
      // TS 24.229 §5.3.1.2: an HSS that cannot be reached is 504 with Retry-After, so the UE tries again.
      assertThat(status).startsWith("SIP/2.0 504 ");
    }
  }
}
