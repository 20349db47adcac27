package org.imscore.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.FakeTransport;
import org.imscore.sip.transaction.ManualTimerService;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.TransactionRequests;
import org.imscore.sip.transaction.Wire;
import org.junit.jupiter.api.Test;

/** The UAS side of the user-agent core, on a fake transport and a simulated clock. */
class UserAgentServerTest {

    private final ManualTimerService clock = new ManualTimerService();
    private final FakeTransport transport = new FakeTransport(clock);
    private final UserAgent ua = new UserAgent(transport, clock, TransactionConfig.DEFAULT,
            UaConfig.DEFAULT.withSupported(Set.of("path", "100rel")));
    private final List<IncomingRequest> invites = new ArrayList<>();

    private SipResponse lastResponse() {
        return transport.responses.get(transport.responses.size() - 1);
    }

    private void receive(SipRequest request) {
        ua.layer().onMessage(Wire.inbound(request, Wire.PEER_UDP));
    }

    @Test
    void optionsIsAnsweredWithCapabilities() {
        ua.handle("INVITE", invites::add).handle("MESSAGE", r -> r.respond(200));
        receive(Wire.request("OPTIONS", "UDP", "z9hG4bK-o1"));
        SipResponse ok = lastResponse();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers(HeaderType.ALLOW)).containsExactly("OPTIONS", "ACK", "CANCEL", "INVITE", "MESSAGE");
        assertThat(ok.headers(HeaderType.SUPPORTED)).containsExactlyInAnyOrder("path", "100rel");
        assertThat(ok.headerValue("Accept")).contains("application/sdp");
        assertThat(ok.headerValue("Server")).contains("imscore");
        assertThat(ok.to().tag()).isPresent();
        assertThat(ok.callId()).isEqualTo("call-z9hG4bK-o1");
    }

    @Test
    void unknownMethodIs405WithAllow() {
        receive(Wire.request("PUBLISH", "UDP", "z9hG4bK-p1"));
        SipResponse r = lastResponse();
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.reasonPhrase()).isEqualTo("Method Not Allowed");
        assertThat(r.headers(HeaderType.ALLOW)).containsExactly("OPTIONS", "ACK", "CANCEL");
        assertThat(r.to().tag()).isPresent();
    }

    @Test
    void requireOfSupportedTagsPassesAndUnknownOnesAre420() {
        receive(Wire.request("OPTIONS", "UDP", "z9hG4bK-r1").toBuilder().add("Require", "path").build());
        assertThat(lastResponse().statusCode()).isEqualTo(200);
        receive(Wire.request("OPTIONS", "UDP", "z9hG4bK-r2").toBuilder().add("Require", "path, sec-agree")
                .add("Require", "gruu").build());
        SipResponse r = lastResponse();
        assertThat(r.statusCode()).isEqualTo(420);
        assertThat(r.headers(HeaderType.UNSUPPORTED)).containsExactly("sec-agree", "gruu");
    }

    @Test
    void malformedOptionalHeaderIs400NamingIt() {
        receive(Wire.request("OPTIONS", "UDP", "z9hG4bK-m1").toBuilder().add("Contact", "<sip:a@b").build());
        SipResponse r = lastResponse();
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).isEqualTo("Bad Contact header");
    }

    @Test
    void inviteWithoutContactIs400() {
        ua.handle("INVITE", invites::add);
        receive(Wire.invite("UDP", "z9hG4bK-nc").toBuilder().remove("Contact").build());
        assertThat(lastResponse().statusCode()).isEqualTo(400);
        assertThat(lastResponse().reasonPhrase()).isEqualTo("Missing Contact header");
        assertThat(invites).isEmpty();
    }

    @Test
    void unsupportedBodyIs415WithAccept() {
        ua.handle("MESSAGE", r -> r.respond(200));
        receive(Wire.request("MESSAGE", "UDP", "z9hG4bK-b1").toBuilder().body("text/plain", "hello").build());
        SipResponse r = lastResponse();
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headerValue("Accept")).contains("application/sdp");
    }

    @Test
    void provisionalAndFinalCarryTheSameToTag() {
        ua.handle("INVITE", invites::add);
        receive(Wire.invite("UDP", "z9hG4bK-tag"));
        IncomingRequest call = invites.get(0);
        call.respond(180);
        call.respond(call.response(486).build());
        assertThat(transport.sentStatusCodes()).containsExactly(100, 180, 486);
        assertThat(transport.responses.get(0).to().tag()).isEmpty(); // 100 Trying carries no tag
        assertThat(transport.responses.get(1).to().tag()).contains(call.toTag());
        assertThat(transport.responses.get(2).to().tag()).contains(call.toTag());
    }

    @Test
    void cancelOfAPendingInviteAnswers200And487() {
        ua.handle("INVITE", invites::add);
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-can");
        receive(invite);
        invites.get(0).respond(180);
        receive(TransactionRequests.cancelFor(invite));

        assertThat(transport.sentStatusCodes()).containsExactly(100, 180, 200, 487);
        SipResponse cancelOk = transport.responses.get(2);
        assertThat(cancelOk.cseq().method()).isEqualTo("CANCEL");
        SipResponse terminated = transport.responses.get(3);
        assertThat(terminated.cseq().method()).isEqualTo("INVITE");
        assertThat(terminated.to().tag()).contains(invites.get(0).toTag());
        assertThat(invites.get(0).isCancelled()).isTrue();
        assertThat(invites.get(0).respond(200)).isFalse(); // too late: the INVITE is answered

        // The ACK for the 487 is absorbed by the INVITE server transaction.
        receive(Wire.ackFor(invite, terminated));
        assertThat(ua.layer().findServerTransaction(invite)).hasValueSatisfying(
                tx -> assertThat(tx.state()).hasToString("CONFIRMED"));
    }

    @Test
    void cancelAfterTheFinalResponseIsAnswered200Only() {
        ua.handle("INVITE", r -> r.respond(603));
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-late");
        receive(invite);
        receive(TransactionRequests.cancelFor(invite));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 603, 200);
    }

    @Test
    void cancelOfNothingIs481() {
        receive(TransactionRequests.cancelFor(Wire.invite("UDP", "z9hG4bK-none")));
        assertThat(lastResponse().statusCode()).isEqualTo(481);
    }

    @Test
    void successToInviteIsRetransmittedUntilTheAck() {
        List<SipRequest> acks = new ArrayList<>();
        ua.handle("INVITE", r -> r.respond(r.response(200).add("Contact", "<sip:bob@127.0.0.1>").build()))
                .onAck(acks::add);
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-2xx");
        receive(invite);
        clock.advance(Duration.ofMillis(4000));
        // 2xx at 0, then at T1, 2*T1, 4*T1 after it (0.5, 1.5, 3.5 s).
        assertThat(transport.sentStatusCodes()).containsExactly(100, 200, 200, 200, 200);
        assertThat(transport.responseTimes.subList(1, 5)).containsExactly(Duration.ZERO, Duration.ofMillis(500),
                Duration.ofMillis(1500), Duration.ofMillis(3500));

        SipResponse ok = transport.responses.get(1);
        SipRequest ack = Dialog.asUac(invite, ok).ack(1).add("Via", "SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-ack")
                .build();
        receive(ack);
        assertThat(acks).containsExactly(ack);
        clock.advance(Duration.ofSeconds(60));
        assertThat(transport.responses).hasSize(5);
    }

    @Test
    void successRetransmissionsStopAfter64T1WithoutAck() {
        ua.handle("INVITE", r -> r.respond(r.response(200).add("Contact", "<sip:bob@127.0.0.1>").build()));
        receive(Wire.invite("UDP", "z9hG4bK-noack"));
        clock.advance(Duration.ofSeconds(120));
        // 0.5, 1.5, 3.5, 7.5, then every T2: 11.5 ... 31.5 -> 10 retransmissions after the first 2xx.
        assertThat(transport.sentStatusCodes()).filteredOn(c -> c == 200).hasSize(11);
        assertThat(transport.responseTimes.get(transport.responseTimes.size() - 1)).isEqualTo(Duration.ofMillis(31_500));
    }

    @Test
    void aForkedMessageArrivingAfterTheAnswerIsStill482UntilTimerJ() {
        List<String> delivered = new ArrayList<>();
        ua.handle("MESSAGE", r -> {
            delivered.add(r.request().topVia().branch().orElseThrow());
            r.respond(200);
        });
        SipRequest first = Wire.request("MESSAGE", "UDP", "z9hG4bK-m1");
        receive(first);
        assertThat(lastResponse().statusCode()).isEqualTo(200);

        // The first copy is answered and its transaction completed; a copy that forked upstream comes in later.
        clock.advance(Duration.ofSeconds(5));
        receive(first.toBuilder().set("Via", "SIP/2.0/UDP 192.0.2.77;branch=z9hG4bK-m2").build());
        assertThat(lastResponse().statusCode()).isEqualTo(482);

        // After Timer J (64*T1) the identifiers are free again.
        clock.advance(Duration.ofSeconds(30));
        receive(first.toBuilder().set("Via", "SIP/2.0/UDP 192.0.2.78;branch=z9hG4bK-m3").build());
        assertThat(delivered).containsExactly("z9hG4bK-m1", "z9hG4bK-m3");
    }

    @Test
    void aForkedCopyArrivingByAnotherPathIs482() {
        ua.handle("INVITE", invites::add);
        SipRequest first = Wire.invite("UDP", "z9hG4bK-path1");
        // Same From tag, Call-ID and CSeq, another branch: the request forked upstream and came back (§8.2.2.2).
        SipRequest second = first.toBuilder().set("Via", "SIP/2.0/UDP 192.0.2.77;branch=z9hG4bK-path2").build();
        receive(first);
        receive(second);
        assertThat(invites).hasSize(1);
        assertThat(lastResponse().statusCode()).isEqualTo(482);
        assertThat(lastResponse().topVia().branch()).contains("z9hG4bK-path2");

        // Once the first transaction is over, the same identifiers are no longer a merge.
        invites.get(0).respond(486);
        receive(Wire.ackFor(first, transport.responses.get(1)));
        clock.advance(Duration.ofSeconds(10));
        SipRequest third = first.toBuilder().set("Via", "SIP/2.0/UDP 192.0.2.78;branch=z9hG4bK-path3").build();
        receive(third);
        assertThat(invites).hasSize(2);
    }

    @Test
    void unknownContentEncodingIs415WithAcceptEncoding() {
        ua.handle("MESSAGE", r -> r.respond(200));
        receive(Wire.request("MESSAGE", "UDP", "z9hG4bK-enc").toBuilder().add("Content-Encoding", "gzip")
                .body("application/sdp", "v=0").build());
        assertThat(lastResponse().statusCode()).isEqualTo(415);
        assertThat(lastResponse().headerValue("Accept-Encoding")).contains("identity");
    }

    @Test
    void acceptExcludingSdpMakesAnInvite406() {
        ua.handle("INVITE", invites::add);
        receive(Wire.invite("UDP", "z9hG4bK-acc").toBuilder().add("Accept", "text/plain").build());
        assertThat(lastResponse().statusCode()).isEqualTo(406);
        receive(Wire.invite("UDP", "z9hG4bK-acc2").toBuilder().add("Accept", "application/*, text/plain").build());
        receive(Wire.invite("UDP", "z9hG4bK-acc3").toBuilder().add("Accept", "application/sdp;q=0").build());
        assertThat(invites).hasSize(1);
        assertThat(lastResponse().statusCode()).isEqualTo(406);
    }
}
