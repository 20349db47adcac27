package org.imscore.hss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
    Assumptions.assumeTrue(installed(), "tshark is not installed");
    Path capture = dir.resolve("hss.pcapng");
    Process tshark = null;
    int port;
    try (HssNode hss = HssNode.start(HssConfig.defaults(dir).withDiameter(new InetSocketAddress("127.0.0.1", 0)))) {
      hss.provisioning().create(Subscribers.simple("alice", "tel:+15550001"));
      hss.provisioning().patch(IMPI, new SubscriberPatch(null, null, null, null, null, "secret", null, null));
      port = hss.diameterAddress().getPort();
      tshark = startCapture(port, capture);
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
        Thread.sleep(500);
        tshark.destroy();
        tshark.waitFor(10, TimeUnit.SECONDS);
      }
    }

    String decoded = run("tshark", "-r", capture.toString(), "-d", "tcp.port==" + port + ",diameter", "-V");
    for (String name : List.of("User-Authorization", "Multimedia-Auth", "Server-Assignment", "Location-Info",
        "Registration-Termination")) {
      assertThat(decoded).contains("Command Code: " + name + " (");
    }
    assertThat(decoded).contains("SIP-Authenticate", "SIP-Authorization", "Confidentiality-Key", "Integrity-Key",
        "SIP-Digest-Authenticate", "Digest-HA1", "User-Data", "Server-Capabilities", "Deregistration-Reason",
        "IMSSubscription");
    assertThat(decoded).doesNotContainIgnoringCase("malformed");
    assertThat(decoded.lines().filter(l -> l.contains("AVP Code:") && l.contains("Unknown")).toList())
        .as("AVPs tshark does not know").isEmpty();
    assertThat(decoded).doesNotContain("Expert Info (Error");
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

  private static boolean installed() {
    try {
      return new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts tshark and waits until it captures; skips the test where capturing is not permitted. */
  private static Process startCapture(int port, Path file) throws Exception {
    Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "tcp port " + port, "-w", file.toString())
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(tshark.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
      StringBuilder seen = new StringBuilder();
      try {
        for (String line; (line = out.readLine()) != null; ) {
          seen.append(line).append('\n');
          if (line.contains("Capturing on")) {
            return null;
          }
        }
      } catch (IOException e) {
        seen.append(e);
      }
      return seen.toString();
    });
    String failure = started.get(20, TimeUnit.SECONDS);
    if (failure != null) {
      tshark.destroy();
      Assumptions.abort("tshark cannot capture on lo here: " + failure.strip());
    }
    Thread.ofVirtual().start(() -> out.lines().forEach(line -> { }));
    // "Capturing on" can come a moment before the capture filter is in place.
    Thread.sleep(1000);
    return tshark;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output;
  }
}
