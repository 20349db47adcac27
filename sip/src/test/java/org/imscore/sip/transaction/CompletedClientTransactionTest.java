package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Transport;
import org.junit.jupiter.api.Test;

/**
 * Client transactions after the hand-over to their compact record (Completed, waiting out Timer D or K; Accepted,
 * waiting out Timer M).
 */
class CompletedClientTransactionTest extends TransactionTestBase {

    @Test
    void theAckForARetransmittedRejectionIsResentWithTheSameOctetsUntilTimerD() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        SipResponse busy = Wire.answer(invite, 486);
        layer.onMessage(Wire.inbound(busy, Wire.PEER_UDP));

        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(listener.codes()).containsExactly(486);
        assertThat(listener.terminated).isEqualTo(1); // the TU is let go with its final response
        assertThat(layer.findClientTransaction(tx.key())).isEmpty();
        byte[] ack = transport.requestOctets.get(1);
        assertThat(ack).isEqualTo(SipSerializer.serialize(TransactionRequests.ackForNon2xx(invite, busy)));

        clock.advance(s(2));
        layer.onMessage(Wire.inbound(busy, Wire.PEER_UDP));
        clock.advance(s(10));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 486), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_UDP)); // absorbed

        assertThat(transport.sentRequests()).extracting(SipRequest::method)
                .containsExactly("INVITE", "ACK", "ACK", "ACK");
        assertThat(transport.requestOctets.subList(1, 4)).allSatisfy(o -> assertThat(o).isEqualTo(ack));
        assertThat(transport.requests).allSatisfy(r -> assertThat(r.destination()).isEqualTo(Wire.PEER_UDP));
        assertThat(listener.codes()).containsExactly(486);
        assertThat(user.strays).isEmpty();

        clock.advance(ms(19_999)); // Timer D = 32 s from the 486
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        clock.advance(ms(1));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(layer.clientTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aNonInviteRecordAbsorbsRetransmittedResponsesUntilTimerK() {
        SipRequest options = outgoing("OPTIONS", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(options, Wire.PEER_UDP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(options, 200), Wire.PEER_UDP));
        assertThat(listener.terminated).isEqualTo(1);

        layer.onMessage(Wire.inbound(Wire.answer(options, 200), Wire.PEER_UDP));
        assertThat(listener.codes()).containsExactly(200);
        assertThat(user.strays).isEmpty();
        assertThat(transport.requests).hasSize(1);
        assertThat(tx.lastResponse()).hasValueSatisfying(r -> assertThat(r.statusCode()).isEqualTo(200));

        clock.advance(s(5)); // Timer K = T4
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.clientTransactionCount()).isZero();
        // After Timer K the response is stray.
        layer.onMessage(Wire.inbound(Wire.answer(options, 200), Wire.PEER_UDP));
        assertThat(user.strays).hasSize(1);
    }

    @Test
    void anAckThatCannotBeResentEndsTheRecord() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(invite, 603), Wire.PEER_UDP));
        transport.failure = "network unreachable";

        layer.onMessage(Wire.inbound(Wire.answer(invite, 603), Wire.PEER_UDP));

        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(listener.transportErrors).isEmpty(); // the TU has its final response (§17.1.1.2)
        assertThat(layer.clientTransactionCount()).isZero();
        // Its Timer D is a wait, which cannot be cancelled: it fires later and finds nothing to do.
        int sent = transport.sentRequests().size();
        assertThat(clock.pending()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(33));
        assertThat(clock.pending()).isZero();
        assertThat(transport.sentRequests()).hasSize(sent);
        assertThat(listener.transportErrors).isEmpty();
    }

    @Test
    void overTcpTheTransactionEndsWithItsFinalResponse() {
        SipRequest invite = outgoing("INVITE", Transport.TCP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_TCP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(invite, 486), Wire.PEER_TCP));
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED); // Timer D is zero: no record
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(layer.clientTransactionCount()).isZero();
    }

    @Test
    void anAcceptedRecordPassesEvery2xxToTheTuAndAbsorbsTheRestUntilTimerM() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        List<ClientTransaction> seenAs = new ArrayList<>();
        Recorders.Listener recorder = listener;
        ClientTransactionListener tu = new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction transaction, SipResponse response) {
                seenAs.add(transaction);
                recorder.onResponse(transaction, response);
            }

            @Override
            public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
                recorder.onTimeout(transaction, timeout);
            }

            @Override
            public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
                recorder.onTransportError(transaction, unavailable, cause);
            }

            @Override
            public void onTerminated(ClientTransaction transaction) {
                seenAs.add(transaction);
                recorder.onTerminated(transaction);
            }
        };
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, tu);
        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_UDP));
        SipResponse ok = Wire.answer(invite, 200);
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP));

        // The machine is gone from the table; the record in its place is what the TU now sees.
        ClientTransaction record = layer.findClientTransaction(tx.key()).orElseThrow();
        assertThat(record).isNotSameAs(tx);
        assertThat(record.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        // The record keeps the INVITE's octets, not the request: each call parses an equal request from them.
        assertThat(record.request()).isEqualTo(invite).isNotSameAs(invite);
        assertThat(record.request().headerFields()).isEqualTo(invite.headerFields());
        assertThat(SipSerializer.serialize(record.request())).isEqualTo(transport.requestOctets.get(0));
        assertThat(record.method()).isEqualTo("INVITE");
        assertThat(record.isInvite()).isTrue();
        assertThat(record.createCancel()).isEqualTo(TransactionRequests.cancelFor(invite));
        assertThat(record.destination()).isEqualTo(Wire.PEER_UDP);
        assertThat(record.hasProvisional()).isTrue();
        assertThat(record.lastResponse()).isEmpty(); // the 2xx is the TU's, not kept here
        assertThat(listener.terminated).isZero(); // the TU still gets 2xx responses

        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP)); // retransmitted 2xx
        layer.onMessage(Wire.inbound(Wire.answer(invite, 183), Wire.PEER_UDP)); // late 1xx: absorbed
        layer.onMessage(Wire.inbound(Wire.answer(invite, 486), Wire.PEER_UDP)); // non-2xx final: absorbed
        layer.onMessage(Wire.inbound(Wire.answer(invite, 200).toBuilder().build(), Wire.PEER_UDP));
        assertThat(listener.codes()).containsExactly(180, 200, 200, 200);
        assertThat(seenAs.subList(2, 4)).allSatisfy(t -> assertThat(t).isSameAs(record));
        assertThat(transport.sentRequests()).extracting(SipRequest::method).containsExactly("INVITE");
        assertThat(user.strays).isEmpty();

        clock.advance(ms(31_999)); // Timer M = 64*T1 from the first 2xx
        assertThat(record.state()).isEqualTo(TransactionState.ACCEPTED);
        clock.advance(ms(1));
        assertThat(record.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(tx.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(seenAs.get(seenAs.size() - 1)).isSameAs(record);
        assertThat(layer.clientTransactionCount()).isZero();
        assertThat(clock.pending()).isZero();

        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP)); // after Timer M: a stray, for the TU of the layer
        assertThat(user.strays).hasSize(1);
        assertThat(listener.codes()).containsExactly(180, 200, 200, 200);
    }

    @Test
    void anAcceptedRecordCannotBeCancelled() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 200), Wire.PEER_UDP));

        assertThat(layer.cancel(tx, ClientTransactionListener.IGNORE)).isFalse();
        assertThat(layer.cancel(layer.findClientTransaction(tx.key()).orElseThrow(), ClientTransactionListener.IGNORE))
                .isFalse();
        assertThat(transport.sentRequests("CANCEL")).isEmpty();
    }
}
