package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/**
 * Server transactions after the hand-over to their compact record (non-INVITE Completed, INVITE Confirmed and
 * Accepted): what they answer, with which octets, and what the TU sees.
 */
class CompletedServerTransactionTest extends TransactionTestBase {

    private final SipRequest register = Wire.request("REGISTER", "UDP", "z9hG4bK-done-1");

    private static SipResponse ok(SipRequest request) {
        return SipResponse.forRequest(request, 200).toTag("uas-tag").add("Expires", "600").build();
    }

    @Test
    void aRetransmittedRequestGetsTheOctetsOfTheFirstAnswerUntilTimerJ() {
        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        SipResponse ok = ok(register);
        tx.sendResponse(ok);

        ServerTransaction record = layer.findServerTransaction(register).orElseThrow();
        assertThat(record).isInstanceOf(CompletedServerTransaction.class).isNotSameAs(tx);
        assertThat(record.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(((CompletedServerTransaction) record).lastEncodedResponse()).hasValueSatisfying(
                e -> assertThat(e.bytes()).isEqualTo(SipSerializer.serialize(ok)));

        clock.advance(s(1));
        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));
        clock.advance(s(20));
        layer.onMessage(Wire.inbound(Wire.request("REGISTER", "UDP", "z9hG4bK-done-1"), Wire.PEER_UDP));

        assertThat(transport.responseOctets).hasSize(3)
                .allSatisfy(octets -> assertThat(octets).isEqualTo(SipSerializer.serialize(ok)));
        assertThat(transport.responseTimes).containsExactly(ms(0), s(1), s(21));
        assertThat(user.requests).hasSize(1);

        clock.advance(ms(10_999)); // Timer J = 64*T1 = 32 s from the 200
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        clock.advance(ms(1));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(record.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.serverTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void theTuIsLetGoWhenTheFinalResponseLeavesAndTheTransactionStillReportsItsState() {
        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        tx.sendResponse(ok(register));

        assertThat(user.terminated).containsExactly(tx);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(tx.request()).isSameAs(register); // the TU's handle keeps what it was given
        assertThat(tx.lastResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(tx.sendResponse(SipResponse.forRequest(register, 500).toTag("x").build())).isFalse();

        clock.advance(s(32));
        assertThat(user.terminated).containsExactly(tx); // once
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void theRecordAnswersWhatATransactionAnswersButItsRequest() {
        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        tx.sendResponse(ok(register));

        ServerTransaction record = layer.findServerTransaction(register).orElseThrow();
        assertThat(record.key()).isEqualTo(tx.key());
        assertThat(record.method()).isEqualTo("REGISTER");
        assertThat(record.isInvite()).isFalse();
        assertThat(record.source()).isEqualTo(tx.source());
        assertThat(record.local()).isEqualTo(tx.local());
        assertThat(record.lastResponse()).contains(ok(register));
        assertThat(record.sendResponse(ok(register))).isFalse();
        assertThatThrownBy(record::request).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not kept after it completed");
    }

    @Test
    void timerGResendsTheOctetsOfTheFinalResponseAndTheConfirmedRecordAbsorbsTheRest() {
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-done-inv");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        SipResponse busy = SipResponse.forRequest(invite, 486).toTag("uas-tag").build();
        tx.sendResponse(busy);
        clock.advance(ms(1600)); // Timer G at 0.5 and 1.5 s
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP)); // and a retransmitted INVITE

        byte[] busyOctets = SipSerializer.serialize(busy);
        assertThat(transport.sentStatusCodes()).containsExactly(100, 486, 486, 486, 486);
        assertThat(transport.responseOctets.subList(1, 5)).allSatisfy(o -> assertThat(o).isEqualTo(busyOctets));

        layer.onMessage(Wire.inbound(Wire.ackFor(invite, busy), Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(layer.findServerTransaction(invite)).hasValueSatisfying(record -> assertThat(
                ((CompletedServerTransaction) record).lastEncodedResponse()).isEmpty()); // Confirmed resends nothing
        assertThat(user.terminated).containsExactly(tx);

        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.ackFor(invite, busy), Wire.PEER_UDP));
        assertThat(transport.responses).hasSize(5);
        assertThat(user.acks).isEmpty();
        assertThat(user.requests).hasSize(1);

        clock.advance(s(5)); // Timer I = T4
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.serverTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void inAcceptedTheTuStillSendsTwoHundredsThroughItsTransactionAndGetsTheAcks() {
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-done-acc");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        SipResponse ok = SipResponse.forRequest(invite, 200).toTag("uas-tag").build();
        tx.sendResponse(ok);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(user.terminated).containsExactly(tx);

        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP)); // absorbed: the TU core retransmits the 2xx
        assertThat(transport.sentStatusCodes()).containsExactly(100, 200);
        assertThat(tx.sendResponse(ok)).isTrue(); // the UAS core's 2xx retransmission, RFC 6026 §7.1
        assertThat(tx.sendResponse(SipResponse.forRequest(invite, 486).toTag("uas-tag").build())).isFalse();
        assertThat(transport.sentStatusCodes()).containsExactly(100, 200, 200);
        assertThat(transport.responseOctets.get(2)).isEqualTo(transport.responseOctets.get(1));
        assertThat(tx.lastResponse()).contains(ok);

        SipRequest ack = Wire.request("ACK", "UDP", "z9hG4bK-done-ack");
        CompletedServerTransaction record = (CompletedServerTransaction) layer.findServerTransaction(invite)
                .orElseThrow();
        assertThat(record.lastEncodedResponse()).isEmpty(); // neither the first 2xx nor the resent one

        layer.onMessage(Wire.inbound(ack, Wire.PEER_UDP)); // a 2xx ACK has its own branch: the TU's
        SipRequest ackOnTheInviteBranch = Wire.ackFor(invite, ok);
        layer.onMessage(Wire.inbound(ackOnTheInviteBranch, Wire.PEER_UDP)); // RFC 6026 §7.1: passed to the TU too
        assertThat(user.acks).containsExactly(ack, ackOnTheInviteBranch);

        clock.advance(s(32)); // Timer L = 64*T1
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(tx.sendResponse(ok)).isFalse();
        assertThat(layer.serverTransactionCount()).isZero();
    }

