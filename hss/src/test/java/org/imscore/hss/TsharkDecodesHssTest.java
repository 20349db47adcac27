package org.imscore.hss;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.LocationInfoRequest;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.RegistrationTerminationAnswer;
import org.imscore.diameter.cx.ServerAssignmentRequest;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.cx.UserAuthorizationRequest;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.peer.DiameterNode;
import org.imscore.diameter.peer.NodeConfig;
import org.imscore.diameter.peer.RemotePeer;
import org.imscore.hss.cx.CxConfig;
import org.imscore.hss.provisioning.SubscriberPatch;
import org.imscore.hss.testing.Subscribers;
import org.imscore.testkit.capture.TsharkCapture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's Diameter dissector, an independent implementation, reads what the HSS really sends:
 * UAA, MAA with AKA vectors and with SIP-Digest-Authenticate, SAA with User-Data, LIA and an RTR,
 * captured on loopback. Nothing may be malformed or unknown. Skipped when tshark cannot capture.
 */
class TsharkDecodesHssTest {

  private static final String REALM = CxConfig.DEFAULT_REALM;
  private static final String CSCF = "scscf." + REALM;
  private static final String SERVER_NAME = "sip:scscf." + REALM + ":6060";
  private static final String IMPI = Subscribers.impi("alice");
  private static final String IMPU = Subscribers.sip("alice");

  @TempDir Path dir;

  @Test
  void everyAnswerAndRequestOfTheHssDecodesCleanly() throws Exception {
    Path capture = dir.resolve("hss.pcapng");
    TsharkCapture tshark = null;
    int port;
    try (HssNode hss = HssNode.start(HssConfig.defaults(dir).withDiameter(new InetSocketAddress("127.0.0.1", 0)))) {
      hss.provisioning().create(Subscribers.simple("alice", "tel:+15550001"));
      hss.provisioning().patch(IMPI, new SubscriberPatch(null, null, null, null, null, "secret", null, null));
      port = hss.diameterAddress().getPort();
      tshark = TsharkCapture.start("tcp port " + port, capture).orElse(null);
      Assumptions.assumeTrue(tshark != null, TsharkCapture.unavailableReason());
      try (DiameterNode cscf =
          new DiameterNode(NodeConfig.cx(CSCF, REALM, InetAddress.getLoopbackAddress()), Dictionaries.cx(),
              (request, from) -> CompletableFuture.completedFuture(
                  new RegistrationTerminationAnswer(CxResult.SUCCESS, List.of()).toMessage(request, CSCF, REALM)))) {
        cscf.connect(new RemotePeer(hss.config().cx().originHost(), REALM, hss.diameterAddress())).get(10, TimeUnit.SECONDS);
        conversation(cscf);
        hss.provisioning().deregister(IMPI);
        Thread.sleep(500); // the RTR and its answer
      }
    } finally {
      if (tshark != null) {
        tshark.close();
      }
    }

    String decoded = tshark.decodeVerbose("-d", "tcp.port==" + port + ",diameter");
    for (String name : List.of("User-Authorization", "Multimedia-Auth", "Server-Assignment", "Location-Info",
        "Registration-Termination")) {
      assertThat(decoded).contains("Command Code: " + name + " (");
    }
    assertThat(decoded).contains("SIP-Authenticate", "SIP-Authorization", "Confidentiality-Key", "Integrity-Key",
        "SIP-Digest-Authenticate", "Digest-HA1", "User-Data", "Server-Capabilities", "Deregistration-Reason",
        "IMSSubscription");
    assertThat(TsharkCapture.problems(decoded)).as("malformed packets and expert errors").isEmpty();
    assertThat(TsharkCapture.unknownAvps(decoded)).as("AVPs tshark does not know").isEmpty();
  }

  private static void conversation(DiameterNode cscf) throws Exception {
    CxRequestHeader h = CxRequestHeader.of(cscf.newSessionId(), CSCF, REALM, null, REALM);
    List<DiameterMessage> requests = List.of(
        new UserAuthorizationRequest(h, IMPI, IMPU, REALM, 0, OptionalLong.empty(), List.of()).toMessage(),
        new MultimediaAuthRequest(h, IMPI, IMPU, SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 2, SERVER_NAME,
            List.of()).toMessage(),
        new MultimediaAuthRequest(h, IMPI, IMPU, SipAuthDataItem.request(Cx.SCHEME_DIGEST), 1, SERVER_NAME,
            List.of()).toMessage(),
        new ServerAssignmentRequest(h, Optional.of(IMPI), List.of(IMPU), Optional.empty(), SERVER_NAME,
            ServerAssignmentType.REGISTRATION.value(), false, OptionalInt.empty(), OptionalLong.empty(), List.of())
            .toMessage(),
        new LocationInfoRequest(h, "tel:+15550001", false, OptionalInt.empty(), OptionalInt.empty()).toMessage());
    for (DiameterMessage request : requests) {
      assertThat(CxResult.from(cscf.send(request).get(10, TimeUnit.SECONDS)).orElseThrow().isSuccess()).isTrue();
    }
  }
}
