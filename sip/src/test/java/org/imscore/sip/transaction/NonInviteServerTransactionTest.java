package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.2 non-INVITE server transaction on a simulated clock. */
class NonInviteServerTransactionTest extends TransactionTestBase {

    private final SipRequest options = Wire.request("OPTIONS", "UDP", "z9hG4bK-opt-1");

    private static SipResponse response(SipRequest request, int code) {
        return SipResponse.forRequest(request, code).toTag("uas-tag").build();
    }

    @Test
    void retransmissionsInTryingAreAbsorbedSilently() {
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);
        assertThat(tx.isInvite()).isFalse();
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        assertThat(user.requests).hasSize(1);
        assertThat(transport.responses).isEmpty(); // no 100 Trying for non-INVITE
    }

    @Test
    void finalResponseIsResentOnRetransmissionUntilTimerJ() {
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        assertThat(tx.sendResponse(response(options, 200))).isTrue();
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);

        clock.advance(s(10));
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(200, 200);
        assertThat(transport.responseTimes).containsExactly(ms(0), s(10));

        clock.advance(ms(21_999)); // Timer J = 64*T1 over UDP
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        clock.advance(ms(1));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.serverTransactionCount()).isZero();

        // A copy after Timer J is a new request for the TU.
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        assertThat(user.requests).hasSize(2);
    }

    @Test
    void provisionalIsResentInProceeding() {
        SipRequest register = Wire.request("REGISTER", "UDP", "z9hG4bK-reg-1");
        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        tx.sendResponse(response(register, 100));
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        layer.onMessage(Wire.inbound(register, Wire.PEER_UDP));
        assertThat(transport.sentStatusCodes()).containsExactly(100, 100);
        tx.sendResponse(response(register, 401));
        assertThat(tx.sendResponse(response(register, 200))).isFalse();
        assertThat(transport.sentStatusCodes()).containsExactly(100, 100, 401);
    }

    @Test
    void overTcpTimerJIsZero() {
        SipRequest tcp = Wire.request("OPTIONS", "TCP", "z9hG4bK-opt-tcp");
        layer.onMessage(Wire.inbound(tcp, Wire.PEER_TCP));
        ServerTransaction tx = user.last();
        tx.sendResponse(response(tcp, 200));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(user.terminated).containsExactly(tx);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void transportErrorIsReported() {
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        transport.failure = "unreachable";
        user.last().sendResponse(response(options, 200));
        assertThat(user.errors).containsExactly(TransactionError.TRANSPORT_ERROR);
        assertThat(user.last().state()).isEqualTo(TransactionState.TERMINATED);
    }
}