    @Test
    void aCancelAfterTheTwoHundredFindsTheAcceptedRecordAndIsAnswered() {
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-done-cancel");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        ServerTransaction inviteTx = user.last();
        inviteTx.sendResponse(SipResponse.forRequest(invite, 200).toTag("uas-tag").build());

        SipRequest cancel = TransactionRequests.cancelFor(invite);
        layer.onMessage(Wire.inbound(cancel, Wire.PEER_UDP));
        // §9.2: the INVITE is known, so the CANCEL is answered 200 (not 481), though it changes nothing.
        assertThat(user.cancelled).singleElement().satisfies(found -> assertThat(found).hasValueSatisfying(t -> {
            assertThat(t.key()).isEqualTo(inviteTx.key());
            assertThat(t.isInvite()).isTrue();
            assertThat(t.state()).isEqualTo(TransactionState.ACCEPTED);
            assertThat(t.lastResponse()).isEmpty(); // the 2xx is the TU's to resend, not the record's
        }));
        assertThat(layer.findCancelledTransaction(cancel)).map(ServerTransaction::key).contains(inviteTx.key());
    }

    @Test
    void aResendThatCannotGoOutEndsTheRecordAndTellsTheTu() {
        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));
        user.last().sendResponse(ok(register));
        transport.failure = "network unreachable";

        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));

        assertThat(user.errors).containsExactly(TransactionError.TRANSPORT_ERROR);
        assertThat(user.last().state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.serverTransactionCount()).isZero();
        // Its Timer J is a wait, which cannot be cancelled: it fires later and finds nothing to do.
        assertThat(clock.pending()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(33));
        assertThat(clock.pending()).isZero();
        assertThat(user.errors).containsExactly(TransactionError.TRANSPORT_ERROR);
        assertThat(user.last().state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void aFinalResponseThatFailsAtOnceEndsTheTransactionWithoutAHandOver() {
        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));
        transport.failure = "network unreachable";
        user.last().sendResponse(ok(register));

        assertThat(user.errors).containsExactly(TransactionError.TRANSPORT_ERROR);
        assertThat(user.terminated).containsExactly(user.last());
        assertThat(user.last().state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.serverTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void anRfc2543RequestIsMatchedByItsFieldsAfterTheHandOver() {
        SipRequest old = Wire.request(
                "OPTIONS sip:bob@example.com SIP/2.0",
                "Via: SIP/2.0/UDP 192.0.2.10:5060",
                "Max-Forwards: 70",
                "From: <sip:alice@example.net>;tag=a1",
                "To: <sip:bob@example.com>",
                "Call-ID: call-2543-done",
                "CSeq: 4 OPTIONS",
                "Content-Length: 0");
        layer.onMessage(Wire.inbound(old, Wire.PEER_UDP));
        user.last().sendResponse(ok(old));
        assertThat(layer.findServerTransaction(old)).containsInstanceOf(CompletedServerTransaction.class);

        layer.onMessage(Wire.inbound(old, Wire.PEER_UDP));
        SipRequest nextCSeq = old.toBuilder().set("CSeq", "5 OPTIONS").build();
        layer.onMessage(Wire.inbound(nextCSeq, Wire.PEER_UDP));

        assertThat(user.requests).hasSize(2); // the retransmission matched; CSeq 5 is a new request
        assertThat(transport.responseOctets.get(1)).isEqualTo(transport.responseOctets.get(0));
        assertThat(layer.serverTransactionCount()).isEqualTo(2);
    }

    @Test
    void anRfc2543AckIsMatchedByTheToTagOfTheResponseAfterTheHandOver() {
        SipRequest old = Wire.request(
                "INVITE sip:bob@example.com SIP/2.0",
                "Via: SIP/2.0/UDP 192.0.2.10:5060",
                "Max-Forwards: 70",
                "From: <sip:alice@example.net>;tag=a1",
                "To: <sip:bob@example.com>",
                "Call-ID: call-2543-ack",
                "CSeq: 1 INVITE",
                "Content-Length: 0");
        layer.onMessage(Wire.inbound(old, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        SipResponse ok = SipResponse.forRequest(old, 200).toTag("uas-tag").build();
        tx.sendResponse(ok);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);

        layer.onMessage(Wire.inbound(Wire.ackFor(old, ok), Wire.PEER_UDP));
        assertThat(user.acks).hasSize(1);
        assertThat(layer.findServerTransaction(Wire.ackFor(old, ok))).map(ServerTransaction::key)
                .contains(tx.key());
        assertThat(layer.findServerTransaction(Wire.ackFor(old, SipResponse.forRequest(old, 200).toTag("other")
                .build()))).isEmpty();
    }
}
