package org.imscore.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.FakeTransport;
import org.imscore.sip.transaction.ManualTimerService;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.Wire;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.junit.jupiter.api.Test;

/** The UAC side of the user-agent core, on a fake transport and a simulated clock. */
class UserAgentClientTest {

    private final ManualTimerService clock = new ManualTimerService();
    private final FakeTransport transport = new FakeTransport(clock);
    private final UserAgent ua = new UserAgent(transport, clock, TransactionConfig.DEFAULT, UaConfig.DEFAULT);
    private final NameAddress alice = NameAddress.parse("<sip:alice@ims.example.org>");
    private final NameAddress bob = NameAddress.parse("<sip:bob@ims.example.org>");

    private SipRequest newRequest(String method, Transport over) {
        return ua.newRequest(method, Uri.parse("sip:bob@ims.example.org"), alice, bob, over).build();
    }

    private void peerAnswers(SipResponse response) {
        ua.layer().onMessage(Wire.inbound(response, Wire.PEER_UDP));
    }

    @Test
    void newRequestHasEverythingOfSection8_1_1() {
        SipRequest options = newRequest("OPTIONS", Transport.UDP);
        assertThat(options.topVia().hasRfc3261Branch()).isTrue();
        assertThat(options.topVia().sentBy()).isEqualTo("127.0.0.1:5060");
        assertThat(options.topVia().hasRport()).isTrue();
        assertThat(options.maxForwards()).contains(70);
        assertThat(options.from().uri()).isEqualTo(alice.uri());
        assertThat(options.from().tag()).get().asString().hasSize(12);
        assertThat(options.to()).isEqualTo(bob);
        assertThat(options.callId()).endsWith("@127.0.0.1");
        assertThat(options.cseq().number()).isEqualTo(1);
        assertThat(options.cseq().method()).isEqualTo("OPTIONS");
        assertThat(options.contacts()).singleElement()
                .satisfies(c -> assertThat(c.address().uri()).hasToString("sip:alice@127.0.0.1:5060"));
        assertThat(options.headerValue("User-Agent")).contains("imscore");

        SipRequest overTcp = newRequest("OPTIONS", Transport.TCP);
        assertThat(overTcp.topVia().transport()).isEqualTo("TCP");
        assertThat(overTcp.contacts().get(0).address().uri()).hasToString("sip:alice@127.0.0.1:5060;transport=tcp");
        assertThat(overTcp.callId()).isNotEqualTo(options.callId());
        assertThat(overTcp.from().tag()).isNotEqualTo(options.from().tag());
    }

    @Test
    void followUpCountsCSeqAndTakesANewBranch() {
        SipRequest register = newRequest("REGISTER", Transport.UDP);
        SipRequest next = ua.followUp(register).add("Authorization", "Digest username=\"alice\"").build();
        assertThat(next.cseq().number()).isEqualTo(2);
        assertThat(next.callId()).isEqualTo(register.callId());
        assertThat(next.from()).isEqualTo(register.from());
        assertThat(next.topVia().branch()).isNotEqualTo(register.topVia().branch());
        assertThat(next.vias()).hasSize(1);
    }

    @Test
    void sendCompletesWithTheFinalResponseAndReportsProvisionals() {
        SipRequest register = newRequest("REGISTER", Transport.UDP);
        List<SipResponse> provisional = new ArrayList<>();
        CompletableFuture<SipResponse> done = ua.send(register, Wire.PEER_UDP, provisional::add).toCompletableFuture();
        peerAnswers(Wire.answer(register, 100));
        assertThat(done).isNotDone();
        peerAnswers(Wire.answer(register, 401));
        assertThat(done).isCompletedWithValueMatching(r -> r.statusCode() == 401);
        assertThat(provisional).extracting(SipResponse::statusCode).containsExactly(100);
        assertThat(transport.requests.get(0).destination()).isEqualTo(Wire.PEER_UDP);
    }

