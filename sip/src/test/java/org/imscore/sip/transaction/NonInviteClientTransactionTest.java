package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Transport;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.2 non-INVITE client transaction on a simulated clock. */
class NonInviteClientTransactionTest extends TransactionTestBase {

    @Test
    void timerEDoublesUpToT2UntilTimerFGives408() {
        SipRequest options = outgoing("OPTIONS", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(options, Wire.PEER_UDP, listener);
        assertThat(tx.state()).isEqualTo(TransactionState.TRYING);

        clock.advance(ms(31_999));
        // Intervals 0.5, 1, 2, 4, 4, 4, ... s (T1 doubling, capped at T2 = 4 s).
        assertThat(transport.requestTimes).containsExactly(ms(0), ms(500), ms(1500), ms(3500), ms(7500), ms(11_500),
                ms(15_500), ms(19_500), ms(23_500), ms(27_500), ms(31_500));
        assertThat(listener.timeouts).isEmpty();

        clock.advance(ms(1)); // Timer F = 64*T1
        assertThat(listener.timeouts).singleElement().satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(408);
            assertThat(r.reasonPhrase()).isEqualTo("Request Timeout");
            assertThat(r.cseq()).isEqualTo(options.cseq());
        });
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.clientTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void inProceedingTheRequestIsRetransmittedEveryT2() {
        SipRequest register = outgoing("REGISTER", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(register, Wire.PEER_UDP, listener);
        clock.advance(ms(700)); // retransmission at 0.5 s; next Timer E due at 1.5 s
        layer.onMessage(Wire.inbound(Wire.answer(register, 100), Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(listener.codes()).containsExactly(100);

        clock.advance(ms(31_299)); // up to 31.999 s
        assertThat(transport.requestTimes).containsExactly(ms(0), ms(500), ms(1500), ms(5500), ms(9500), ms(13_500),
                ms(17_500), ms(21_500), ms(25_500), ms(29_500));
        clock.advance(ms(1));
        assertThat(listener.timeouts).hasSize(1); // Timer F still applies in Proceeding
    }

    @Test
    void finalResponseCompletesAndTimerKAbsorbsRetransmissions() {
        SipRequest options = outgoing("OPTIONS", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(options, Wire.PEER_UDP, listener);
        SipResponse ok = Wire.answer(options, 200);
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(tx.lastResponse()).contains(ok);

        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP));
        clock.advance(ms(4999)); // Timer K = T4 = 5 s
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP));
        assertThat(listener.codes()).containsExactly(200);
        assertThat(transport.requests).hasSize(1); // no retransmission after the final response
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        clock.advance(ms(1));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP));
        assertThat(user.strays).containsExactly(ok);
    }

    @Test
    void reliableTransportHasNoTimerEAndTimerKIsZero() {
        SipRequest options = outgoing("OPTIONS", Transport.TCP);
        ClientTransaction tx = layer.sendRequest(options, Wire.PEER_TCP, listener);
        clock.advance(s(10));
        assertThat(transport.requests).hasSize(1);
        layer.onMessage(Wire.inbound(Wire.answer(options, 404), Wire.PEER_TCP));
        assertThat(listener.codes()).containsExactly(404);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void reliableTransportStillTimesOutWithTimerF() {
        layer.sendRequest(outgoing("MESSAGE", Transport.TCP), Wire.PEER_TCP, listener);
        clock.advance(ms(31_999));
        assertThat(listener.timeouts).isEmpty();
        clock.advance(ms(1));
        assertThat(listener.timeouts).hasSize(1);
        assertThat(transport.requests).hasSize(1);
    }

    @Test
    void transportErrorGives503() {
        transport.failure = "no route to host";
        ClientTransaction tx = layer.sendRequest(outgoing("OPTIONS", Transport.UDP), Wire.PEER_UDP, listener);
        assertThat(listener.transportErrors).singleElement().satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.reasonPhrase()).isEqualTo("Service Unavailable");
        });
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(listener.responses).isEmpty();
        assertThat(listener.timeouts).isEmpty();
    }

    @Test
    void provisionalAfterFinalIsIgnored() {
        SipRequest options = outgoing("OPTIONS", Transport.UDP);
        layer.sendRequest(options, Wire.PEER_UDP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(options, 200), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.answer(options, 180), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.answer(options, 500), Wire.PEER_UDP));
        assertThat(listener.codes()).containsExactly(200);
    }
}
