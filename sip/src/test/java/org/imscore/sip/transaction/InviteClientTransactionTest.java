package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Transport;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.1 / RFC 6026 §7.2 INVITE client transaction on a simulated clock. */
class InviteClientTransactionTest extends TransactionTestBase {

    @Test
    void timerARetransmitsAtDoublingIntervalsUntilTimerBGives408() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        assertThat(tx.state()).isEqualTo(TransactionState.CALLING);

        clock.advance(ms(31_999));
        // Sent at 0, then Timer A at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s (interval T1, 2T1, 4T1, ... no T2 cap).
        assertThat(transport.requestTimes).containsExactly(ms(0), ms(500), ms(1500), ms(3500), ms(7500), ms(15_500),
                ms(31_500));
        assertThat(transport.sentRequests()).allMatch(r -> r.equals(invite));
        // Encoded once: the first send and every retransmission hand the transport the same octets.
        byte[] octets = SipSerializer.serialize(invite);
        assertThat(transport.requestOctets).allSatisfy(o -> assertThat(o).isEqualTo(octets));
        assertThat(transport.requests).allMatch(r -> r.destination().equals(Wire.PEER_UDP));
        assertThat(listener.timeouts).isEmpty();

        clock.advance(ms(1)); // Timer B = 64*T1 = 32 s
        assertThat(listener.timeouts).singleElement().satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(408);
            assertThat(r.cseq()).isEqualTo(invite.cseq());
            assertThat(r.topVia()).isEqualTo(invite.topVia());
        });
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(layer.clientTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();

        clock.advance(s(100));
        assertThat(transport.requests).hasSize(7);
    }

    @Test
    void reliableTransportHasNoRetransmissionsButTimerB() {
        ClientTransaction tx = layer.sendRequest(outgoing("INVITE", Transport.TCP), Wire.PEER_TCP, listener);
        clock.advance(ms(31_999));
        assertThat(transport.requests).hasSize(1);
        clock.advance(ms(1));
        assertThat(listener.timeouts).hasSize(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void provisionalStopsRetransmissionsAndTimerB() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        clock.advance(ms(600));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 100), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_UDP));

        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(tx.hasProvisional()).isTrue();
        assertThat(listener.codes()).containsExactly(100, 180);
        clock.advance(s(120));
        assertThat(transport.requests).hasSize(2); // original and the retransmission at 0.5 s
        assertThat(listener.timeouts).isEmpty();
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);
    }

    @Test
    void failureResponseIsAckedByTheTransactionAndRetransmissionsAreAbsorbed() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        SipResponse busy = Wire.answer(invite, 486);
        layer.onMessage(Wire.inbound(busy, Wire.PEER_UDP));

        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(listener.codes()).containsExactly(486);
        assertThat(transport.sentRequests("ACK")).hasSize(1);
        assertThat(transport.requests.get(1).destination()).isEqualTo(Wire.PEER_UDP);

        // A retransmitted 486 (our ACK was lost): the ACK goes again, the TU hears nothing.
        layer.onMessage(Wire.inbound(busy, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(busy, Wire.PEER_UDP));
        assertThat(transport.sentRequests("ACK")).hasSize(3);
        assertThat(listener.codes()).containsExactly(486);
        assertThat(transport.sentRequests("INVITE")).hasSize(1);

        clock.advance(ms(31_999)); // Timer D: 32 s over UDP
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        clock.advance(ms(1));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.clientTransactionCount()).isZero();

        // After Timer D, a late 486 is stray.
        layer.onMessage(Wire.inbound(busy, Wire.PEER_UDP));
        assertThat(user.strays).containsExactly(busy);
    }

    @Test
    void ackForNon2xxCarriesTheFieldsOfSection17_1_1_3() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        SipResponse notFound = sentAndAnswered(invite, 404);

        SipRequest ack = transport.sentRequests("ACK").get(0);
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(ack.callId()).isEqualTo(invite.callId());
        assertThat(ack.from()).isEqualTo(invite.from());
        assertThat(ack.to()).isEqualTo(notFound.to());
        assertThat(ack.to().tag()).contains("peer-tag");
        assertThat(ack.cseq().number()).isEqualTo(invite.cseq().number());
        assertThat(ack.cseq().method()).isEqualTo("ACK");
        assertThat(ack.vias()).containsExactly(invite.topVia());
        assertThat(ack.routes()).isEqualTo(invite.routes()).isNotEmpty();
        assertThat(ack.maxForwards()).contains(70);
        assertThat(ack.bodyLength()).isZero();
        assertThat(ack.hasHeader("Contact")).isFalse();
    }

    @Test
    void reliableTransportEndsCompletedAtOnce() {
        SipRequest invite = outgoing("INVITE", Transport.TCP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_TCP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(invite, 603), Wire.PEER_TCP));
        assertThat(transport.sentRequests("ACK")).hasSize(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED); // Timer D = 0 for reliable transports
        assertThat(layer.clientTransactionCount()).isZero();
    }

    @Test
    void successGoesToAcceptedAndEvery2xxReachesTheTuUntilTimerM() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        SipResponse ok = Wire.answer(invite, 200);
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);

        clock.advance(s(10));
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP)); // a 2xx retransmission: the TU must ACK it again
        assertThat(listener.codes()).containsExactly(200, 200);
        assertThat(transport.sentRequests("ACK")).isEmpty(); // the 2xx ACK is the TU's, not the transaction's
        assertThat(transport.sentRequests("INVITE")).hasSize(1); // no retransmission after the 2xx

        clock.advance(ms(21_999)); // Timer M = 64*T1 from the first 2xx
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        clock.advance(ms(1));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP));
        assertThat(user.strays).hasSize(1); // a proxy would forward it statelessly
    }

    @Test
    void anAcceptedTransactionGivesItsInviteToAUaAndKeepsNoneForAProxy() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        SipResponse ok = sentAndAnswered(invite, 200);
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP)); // reaches the TU through the accepted record
        ClientTransaction record = listener.transactions.get(1);
        assertThat(record.request()).isEqualTo(invite);

        Recorders.Listener proxy = new Recorders.Listener();
        proxy.asksForAcceptedRequest = false;
        SipRequest second = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(second, Wire.PEER_UDP, proxy);
        assertThat(tx.request()).isEqualTo(second); // the live transaction still has it
        SipResponse secondOk = Wire.answer(second, 200);
        layer.onMessage(Wire.inbound(secondOk, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(secondOk, Wire.PEER_UDP));
        assertThat(proxy.codes()).containsExactly(200, 200); // late 2xx still reach the proxy
        ClientTransaction kept = proxy.transactions.get(1);
        assertThat(kept.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThatThrownBy(kept::request).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kept no request");
        clock.advance(s(32));
        assertThat(kept.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(proxy.terminated).isEqualTo(1);
    }

    @Test
    void transportErrorGives503AndTerminates() {
        transport.failure = "connection refused";
        SipRequest invite = outgoing("INVITE", Transport.TCP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_TCP, listener);
        assertThat(listener.transportErrors).singleElement()
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(503));
        assertThat(listener.causes.get(0)).hasMessageContaining("connection refused");
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.clientTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void transportErrorOnARetransmissionAlsoGives503() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        transport.failure = "ICMP port unreachable";
        clock.advance(ms(500));
        assertThat(listener.transportErrors).hasSize(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void timerCAfterProvisionalAsksTheProxyToCancel() {
        SipTimers timers = SipTimers.DEFAULT;
        layer = new TransactionLayer(transport, clock,
                TransactionConfig.PROXY.withTimers(new SipTimers(timers.t1(), timers.t2(), timers.t4(), s(181))), user);
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        clock.advance(s(1));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_UDP));
        clock.advance(s(100));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 183), Wire.PEER_UDP)); // restarts Timer C (§16.7 step 2)
        clock.advance(s(180));
        assertThat(listener.timerC).isZero();
        clock.advance(s(1));
        assertThat(listener.timerC).isEqualTo(1);
        assertThat(tx.state()).isEqualTo(TransactionState.PROCEEDING);

        SipRequest cancel = tx.createCancel();
        assertThat(cancel.method()).isEqualTo("CANCEL");
        assertThat(cancel.vias()).containsExactly(invite.topVia());
        assertThat(cancel.cseq().number()).isEqualTo(invite.cseq().number());
        assertThat(cancel.cseq().method()).isEqualTo("CANCEL");
        assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
        assertThat(cancel.to()).isEqualTo(invite.to());
        assertThat(cancel.from()).isEqualTo(invite.from());
        assertThat(cancel.callId()).isEqualTo(invite.callId());
        assertThat(cancel.routes()).isEqualTo(invite.routes());
    }

    @Test
    void timerCWithoutProvisionalIsATimeout() {
        layer = new TransactionLayer(transport, clock, TransactionConfig.PROXY.withTimers(
                new SipTimers(ms(500), s(4), s(5), s(20))), user);
        ClientTransaction tx = layer.sendRequest(outgoing("INVITE", Transport.TCP), Wire.PEER_TCP, listener);
        clock.advance(s(20));
        assertThat(listener.timeouts).hasSize(1);
        assertThat(listener.timerC).isZero();
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void configuredT1ScalesTimersAAndB() {
        layer = new TransactionLayer(transport, clock,
                TransactionConfig.DEFAULT.withTimers(new SipTimers(ms(100), s(4), s(5), s(181))), user);
        layer.sendRequest(outgoing("INVITE", Transport.UDP), Wire.PEER_UDP, listener);
        clock.advance(ms(6400));
        assertThat(transport.requestTimes).containsExactly(ms(0), ms(100), ms(300), ms(700), ms(1500), ms(3100),
                ms(6300));
        assertThat(listener.timeouts).hasSize(1);
        assertThat(clock.now()).isEqualTo(Duration.ofMillis(6400));
    }

    @Test
    void cancelWaitsForAProvisionalResponseAndThenGoesInItsOwnTransaction() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        Recorders.Listener cancelListener = new Recorders.Listener();
        assertThat(layer.cancel(tx, cancelListener)).isTrue();
        assertThat(layer.cancel(tx, cancelListener)).isFalse(); // asked once is enough
        assertThat(transport.sentRequests("CANCEL")).isEmpty(); // §9.1: not before a provisional response

        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_UDP));
        assertThat(transport.sentRequests("CANCEL")).singleElement().isEqualTo(tx.createCancel());
        assertThat(transport.requests.get(transport.requests.size() - 1).destination()).isEqualTo(Wire.PEER_UDP);
        assertThat(layer.clientTransactionCount()).isEqualTo(2);

        SipRequest cancel = transport.sentRequests("CANCEL").get(0);
        layer.onMessage(Wire.inbound(Wire.answer(cancel, 200), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 487), Wire.PEER_UDP));
        assertThat(cancelListener.codes()).containsExactly(200);
        assertThat(listener.codes()).containsExactly(180, 487);
        assertThat(transport.sentRequests("ACK")).hasSize(1);
    }

    @Test
    void cancelAfterProvisionalGoesAtOnceAndAfterFinalNotAtAll() {
        SipRequest invite = outgoing("INVITE", Transport.TCP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_TCP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(invite, 183), Wire.PEER_TCP));
        assertThat(layer.cancel(tx, new Recorders.Listener())).isTrue();
        assertThat(transport.sentRequests("CANCEL")).hasSize(1);

        SipRequest other = outgoing("INVITE", Transport.TCP);
        ClientTransaction answered = layer.sendRequest(other, Wire.PEER_TCP, new Recorders.Listener());
        layer.onMessage(Wire.inbound(Wire.answer(other, 200), Wire.PEER_TCP));
        assertThat(layer.cancel(answered, new Recorders.Listener())).isFalse();
        ClientTransaction options = layer.sendRequest(outgoing("OPTIONS", Transport.TCP), Wire.PEER_TCP, listener);
        assertThat(layer.cancel(options, new Recorders.Listener())).isFalse();
        assertThat(transport.sentRequests("CANCEL")).hasSize(1);
    }

    @Test
    void afterTimerCTheTransactionGivesUp64T1Later() {
        layer = new TransactionLayer(transport, clock, TransactionConfig.PROXY.withTimers(
                new SipTimers(ms(500), s(4), s(5), s(181))), user);
        SipRequest invite = outgoing("INVITE", Transport.TCP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_TCP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_TCP));
        clock.advance(s(181));
        assertThat(listener.timerC).isEqualTo(1);
        layer.cancel(tx, new Recorders.Listener()); // the downstream never answers the CANCEL nor the INVITE
        clock.advance(ms(31_999));
        assertThat(listener.timeouts).isEmpty();
        clock.advance(ms(1));
        assertThat(listener.timeouts).singleElement().satisfies(r -> assertThat(r.statusCode()).isEqualTo(408));
        assertThat(listener.timerC).isEqualTo(1);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
    }

    /** Sends {@code invite} over UDP through the layer and feeds it the peer's {@code status} answer, returned. */
    private SipResponse sentAndAnswered(SipRequest invite, int status) {
        layer.sendRequest(invite, Wire.PEER_UDP, listener);
        SipResponse answer = Wire.answer(invite, status);
        layer.onMessage(Wire.inbound(answer, Wire.PEER_UDP));
        return answer;
    }
}
