package org.imscore.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.UsimSqnState;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.server.run.Core;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.ua.IncomingRequest;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.imscore.testkit.ue.TestUe;
import org.imscore.testkit.ue.UeConfig;
import org.imscore.testkit.ue.UeCredentials;

/** Subscribers and registered test UEs on a running core, each test with users of its own. */
final class CallFixture implements AutoCloseable {

  private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
  private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
  private static final String AMF = "8000";
  private static final SubscriberKeys KEYS = new SubscriberKeys(Octets.fromHex(K), Octets.fromHex(OPC),
      Octets.fromHex(AMF));
  private static final AtomicInteger NEXT = new AtomicInteger();

  private final Core core;
  private final List<TestUe> ues = new ArrayList<>();

  CallFixture(Core core) {
    this.core = core;
  }

  String domain() {
    return core.domain();
  }

  /** A user name no other test uses. */
  /** Waits up to {@code wait} for {@code invite} to be cancelled, and fails if it was not. */
  static void awaitCancelled(IncomingRequest invite, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!invite.isCancelled() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(invite.isCancelled()).as("CANCEL reached " + invite.request().requestUri()).isTrue();
  }

  static String unique(String name) {
    return name + NEXT.incrementAndGet();
  }

  SipUri impu(String user) {
    return SipUri.of(user, domain());
  }

  /** Provisions {@code user} with its SIP identity and, in the same implicit set, {@code more} (e.g. a tel URI). */
  void provision(String user, String... more) {
    List<PublicIdentity> identities = new ArrayList<>();
    identities.add(new PublicIdentity(impu(user).toString(), false, 1, "default"));
    for (String m : more) {
      identities.add(new PublicIdentity(m, false, 1, "default"));
    }
    core.provisioning().create(new SubscriberSpec(user + "@" + domain(), new AuthCredentials(K, OPC, null, AMF,
        null), 0, identities, List.of()));
  }

  /** A UE for {@code user} (provisioned already) over {@code transport}, not yet registered. */
  TestUe ue(String user, Transport transport, String instance) {
    TestUe ue = TestUe.start(UeConfig.of(user + "@" + domain(), impu(user), domain(),
        new Endpoint(transport, core.pcscfAddress()), UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT)))
        .withInstanceId(instance)
        .withAutoAnswer(true)
        .withResponseTimeout(Duration.ofSeconds(20)));
    ues.add(ue);
    return ue;
  }

  /** Provisions {@code user}, starts a UE for it over UDP and registers it. */
  TestUe registered(String user) {
    provision(user);
    return registeredUe(user, Transport.UDP, "urn:uuid:00000000-0000-0000-0000-" + String.format("%012d",
        NEXT.incrementAndGet()));
  }

  TestUe registeredUe(String user, Transport transport, String instance) {
    TestUe ue = ue(user, transport, instance);
    ue.register().registration();
    return ue;
  }

  /**
   * An out-of-dialog request from {@code ue} as a phone builds it (TS 24.229 §5.1.2A.1): the P-CSCF and the
   * Service-Route as Route; the caller adds a body and sends it with {@code ue.userAgent()}.
   */
  static SipRequest.Builder request(TestUe ue, String method, Uri target) {
    NameAddress from = NameAddress.of(ue.config().impu());
    SipRequest.Builder b = ue.userAgent().newRequest(method, target, from, NameAddress.of(target),
        ue.config().transport());
    InetSocketAddress p = ue.config().pcscf().address();
    String transport = ue.config().transport() == Transport.UDP ? "" : ";transport=tcp";
    b.add(HeaderNames.ROUTE, "<sip:" + p.getAddress().getHostAddress() + ":" + p.getPort() + ";lr" + transport + ">");
    ue.registration().orElseThrow().serviceRoutes().forEach(r -> b.add(HeaderNames.ROUTE, r.toString()));
    return b;
  }

  @Override
  public void close() {
    ues.forEach(TestUe::close);
  }
}
