package org.imscore.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imscore.server.run.DemoSubscribers.Demo;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.Via;
import org.imscore.testkit.sipp.SippResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent UEs, all SIPp with its own AKA, call and message each other through the whole core over UDP: an
 * answered call, a reliable 183 with PRACK, a CANCEL while ringing, a call forked to two contacts, the 480 and 404
 * the core answers itself, and MESSAGE. Every hop is a socket: caller -> P-CSCF -> S-CSCF (originating) -> I-CSCF
 * (LIR at the HSS) -> S-CSCF (terminating) -> P-CSCF -> callee, and requests inside a dialog follow the Record-Route
 * values back through both CSCFs. What each peer saw is checked in its scenario (the messages expected, headers by
 * regular expression), so a SIPp run succeeds only when all of it held; a few checks that need the core's addresses
 * read the callee's message log back.
 */
class SippCallTest {

  @TempDir
  static Path work;
  static SippPeers peers;

  @BeforeAll
  static void start() {
    peers = SippPeers.start(work);
  }

  @AfterAll
  static void stop() {
    if (peers != null) {
      peers.close();
    }
  }

  /** INVITE, 100, 180, 200, ACK, BYE, 200: bob registers and waits as a UAS on the port he registered from. */
  @Test
  void aliceCallsBob() throws Exception {
    Demo alice = peers.subscriber("alice");
    Demo bob = peers.subscriber("bob");
    SippPeers.Callee callee = peers.listen("ims-call-uas.xml", peers.register(bob));

    SippResult caller = peers.play("ims-call-uac.xml", alice, Map.of(), List.of(bob.user()));

    assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
    assertAllSucceeded(callee);
  }

  /**
   * RFC 3262 through the core: bob's SDP answer comes in a reliable 183 (Require: 100rel, RSeq); alice's PRACK
   * (RAck) follows the early dialog's route set through both CSCF sides and gets bob's 200; then 180, 200, ACK, BYE.
   */
  @Test
  void aReliableProvisionalIsAcknowledgedWithPrack() throws Exception {
    Demo alice = peers.subscriber("alice");
    Demo bob = peers.subscriber("bob");
    SippPeers.Callee callee = peers.listen("ims-call-prack-uas.xml", peers.register(bob));

    SippResult caller = peers.play("ims-call-prack-uac.xml", alice, Map.of(), List.of(bob.user()));

    assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
    assertAllSucceeded(callee);
    // The proxies' Vias on the PRACK at bob, nearest first: the P-CSCF of each side with the S-CSCF between them.
    SipRequest prack = callee.received(SipRequest.PRACK).get(0);
    List<Integer> proxies = prack.vias().subList(0, prack.vias().size() - 1).stream().map(Via::port).toList();
    int pcscf = peers.core().pcscfAddress().getPort();
    assertThat(proxies).as("ports in the PRACK's Vias").startsWith(pcscf).endsWith(pcscf)
        .contains(peers.core().scscfAddress().getPort());
  }

  /**
   * Alice hangs up while bob rings: 200 for her CANCEL and 487 for her INVITE, which she acknowledges; bob gets a
   * CANCEL, answers 200 and 487, and gets the ACK for the 487 from the P-CSCF, whose transaction it ends.
   */
  @Test
  void aCancelWhileRingingEndsTheCallWith487OnBothSides() throws Exception {
    Demo alice = peers.subscriber("alice");
    Demo bob = peers.subscriber("bob");
    SippPeers.Callee callee = peers.listen("ims-ring-cancelled-uas.xml", peers.register(bob));

    SippResult caller = peers.play("ims-call-cancel-uac.xml", alice, Map.of(), List.of(bob.user()));

    assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
    assertAllSucceeded(callee);
    // Hop by hop: the P-CSCF's INVITE transaction acknowledges the 487 itself, so the ACK carries its Via alone,
    // with the branch of the INVITE it sent bob (RFC 3261 17.1.1.3).
    Via invite = callee.received(SipRequest.INVITE).get(0).topVia();
    assertThat(invite.port()).isEqualTo(peers.core().pcscfAddress().getPort());
    assertThat(callee.received(SipRequest.ACK)).as("the ACK for the 487 at bob").singleElement()
        .satisfies(ack -> assertThat(ack.vias()).containsExactly(invite));
  }

  /** The S-CSCF finds no contact of a provisioned user (480) and the HSS does not know another one (404). */
  @Test
  void aCallToAnUnregisteredUserGets480AndToAnUnknownUser404() {
    Demo alice = peers.subscriber("alice");
    Demo offline = peers.subscriber("offline");
    Demo nobody = peers.unprovisioned("nobody");

    SippResult unregistered = peers.play("ims-call-rejected-uac.xml", alice, Map.of("STATUS", "480"),
        List.of(offline.user()));
    SippResult unknown = peers.play("ims-call-rejected-uac.xml", alice, Map.of("STATUS", "404"),
        List.of(nobody.user()));

    assertThat(unregistered.allCallsSucceeded()).as(unregistered.describe()).isTrue();
    assertThat(unknown.allCallsSucceeded()).as(unknown.describe()).isTrue();
  }

  /**
   * Parallel forking (RFC 3261 16.7): bob has two contacts, each a SIPp registration from its own port; both get
   * the INVITE, the desk answers, the mobile only rings and is cancelled (it answers 200 and 487).
   */
  @Test
  void aCallForksToBothContactsAndTheOneThatOnlyRangIsCancelled() throws Exception {
    Demo alice = peers.subscriber("alice");
    Demo bob = peers.subscriber("bob");
    int deskPort = peers.register(bob);
    int mobilePort = peers.register(bob);
    assertThat(peers.core().registeredContacts(bob.impu(peers.domain()))).hasSize(2);
    SippPeers.Callee desk = peers.listen("ims-call-uas.xml", deskPort);
    SippPeers.Callee mobile = peers.listen("ims-ring-cancelled-uas.xml", mobilePort);

    SippResult caller = peers.play("ims-call-uac.xml", alice, Map.of(), List.of(bob.user()));

    assertThat(caller.allCallsSucceeded()).as(caller.describe()).isTrue();
    assertAllSucceeded(desk);
    assertAllSucceeded(mobile);
  }

  /** RFC 3428 page mode: a text/plain MESSAGE reaches bob's SIPp (body and asserted sender checked there), 200. */
  @Test
  void aMessageIsDeliveredAndAnswered200() throws Exception {
    Demo alice = peers.subscriber("alice");
    Demo bob = peers.subscriber("bob");
    SippPeers.Callee recipient = peers.listen("ims-message-uas.xml", peers.register(bob));

    SippResult sender = peers.play("ims-message-uac.xml", alice, Map.of("STATUS", "200"), List.of(bob.user()));

    assertThat(sender.allCallsSucceeded()).as(sender.describe()).isTrue();
    assertAllSucceeded(recipient);
  }

  @Test
  void aMessageToAnUnregisteredUserGets480() {
    Demo alice = peers.subscriber("alice");
    Demo offline = peers.subscriber("offline");

    SippResult sender = peers.play("ims-message-uac.xml", alice, Map.of("STATUS", "480"), List.of(offline.user()));

    assertThat(sender.allCallsSucceeded()).as(sender.describe()).isTrue();
  }

  private static void assertAllSucceeded(SippPeers.Callee callee) throws Exception {
    SippResult result = callee.result();
    assertThat(result.allCallsSucceeded()).as(callee.scenario() + ": " + result.describe()).isTrue();
  }
}