    @Test
    void sendCompletesWith408OnTimeoutAnd503OnTransportFailure() {
        CompletableFuture<SipResponse> timedOut =
                ua.send(newRequest("OPTIONS", Transport.UDP), Wire.PEER_UDP).toCompletableFuture();
        clock.advance(Duration.ofSeconds(32));
        assertThat(timedOut).isCompletedWithValueMatching(r -> r.statusCode() == 408);

        transport.failure = "connection refused";
        CompletableFuture<SipResponse> failed =
                ua.send(newRequest("OPTIONS", Transport.TCP), Wire.PEER_TCP).toCompletableFuture();
        assertThat(failed).isCompletedWithValueMatching(r -> r.statusCode() == 503);
    }

    @Test
    void sendAddsOurViaWhenTheRequestHasNone() {
        SipRequest bare = SipRequest.builder("OPTIONS", SipUri.of("bob", "example.com"))
                .add("Max-Forwards", "70").add("From", "<sip:a@b>;tag=1").add("To", "<sip:bob@example.com>")
                .add("Call-ID", "x1").add("CSeq", "1 OPTIONS").build();
        ua.send(bare, Wire.PEER_TCP);
        SipRequest sent = transport.sentRequests().get(0);
        assertThat(sent.topVia().transport()).isEqualTo("TCP");
        assertThat(sent.topVia().hasRfc3261Branch()).isTrue();
    }

