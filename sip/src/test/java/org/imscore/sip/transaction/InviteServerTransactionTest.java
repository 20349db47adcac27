package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.1 / RFC 6026 §7.1 INVITE server transaction on a simulated clock. */
class InviteServerTransactionTest extends TransactionTestBase {

    private final SipRequest invite = Wire.invite("UDP", "z9hG4bK-inv-1");

    private ServerTransaction receiveInvite() {
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(user.requests).hasSize(1);
        return user.last();
    }

    private static SipResponse response(SipRequest request, int code) {
        return SipResponse.forRequest(request, code).toTag("uas-tag").build();
    }

    @Test
    void answers100TryingAndResendsTheLastProvisionalOnRetransmission() {
        ServerTransaction tx = receiveInvite();
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(tx.isInvite()).isTrue();
        assertThat(transport.sentStatusCodes()).containsExactly(100);
        SipResponse trying = transport.responses.get(0);
        assertThat(trying.to().tag()).isEmpty();
        assertThat(trying.vias()).isEqualTo(invite.vias());

        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 100);
        assertThat(tx.sendResponse(response(invite, 180))).isTrue();
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 100, 180, 180);
        assertThat(user.requests).hasSize(1); // retransmissions never reach the TU
    }

    @Test
    void noTryingWhenTheConfigSaysTheTuAnswersAtOnce() {
        layer = new TransactionLayer(transport, clock, new TransactionConfig(SipTimers.DEFAULT, false, false), user);
        receiveInvite();
        assertThat(transport.responses).isEmpty();
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(transport.responses).isEmpty(); // nothing to resend yet
    }

    private void deferTrying() {
        layer = new TransactionLayer(transport, clock,
                TransactionConfig.PROXY.withTryingDelay(TransactionConfig.TRYING_WITHIN), user);
    }

    @Test
    void aDeferredTryingIsSentWhenTheTuHasNotAnsweredWithin200Ms() {
        deferTrying();
        ServerTransaction tx = receiveInvite();
        clock.advance(ms(199));
        assertThat(transport.responses).isEmpty();
        clock.advance(ms(1));
        assertThat(transport.sentStatusCodes()).containsExactly(100);
        assertThat(transport.responseTimes).containsExactly(ms(200));
        assertThat(transport.responses.get(0).to().tag()).isEmpty();

        // From then on the 100 is the last response, resent on a retransmission as without the wait.
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 100);
        tx.sendResponse(response(invite, 180));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 100, 180);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aDeferredTryingIsNeverSentWhenTheTuAnswersFirst() {
        deferTrying();
        ServerTransaction tx = receiveInvite();
        clock.advance(ms(20));
        assertThat(tx.sendResponse(response(invite, 180))).isTrue();
        assertThat(clock.pending()).isZero(); // the wait is stopped with the first response
        clock.advance(ms(1000));
        assertThat(transport.sentStatusCodes()).containsExactly(180);

        // A final response before the wait ends stops it too; Timers G and H run as before.
        ServerTransaction busy = receiveSecondInvite("z9hG4bK-inv-2");
        busy.sendResponse(response(busy.request(), 486));
        clock.advance(ms(500));
        assertThat(transport.sentStatusCodes()).containsExactly(180, 486, 486);
    }

    @Test
    void aRetransmissionWhileTheTryingIsDeferredGetsItAtOnce() {
        deferTrying();
        ServerTransaction tx = receiveInvite();
        clock.advance(ms(50));
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100);
        assertThat(transport.responseTimes).containsExactly(ms(50));
        clock.advance(ms(1000));
        assertThat(transport.sentStatusCodes()).containsExactly(100); // the wait was stopped: no second 100
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(user.requests).hasSize(1);
    }

    @Test
    void theDeferredTryingIsDecidedWhereResponsesAreSentAndNeverFollowsA180() {
        deferTrying();
        transport.responseTasks = new ArrayDeque<>();
        ServerTransaction tx = receiveInvite();
        clock.advance(ms(200)); // the timer fires; the decision waits for the thread that sends responses
        assertThat(transport.responses).isEmpty();
        assertThat(transport.responseTasks).hasSize(1);
        tx.sendResponse(response(invite, 180)); // relayed meanwhile
        transport.responseTasks.poll().run();
        assertThat(transport.sentStatusCodes()).containsExactly(180);

        ServerTransaction second = receiveSecondInvite("z9hG4bK-inv-3");
        clock.advance(ms(200));
        transport.responseTasks.poll().run();
        assertThat(transport.sentStatusCodes()).containsExactly(180, 100);
        assertThat(second.state()).isEqualTo(TransactionState.PROCEEDING);
    }

    @Test
    void aTryingDelayBeyond200MsIsRefused() {
        assertThatThrownBy(() -> TransactionConfig.PROXY.withTryingDelay(ms(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 to 200 ms");
        assertThatThrownBy(() -> TransactionConfig.PROXY.withTryingDelay(ms(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ServerTransaction receiveSecondInvite(String branch) {
        SipRequest second = Wire.invite("UDP", branch);
        layer.onMessage(Wire.inbound(second, Wire.PEER_UDP));
        return user.last();
    }

    @Test
    void timerGRetransmitsTheFinalResponseUpToT2UntilTimerH() {
        ServerTransaction tx = receiveInvite();
        SipResponse busy = response(invite, 486);
        assertThat(tx.sendResponse(busy)).isTrue();
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);

        clock.advance(ms(31_999));
        // Sent at 0 (and the 100 before it), then Timer G at 0.5, 1.5, 3.5, 7.5, 11.5, ... (capped at T2 = 4 s).
        assertThat(transport.responseTimes).containsExactly(ms(0), ms(0), ms(500), ms(1500), ms(3500), ms(7500),
                ms(11_500), ms(15_500), ms(19_500), ms(23_500), ms(27_500), ms(31_500));
        assertThat(transport.responses.subList(1, transport.responses.size())).allMatch(r -> r.equals(busy));
        assertThat(user.errors).isEmpty();

        clock.advance(ms(1)); // Timer H = 64*T1
        assertThat(user.errors).containsExactly(TransactionError.NO_ACK);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(user.terminated).containsExactly(tx);
        assertThat(layer.serverTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void ackConfirmsStopsRetransmissionsAndTimerIAbsorbsAckRetransmissions() {
        ServerTransaction tx = receiveInvite();
        SipResponse busy = response(invite, 486);
        tx.sendResponse(busy);
        clock.advance(ms(600)); // one Timer G retransmission
        SipRequest ack = Wire.ackFor(invite, busy);
        layer.onMessage(Wire.inbound(ack, Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        int sent = transport.responses.size();

        layer.onMessage(Wire.inbound(ack, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        clock.advance(ms(4999)); // Timer I = T4
        assertThat(transport.responses).hasSize(sent); // no more Timer G, nothing resent in Confirmed
        assertThat(user.acks).isEmpty(); // the non-2xx ACK is absorbed, never the TU's business
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        clock.advance(ms(1));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(user.errors).isEmpty();

        // After Timer I, an ACK copy is stray and goes to the TU.
        layer.onMessage(Wire.inbound(ack, Wire.PEER_UDP));
        assertThat(user.acks).hasSize(1);
    }

    @Test
    void invitesRetransmittedInCompletedGetTheFinalResponseAgain() {
        ServerTransaction tx = receiveInvite();
        tx.sendResponse(response(invite, 404));
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 404, 404);
    }

    @Test
    void overTcpThereIsNoTimerGAndTimerIIsZero() {
        SipRequest tcpInvite = Wire.invite("TCP", "z9hG4bK-inv-tcp");
        layer.onMessage(Wire.inbound(tcpInvite, Wire.PEER_TCP));
        ServerTransaction tx = user.last();
        SipResponse busy = response(tcpInvite, 486);
        tx.sendResponse(busy);
        clock.advance(s(10));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 486);
        layer.onMessage(Wire.inbound(Wire.ackFor(tcpInvite, busy), Wire.PEER_TCP));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void overTcpTimerHStillFires() {
        SipRequest tcpInvite = Wire.invite("TCP", "z9hG4bK-inv-tcp2");
        layer.onMessage(Wire.inbound(tcpInvite, Wire.PEER_TCP));
        user.last().sendResponse(response(tcpInvite, 500));
        clock.advance(s(32));
        assertThat(user.errors).containsExactly(TransactionError.NO_ACK);
    }

    @Test
    void successGoesToAcceptedAbsorbsInvitesPassesAcksAndEndsWithTimerL() {
        ServerTransaction tx = receiveInvite();
        SipResponse ok = response(invite, 200);
        assertThat(tx.sendResponse(ok)).isTrue();
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);

        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 200); // absorbed: no 2xx resent by the transaction
        clock.advance(ms(500));
        assertThat(tx.sendResponse(ok)).isTrue(); // the TU core's own 2xx retransmission (§13.3.1.4) passes
        assertThat(transport.sentStatusCodes()).containsExactly(100, 200, 200);

        // The ACK for the 2xx has a new branch: it matches no transaction and goes to the TU.
        SipRequest ack2xx = Wire.request(
                "ACK sip:bob@192.0.2.20 SIP/2.0",
                "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-ack-2xx",
                "Max-Forwards: 70",
                "From: <sip:alice@example.net>;tag=a1",
                "To: <sip:bob@example.com>;tag=uas-tag",
                "Call-ID: " + invite.callId(),
                "CSeq: 1 ACK",
                "Content-Length: 0");
        layer.onMessage(Wire.inbound(ack2xx, Wire.PEER_UDP));
        // An ACK that does carry the INVITE's branch (RFC 6026 §8.7) also reaches the TU through the transaction.
        layer.onMessage(Wire.inbound(Wire.ackFor(invite, ok), Wire.PEER_UDP));
        assertThat(user.acks).hasSize(2);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);

        assertThat(tx.sendResponse(response(invite, 486))).isFalse(); // no non-2xx after a 2xx
        clock.advance(ms(31_499)); // Timer L = 64*T1 from the first 2xx
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        clock.advance(ms(1));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(user.errors).isEmpty();
    }

    @Test
    void responsesAfterTheFinalOneAreRefused() {
        ServerTransaction tx = receiveInvite();
        assertThat(tx.sendResponse(response(invite, 486))).isTrue();
        assertThat(tx.sendResponse(response(invite, 180))).isFalse();
        assertThat(tx.sendResponse(response(invite, 200))).isFalse();
        assertThat(transport.sentStatusCodes()).containsExactly(100, 486);
        assertThat(tx.lastResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(486));
    }

    @Test
    void aResponseForAnotherMethodIsRejected() {
        ServerTransaction tx = receiveInvite();
        SipResponse wrong = SipResponse.forRequest(Wire.request("BYE", "UDP", "z9hG4bK-x"), 200).build();
        assertThatThrownBy(() -> tx.sendResponse(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BYE");
    }

    @Test
    void transportErrorIsReportedAndTerminates() {
        ServerTransaction tx = receiveInvite();
        transport.failure = "connection reset";
        tx.sendResponse(response(invite, 486));
        assertThat(user.errors).containsExactly(TransactionError.TRANSPORT_ERROR);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aTuAnsweringInsideOnRequestIsServedInOrder() {
        layer = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT, new Recorders.User() {
            @Override
            public synchronized void onRequest(ServerTransaction transaction) {
                transaction.sendResponse(response(transaction.request(), 180));
                transaction.sendResponse(response(transaction.request(), 200));
            }
        });
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 180, 200);
    }
}
