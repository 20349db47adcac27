package org.imscore.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.ua.Dialog;
import org.imscore.sip.ua.IncomingRequest;
import org.imscore.sip.ua.UserAgent;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.imscore.testkit.ue.Call;
import org.imscore.testkit.ue.IncomingCall;
import org.imscore.testkit.ue.TestUe;
import org.imscore.testkit.sipp.SippResult;
import org.imscore.testkit.sipp.SippRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls and messages between Java test UEs through the whole all-in-one core (UE -> P-CSCF -> S-CSCF -> I-CSCF (LIR)
 * -> S-CSCF -> P-CSCF -> UE, every hop a loopback socket): answered calls over UDP and TCP, the errors a caller
 * sees (480, 404, 486, 603, 483, 482, 487 after CANCEL), MESSAGE, parallel forking to two contacts, a PRACK
 * flow, and numbers (tel URI, {@code user=phone}) resolved to the identity that owns them.
 */
class TestUeCallTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** A number outside every implicit set, which the S-CSCF's number table maps to {@link #TABLE_USER}. */
  private static final String TABLE_NUMBER = "+19990001";
  private static final String TABLE_USER = "erin-by-number";

  private static Core core;
  @TempDir
  Path work;
  private CallFixture users;

  @BeforeAll
  static void start() {
    CoreConfig ephemeral = CoreConfig.ephemeral();
    core = Core.start(ephemeral.withScscf(ephemeral.scscf().withNumbers(Map.of(
        TABLE_NUMBER, "sip:" + TABLE_USER + "@" + ephemeral.domain()))));
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
  }

  @BeforeEach
  void fixture() {
    users = new CallFixture(core);
  }

  @AfterEach
  void closeUes() {
    users.close();
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aRegisteredUeCallsAnotherAndHangsUp(Transport transport) {
    String a = CallFixture.unique("alice");
    String b = CallFixture.unique("bob");
    users.provision(a);
    users.provision(b);
    TestUe alice = users.registeredUe(a, transport, "urn:uuid:a-" + a);
    TestUe bob = users.registeredUe(b, transport, "urn:uuid:b-" + b);

    Call call = alice.call(users.impu(b));

    assertThat(call.response().statusCode()).as(call.response().toString()).isEqualTo(200);
    assertThat(call.provisional()).extracting(SipResponse::statusCode).contains(180);
    // P-CSCF, S-CSCF (originating), S-CSCF (terminating), P-CSCF: each Record-Routed once per transport it used.
    assertThat(call.response().recordRoutes()).hasSizeGreaterThanOrEqualTo(4);
    IncomingCall incoming = bob.nextIncomingCall(WAIT).orElseThrow();
    assertThat(incoming.answeredWith()).isEqualTo(200);
    // The P-CSCF asserted the caller's identity; the S-CSCF named the identity called (TS 24.229 §5.4.3.3).
    assertThat(incoming.invite().header(HeaderType.P_ASSERTED_IDENTITY).orElseThrow().uri().toString())
        .isEqualTo(users.impu(a).toString());
    assertThat(incoming.invite().headerFields("P-Called-Party-ID")).singleElement()
        .satisfies(f -> assertThat(f.value()).contains(users.impu(b).toString()));

    SipResponse bye = call.hangUp();

    assertThat(bye.statusCode()).isEqualTo(200);
  }

  @Test
  void reInviteAndUpdateInTheDialogFollowTheRecordRoute() throws Exception {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String b = CallFixture.unique("bob");
    TestUe bob = users.registered(b);
    BlockingQueue<SipRequest> updates = new LinkedBlockingQueue<>();
    bob.userAgent().handle(SipRequest.UPDATE, u -> {
      updates.add(u.request());
      u.respond(200);
    });
    Call call = alice.call(users.impu(b));
    assertThat(call.response().statusCode()).isEqualTo(200);
    Dialog dialog = call.dialog().orElseThrow();
    // The caller's route set is the four Record-Route values reversed: P-CSCF first (RFC 3261 §12.1.2).
    assertThat(dialog.nextHopUri().toString()).contains(":" + core.pcscfAddress().getPort());

    Dialog.Next reInvite = dialog.nextRequest(SipRequest.INVITE);
    SipResponse reInvited = alice.userAgent().invite(reInvite.request()
            .add(HeaderNames.CONTACT, alice.contact().address().toString()).build(), alice.config().pcscf(), r -> { })
        .toCompletableFuture().get(10, TimeUnit.SECONDS).response();
    Dialog.Next update = reInvite.dialog().nextRequest(SipRequest.UPDATE);
    SipResponse updated = alice.userAgent().sendInDialog(update.dialog(), update.request()
        .add(HeaderNames.CONTACT, alice.contact().address().toString()), alice.config().pcscf())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(reInvited.statusCode()).isEqualTo(200);
    assertThat(updated.statusCode()).isEqualTo(200);
    SipRequest atBob = updates.poll(5, TimeUnit.SECONDS);
    assertThat(atBob).isNotNull();
    // It came through the core: the proxies' Vias are on it (P-CSCF, S-CSCF, P-CSCF and the caller's own).
    assertThat(atBob.vias()).hasSize(4);
  }

  @Test
  void aCallToAUserWhoIsNotRegisteredGets480() {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String offline = CallFixture.unique("offline");
    users.provision(offline);

    assertThat(alice.call(users.impu(offline)).response().statusCode()).isEqualTo(480);
  }

  @Test
  void aCallToAnUnknownUserGets404() {
    TestUe alice = users.registered(CallFixture.unique("alice"));

    assertThat(alice.call(users.impu(CallFixture.unique("nobody"))).response().statusCode()).isEqualTo(404);
  }

  @Test
  void busyAndDeclineReachTheCaller() {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String b = CallFixture.unique("busy");
    TestUe busy = users.registered(b);
    busy.userAgent().handle(SipRequest.INVITE, invite -> invite.respond(486));
    String d = CallFixture.unique("decline");
    TestUe decline = users.registered(d);
    decline.userAgent().handle(SipRequest.INVITE, invite -> invite.respond(603));

    assertThat(alice.call(users.impu(b)).response().statusCode()).isEqualTo(486);
    assertThat(alice.call(users.impu(d)).response().statusCode()).isEqualTo(603);
  }

  @Test
  void aCancelBeforeTheAnswerEndsTheCallWith487OnBothSides() throws Exception {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String b = CallFixture.unique("bob");
    TestUe bob = users.registered(b);
    BlockingQueue<IncomingRequest> ringing = new LinkedBlockingQueue<>();
    bob.userAgent().handle(SipRequest.INVITE, invite -> {
      invite.respond(180);
      ringing.add(invite);
    });
    CountDownLatch rang = new CountDownLatch(1);
    UserAgent.PendingInvite pending = alice.userAgent().startInvite(
        CallFixture.request(alice, SipRequest.INVITE, users.impu(b)).build(), alice.config().pcscf(), r -> {
          if (r.statusCode() == 180) {
            rang.countDown();
          }
        });
    assertThat(rang.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("180 at the caller").isTrue();

    SipResponse cancelled = pending.cancel().orElseThrow().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(pending.result().toCompletableFuture().get(10, TimeUnit.SECONDS).response().statusCode())
        .isEqualTo(487);
    IncomingRequest atBob = ringing.poll(10, TimeUnit.SECONDS);
    assertThat(atBob).isNotNull();
    assertThat(atBob.isCancelled()).as("the CANCEL reached bob").isTrue();
  }

  @Test
  void aMessageIsDeliveredAndAnswered200() throws Exception {
    Assumptions.assumeTrue(SippRunner.available(), "sipp is not installed (run ./run-tests, which installs it)");
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String b = CallFixture.unique("bob");
    TestUe bob = users.registered(b);
    // The recipient is SIPp, an independent UA, answering on the port bob registered from.
    int port = bob.listeningPoint().port();
    bob.close();
    SippRunner sipp = new SippRunner(work);
    CompletableFuture<SippResult> recipient = CompletableFuture.supplyAsync(() -> sipp.run(
        sipp.scenario("ims-message-uas.xml"), core.pcscfAddress(), 1, Duration.ofSeconds(20), "-p",
        Integer.toString(port)));
    Thread.sleep(300); // SIPp binds its socket before it reads the scenario's first message

    SipResponse response = send(alice, CallFixture.request(alice, SipRequest.MESSAGE, users.impu(b))
        .body("text/plain", "hello bob".getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(200);
    SippResult delivered = recipient.get(30, TimeUnit.SECONDS);
    assertThat(delivered.allCallsSucceeded()).as(delivered.describe()).isTrue();
  }

  @Test
  void aMessageToAUserWhoIsNotRegisteredGets480() {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String offline = CallFixture.unique("offline");
    users.provision(offline);

    SipResponse response = send(alice, CallFixture.request(alice, SipRequest.MESSAGE, users.impu(offline))
        .body("text/plain", "are you there".getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).isEqualTo(480);
  }

  @Test
  void anUnregisteredUeMayNotCall() {
    String user = CallFixture.unique("stranger");
    users.provision(user);
    TestUe stranger = users.ue(user, Transport.UDP, "urn:uuid:s-" + user);
    String b = CallFixture.unique("bob");
    users.registered(b);

    SipRequest.Builder invite = stranger.userAgent().newRequest(SipRequest.MESSAGE, users.impu(b),
        NameAddress.of(stranger.config().impu()),
        NameAddress.of(users.impu(b)), Transport.UDP);

    assertThat(send(stranger, invite).statusCode()).isEqualTo(403);
  }

  @Test
  void aUeThatRoutesAsTheScscfWouldIsRefused() {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String b = CallFixture.unique("bob");
    TestUe bob = users.registered(b);
    java.net.InetSocketAddress p = core.pcscfAddress();
    // The P-CSCF's Path entry, as the S-CSCF uses it for terminating requests: from a UE it must not bypass the gate.
    SipRequest.Builder spoofed = alice.userAgent().newRequest(SipRequest.MESSAGE, bob.contact().address().uri(),
        NameAddress.of(alice.config().impu()), NameAddress.of(users.impu(b)), Transport.UDP)
        .add(HeaderNames.ROUTE, "<sip:term@" + p.getAddress().getHostAddress() + ":" + p.getPort() + ";lr>");

    assertThat(send(alice, spoofed).statusCode()).isEqualTo(403);
  }

  @Test
  void maxForwardsRunningOutOnTheWayIs483() {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String b = CallFixture.unique("bob");
    users.registered(b);

    // The P-CSCF forwards with Max-Forwards 0; the S-CSCF may not forward it further (RFC 3261 §16.3 step 3).
    SipResponse response = send(alice, CallFixture.request(alice, SipRequest.MESSAGE, users.impu(b))
        .set(HeaderNames.MAX_FORWARDS, "1"));

    assertThat(response.statusCode()).isEqualTo(483);
  }

  @Test
  void aRequestThatComesBackUnchangedIsALoop() {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    // Inside a "dialog" whose remote target is the P-CSCF itself: the P-CSCF sends it to itself, it comes back
    // with our Via and nothing changed that routes it, which is a loop (RFC 3261 §16.3 step 4).
    java.net.InetSocketAddress p = core.pcscfAddress();
    SipRequest.Builder loop = alice.userAgent().newRequest(SipRequest.MESSAGE,
        SipUri.of(null, p.getAddress().getHostAddress(), p.getPort()),
        NameAddress.of(alice.config().impu()),
        NameAddress.of(alice.config().impu()).withTag("peer"), Transport.UDP);

    assertThat(send(alice, loop).statusCode()).isEqualTo(482);
  }

  @Test
  void aCallForksToEveryContactAndTheUnansweredOneIsCancelled() throws Exception {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String b = CallFixture.unique("bob");
    users.provision(b);
    TestUe desk = users.registeredUe(b, Transport.UDP, "urn:uuid:desk-" + b);
    TestUe mobile = users.registeredUe(b, Transport.UDP, "urn:uuid:mobile-" + b);
    BlockingQueue<IncomingRequest> ringing = new LinkedBlockingQueue<>();
    mobile.userAgent().handle(SipRequest.INVITE, invite -> {
      invite.respond(180);
      ringing.add(invite);
    });
    assertThat(core.registeredContacts(users.impu(b).toString())).hasSize(2);

    Call call = alice.call(users.impu(b));

    assertThat(call.response().statusCode()).isEqualTo(200);
    assertThat(desk.nextIncomingCall(WAIT)).isPresent();
    IncomingRequest atMobile = ringing.poll(10, TimeUnit.SECONDS);
    assertThat(atMobile).as("the INVITE reached the second contact too").isNotNull();
    CallFixture.awaitCancelled(atMobile, WAIT); // the second contact gets CANCEL after the first answered
    assertThat(call.hangUp().statusCode()).isEqualTo(200);
  }

  @Test
  void aReliableProvisionalIsAcknowledgedWithPrackThroughTheCore() throws Exception {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String b = CallFixture.unique("bob");
    TestUe bob = users.registered(b);
    BlockingQueue<SipRequest> pracks = new LinkedBlockingQueue<>();
    BlockingQueue<IncomingRequest> invites = new LinkedBlockingQueue<>();
    bob.userAgent().handle(SipRequest.INVITE, invite -> {
      invites.add(invite);
      // RFC 3262 §3: a reliable 183, Require 100rel and RSeq, to be acknowledged by PRACK.
      invite.respond(invite.response(183).add(HeaderNames.REQUIRE, "100rel").add(HeaderNames.RSEQ, "1")
          .add(HeaderNames.CONTACT, bob.contact().address().toString()).build());
    });
    bob.userAgent().handle(SipRequest.PRACK, prack -> {
      pracks.add(prack.request());
      prack.respond(200);
      IncomingRequest invite = invites.poll();
      if (invite != null) {
        invite.respond(invite.response(200).add(HeaderNames.CONTACT, bob.contact().address().toString()).build());
      }
    });
    SipRequest invite = CallFixture.request(alice, SipRequest.INVITE, users.impu(b))
        .add(HeaderNames.SUPPORTED, "100rel").build();
    BlockingQueue<SipResponse> provisional = new LinkedBlockingQueue<>();
    UserAgent.PendingInvite pending = alice.userAgent().startInvite(invite, alice.config().pcscf(), r -> {
      if (r.statusCode() != 100) {
        provisional.add(r);
      }
    });
    SipResponse reliable = provisional.poll(10, TimeUnit.SECONDS);
    assertThat(reliable).isNotNull();
    assertThat(reliable.statusCode()).isEqualTo(183);
    assertThat(reliable.headers(HeaderType.REQUIRE)).contains("100rel");

    Dialog early = Dialog.asUac(invite, reliable);
    Dialog.Next prack = early.nextRequest(SipRequest.PRACK);
    SipResponse prackAnswer = alice.userAgent().sendInDialog(prack.dialog(),
            prack.request().set(HeaderNames.RACK, "1 " + invite.cseq().number() + " INVITE"), alice.config().pcscf())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(prackAnswer.statusCode()).isEqualTo(200);
    assertThat(pracks.poll(1, TimeUnit.SECONDS).headerFields(HeaderNames.RACK)).isNotEmpty();
    assertThat(pending.result().toCompletableFuture().get(10, TimeUnit.SECONDS).response().statusCode())
        .isEqualTo(200);
  }

  @Test
  void aNumberReachesTheUserWhoseImplicitSetHoldsIt() {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    String d = CallFixture.unique("dave");
    String number = "+1555" + String.format("%07d", Math.abs(d.hashCode()) % 10_000_000);
    users.provision(d, "tel:" + number);
    TestUe dave = users.registeredUe(d, Transport.UDP, "urn:uuid:dave-" + d);

    Call byTel = alice.call(Uri.parse("tel:" + number));
    Call byPhoneUri = alice.call(Uri.parse("sip:" + number + "@" + users.domain() + ";user=phone"));

    assertThat(byTel.response().statusCode()).as(byTel.response().toString()).isEqualTo(200);
    assertThat(byPhoneUri.response().statusCode()).as(byPhoneUri.response().toString()).isEqualTo(200);
    assertThat(dave.nextIncomingCall(WAIT)).isPresent();
    assertThat(dave.nextIncomingCall(WAIT)).isPresent();
    assertThat(byTel.hangUp().statusCode()).isEqualTo(200);
    assertThat(byPhoneUri.hangUp().statusCode()).isEqualTo(200);
  }

  @Test
  void aNumberInTheLocalTableReachesTheUserItNames() {
    TestUe alice = users.registered(CallFixture.unique("alice"));
    TestUe erin = users.registered(TABLE_USER);

    Call call = alice.call(Uri.parse("tel:" + TABLE_NUMBER));

    assertThat(call.response().statusCode()).as(call.response().toString()).isEqualTo(200);
    assertThat(erin.nextIncomingCall(WAIT)).isPresent();
    assertThat(call.hangUp().statusCode()).isEqualTo(200);
  }

  @Test
  void aNumberNobodyOwnsAndNoRowMapsGets404() {
    TestUe alice = users.registered(CallFixture.unique("alice"));

    Call call = alice.call(Uri.parse("tel:+19997770000"));

    assertThat(call.response().statusCode()).as(call.response().toString()).isEqualTo(404);
  }

  private static SipResponse send(TestUe ue, SipRequest.Builder request) {
    try {
      return ue.userAgent().send(request.build(), ue.config().pcscf()).toCompletableFuture()
          .get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer to " + request.build().method() + ": " + e, e);
    }
  }
}