    @Test
    void inviteAcksTheSuccessAlongTheRouteSetAndAgainOnRetransmission() {
        SipRequest invite = newRequest("INVITE", Transport.UDP);
        CompletableFuture<UserAgent.InviteResult> done =
                ua.invite(invite, Wire.PEER_UDP, r -> { }).toCompletableFuture();
        SipResponse ok = Wire.response(
                "SIP/2.0 200 OK",
                "Via: " + invite.topVia(),
                "Record-Route: <sip:192.0.2.30:5070;lr>",
                "Record-Route: <sip:192.0.2.20:5060;lr>",
                "From: " + invite.from(),
                "To: " + bob + ";tag=callee",
                "Call-ID: " + invite.callId(),
                "CSeq: 1 INVITE",
                "Contact: <sip:bob@192.0.2.40:5080>",
                "Content-Length: 0");
        peerAnswers(ok);

        UserAgent.InviteResult result = done.join();
        assertThat(result.response().statusCode()).isEqualTo(200);
        Dialog dialog = result.dialog().orElseThrow();
        assertThat(dialog.routeSet()).extracting(r -> r.uri().toString())
                .containsExactly("sip:192.0.2.20:5060;lr", "sip:192.0.2.30:5070;lr"); // reversed at the UAC
        assertThat(dialog.remoteTarget()).hasToString("sip:bob@192.0.2.40:5080");
        assertThat(dialog.remoteTag()).isEqualTo("callee");

        List<FakeTransport.SentRequest> acks =
                transport.requests.stream().filter(r -> r.request().isMethod("ACK")).toList();
        assertThat(acks).hasSize(1);
        SipRequest ack = acks.get(0).request();
        assertThat(acks.get(0).destination().address().getPort()).isEqualTo(5060); // the first route
        assertThat(ack.requestUri()).hasToString("sip:bob@192.0.2.40:5080");
        assertThat(ack.routes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:192.0.2.20:5060;lr", "sip:192.0.2.30:5070;lr");
        assertThat(ack.cseq().number()).isEqualTo(1);
        assertThat(ack.cseq().method()).isEqualTo("ACK");
        assertThat(ack.topVia().branch()).isNotEqualTo(invite.topVia().branch()); // the 2xx ACK is a new transaction
        assertThat(ack.to().tag()).contains("callee");

        peerAnswers(ok);
        assertThat(transport.sentRequests("ACK")).hasSize(2).allMatch(a -> a.equals(ack));
    }

    @Test
    void inviteRejectedHasNoDialogAndTheTransactionAcks() {
        SipRequest invite = newRequest("INVITE", Transport.UDP);
        CompletableFuture<UserAgent.InviteResult> done =
                ua.invite(invite, Wire.PEER_UDP, r -> { }).toCompletableFuture();
        peerAnswers(Wire.answer(invite, 486));
        assertThat(done.join().dialog()).isEmpty();
        assertThat(done.join().response().statusCode()).isEqualTo(486);
        assertThat(transport.sentRequests("ACK")).singleElement()
                .satisfies(a -> assertThat(a.topVia()).isEqualTo(invite.topVia()));
    }

    @Test
    void byeGoesInsideTheDialog() {
        Dialog dialog = new Dialog("c1", "ours", "theirs", 1, -1, alice, bob,
                Uri.parse("sip:bob@192.0.2.40:5080;transport=tcp"), List.of());
        Dialog.Next bye = dialog.nextRequest("BYE");
        ua.sendInDialog(bye.dialog(), bye.request(), Wire.PEER_UDP);
        FakeTransport.SentRequest sent = transport.requests.get(0);
        assertThat(sent.destination()).hasToString("TCP:192.0.2.40:5080");
        assertThat(sent.request().cseq().number()).isEqualTo(2);
        assertThat(sent.request().topVia().transport()).isEqualTo("TCP");
        assertThat(bye.dialog().localSeq()).isEqualTo(2);
    }

    @Test
    void aPendingInviteIsCancelledOnceItRings() {
        SipRequest invite = newRequest("INVITE", Transport.UDP);
        UserAgent.PendingInvite pending = ua.startInvite(invite, Wire.PEER_UDP, r -> { });
        var cancelled = pending.cancel().orElseThrow().toCompletableFuture();
        assertThat(transport.sentRequests("CANCEL")).isEmpty();

        peerAnswers(Wire.answer(invite, 180));
        SipRequest cancel = transport.sentRequests("CANCEL").get(0);
        assertThat(cancel.topVia()).isEqualTo(invite.topVia());
        peerAnswers(Wire.answer(cancel, 200));
        peerAnswers(Wire.answer(invite, 487));

        assertThat(cancelled).isCompletedWithValueMatching(r -> r.statusCode() == 200);
        assertThat(pending.result().toCompletableFuture().join().response().statusCode()).isEqualTo(487);
        assertThat(pending.cancel()).isEmpty();
        assertThat(pending.transaction().state()).hasToString("COMPLETED");
    }

    @Test
    void aSecondForksSuccessIsAckedAndHungUp() {
        SipRequest invite = newRequest("INVITE", Transport.UDP);
        CompletableFuture<UserAgent.InviteResult> done =
                ua.invite(invite, Wire.PEER_UDP, r -> { }).toCompletableFuture();
        peerAnswers(success(invite, "fork-1", "<sip:bob@192.0.2.41>"));
        peerAnswers(success(invite, "fork-2", "<sip:bob@192.0.2.42>"));
        peerAnswers(success(invite, "fork-2", "<sip:bob@192.0.2.42>")); // retransmitted

        assertThat(done.join().dialog()).hasValueSatisfying(d -> assertThat(d.remoteTag()).isEqualTo("fork-1"));
        assertThat(transport.sentRequests("ACK")).extracting(a -> a.to().tag().orElseThrow())
                .containsExactly("fork-1", "fork-2", "fork-2");
        assertThat(transport.sentRequests("BYE")).singleElement().satisfies(bye -> {
            assertThat(bye.to().tag()).contains("fork-2");
            assertThat(bye.requestUri()).hasToString("sip:bob@192.0.2.42");
            assertThat(bye.cseq().number()).isEqualTo(2);
        });
    }

    private static SipResponse success(SipRequest invite, String tag, String contact) {
        return Wire.response(
                "SIP/2.0 200 OK",
                "Via: " + invite.topVia(),
                "From: " + invite.from(),
                "To: " + invite.to() + ";tag=" + tag,
                "Call-ID: " + invite.callId(),
                "CSeq: 1 INVITE",
                "Contact: " + contact,
                "Content-Length: 0");
    }
}
