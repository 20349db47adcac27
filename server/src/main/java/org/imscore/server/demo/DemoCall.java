package org.imscore.server.demo;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imscore.server.run.Core;
import org.imscore.server.run.DemoSubscribers;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.ua.Dialog;
import org.imscore.sip.ua.IncomingRequest;
import org.imscore.sip.ua.UserAgent;
import org.imscore.sip.uri.SipUri;
import org.imscore.testkit.ue.RegisterResult;
import org.imscore.testkit.ue.TestUe;
import org.imscore.testkit.ue.UeConfig;
import org.imscore.testkit.ue.UeCredentials;

/**
 * The demo's call flow on a running core, with the built-in test UE as alice and bob: both register with AKA, alice
 * calls bob offering 100rel, bob answers with a reliable 183 (RFC 3262), alice acknowledges it with PRACK, bob rings
 * (180) and answers (200), alice ACKs, the call stays up for the hold time, alice hangs up (BYE).
 */
final class DemoCall {

  /** A step of the flow that did not go as expected; its message is the verdict's reason. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Core core;
  private final Trace trace;

  DemoCall(Core core, Trace trace) {
    this.core = core;
    this.trace = trace;
  }

  /** Runs the flow; returns what happened in one line, or throws {@link Failed} naming the step that went wrong. */
  String run(Duration hold) throws Failed, InterruptedException {
    String domain = core.domain();
    DemoSubscribers.provision(core.provisioning(), domain);
    try (TestUe alice = ue(DemoSubscribers.ALICE, Trace.ALICE); TestUe bob = ue(DemoSubscribers.BOB, Trace.BOB)) {
      register(alice, "alice");
      register(bob, "bob");
      answerWithReliableProvisional(bob);

      SipUri bobUri = SipUri.parse(DemoSubscribers.BOB.impu(domain));
      SipRequest.Builder b = alice.userAgent().newRequest(SipRequest.INVITE, bobUri,
          NameAddress.of(alice.config().impu()), NameAddress.of(bobUri), Transport.UDP);
      InetSocketAddress p = core.pcscfAddress();
      // TS 24.229 §5.1.2A.1.1: the P-CSCF, then the Service-Route learned at registration, as preloaded Route.
      b.add(HeaderNames.ROUTE, "<sip:" + p.getAddress().getHostAddress() + ":" + p.getPort() + ";lr>");
      alice.registration().orElseThrow().serviceRoutes().forEach(r -> b.add(HeaderNames.ROUTE, r.toString()));
      SipRequest invite = b.add(HeaderNames.SUPPORTED, "100rel").build();
      BlockingQueue<SipResponse> provisional = new LinkedBlockingQueue<>();
      UserAgent.PendingInvite pending = alice.userAgent().startInvite(invite, alice.config().pcscf(),
          provisional::add);

      SipResponse reliable = provisional.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      while (reliable != null && reliable.statusCode() == 100) {
        reliable = provisional.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
      if (reliable == null || reliable.statusCode() != 183) {
        throw new Failed("alice got no 183 Session Progress (got " + describe(reliable) + ")");
      }
      // RFC 3262 §7.2: RAck names the RSeq and the INVITE's CSeq.
      Dialog.Next prack = Dialog.asUac(invite, reliable).nextRequest(SipRequest.PRACK);
      SipResponse prackAnswer = await(alice.userAgent().sendInDialog(prack.dialog(), prack.request()
          .set(HeaderNames.RACK, "1 " + invite.cseq().number() + " INVITE"), alice.config().pcscf()), "PRACK");
      expect200(prackAnswer, "PRACK");

      UserAgent.InviteResult answered = await(pending.result(), "INVITE");
      expect200(answered.response(), "INVITE");
      Dialog dialog = answered.dialog().orElseThrow(() -> new Failed("the 200 OK to the INVITE made no dialog"));
      Thread.sleep(hold.toMillis());

      // The dialog's CSeq counts from the INVITE; the PRACK used the next number, so BYE takes the one after.
      Dialog.Next bye = dialog.nextRequest(SipRequest.BYE).dialog().nextRequest(SipRequest.BYE);
      expect200(await(alice.userAgent().sendInDialog(bye.dialog(), bye.request(), alice.config().pcscf()), "BYE"),
          "BYE");
      return "alice and bob registered with AKA, alice called bob (183/PRACK, 180, 200, ACK), the call was held "
          + hold.toSeconds() + " s and released (BYE, 200)";
    }
  }

  private TestUe ue(DemoSubscribers.Demo who, int column) {
    String domain = core.domain();
    TestUe ue = TestUe.start(UeConfig.of(who.impi(domain), SipUri.parse(who.impu(domain)), domain,
            new Endpoint(Transport.UDP, core.pcscfAddress()), UeCredentials.akaWithOp(who.k(), who.op(), who.amf()))
        .withInstanceId("urn:uuid:00000000-0000-0000-0000-00000000000" + (column == Trace.ALICE ? "1" : "2"))
        .withResponseTimeout(WAIT));
    trace.place(ue.listeningPoint().port(), column);
    return ue;
  }

  private static void register(TestUe ue, String who) throws Failed {
    RegisterResult result = ue.register();
    if (ue.registration().isEmpty()) {
      throw new Failed(who + " could not register: " + result);
    }
  }

  /** Bob's answering machine: reliable 183, and once it is PRACKed, 180 then 200. */
  private static void answerWithReliableProvisional(TestUe bob) {
    BlockingQueue<IncomingRequest> invites = new LinkedBlockingQueue<>();
    String contact = bob.contact().address().toString();
    bob.userAgent().handle(SipRequest.INVITE, invite -> {
      invites.add(invite);
      invite.respond(invite.response(183).add(HeaderNames.REQUIRE, "100rel").add(HeaderNames.RSEQ, "1")
          .add(HeaderNames.CONTACT, contact).build());
    });
    bob.userAgent().handle(SipRequest.PRACK, prack -> {
      prack.respond(200);
      IncomingRequest invite = invites.poll();
      if (invite != null) {
        invite.respond(invite.response(180).add(HeaderNames.CONTACT, contact).build());
        invite.respond(invite.response(200).add(HeaderNames.CONTACT, contact).build());
      }
    });
  }

  private static void expect200(SipResponse response, String what) throws Failed {
    if (response.statusCode() != 200) {
      throw new Failed(what + " was answered " + describe(response));
    }
  }

  private static String describe(SipResponse response) {
    return response == null ? "nothing" : response.statusCode() + " " + response.reasonPhrase();
  }

  private static <T> T await(CompletionStage<T> stage, String what) throws Failed, InterruptedException {
    try {
      return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new Failed(what + " failed: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new Failed("no final response to " + what + " within " + WAIT.toSeconds() + " s");
    }
  }
}
