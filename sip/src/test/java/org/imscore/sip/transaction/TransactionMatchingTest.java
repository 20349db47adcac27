package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Transport;
import org.junit.jupiter.api.Test;

/** Matching of requests to server transactions (§17.2.3, §9.2) and of responses to client ones (§17.1.3). */
class TransactionMatchingTest extends TransactionTestBase {

    private static SipRequest torture(String name) throws IOException {
        try (InputStream in = TransactionMatchingTest.class.getResourceAsStream("/rfc4475/invalid/" + name + ".dat")) {
            return (SipRequest) Wire.parse(in.readAllBytes());
        }
    }

    private static SipRequest withVia(SipRequest request, String via) {
        return request.toBuilder().set("Via", via).build();
    }

    @Test
    void sameBranchFromAnotherSentByIsAnotherTransaction() {
        SipRequest a = Wire.request("OPTIONS", "UDP", "z9hG4bK-same");
        SipRequest b = withVia(a, "SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bK-same");
        layer.onMessage(Wire.inbound(a, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(b, Wire.PEER_UDP));
        assertThat(user.requests).hasSize(2);
        assertThat(layer.serverTransactionCount()).isEqualTo(2);
    }

    @Test
    void sentByComparisonIgnoresHostCase() {
        SipRequest a = withVia(Wire.request("OPTIONS", "UDP", "z9hG4bK-c"), "SIP/2.0/UDP Host.Example.COM;branch=z9hG4bK-c");
        SipRequest b = withVia(a, "SIP/2.0/UDP host.example.com;branch=z9hG4bK-c");
        layer.onMessage(Wire.inbound(a, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(b, Wire.PEER_UDP));
        assertThat(user.requests).hasSize(1);
    }

    @Test
    void sameBranchWithAnotherMethodIsAnotherTransaction() {
        layer.onMessage(Wire.inbound(Wire.request("OPTIONS", "UDP", "z9hG4bK-m"), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.request("INFO", "UDP", "z9hG4bK-m"), Wire.PEER_UDP));
        assertThat(user.requests).extracting(ServerTransaction::method).containsExactly("OPTIONS", "INFO");
    }

    @Test
    void ackWithTheInviteBranchMatchesTheInviteTransaction() {
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-ack");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        ServerTransaction tx = user.last();
        SipResponse busy = SipResponse.forRequest(invite, 486).toTag("t").build();
        tx.sendResponse(busy);
        assertThat(layer.findServerTransaction(Wire.ackFor(invite, busy))).contains(tx);
        layer.onMessage(Wire.inbound(Wire.ackFor(invite, busy), Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(user.acks).isEmpty();
    }

    @Test
    void cancelGetsItsOwnTransactionAndTheInviteItRefersTo() {
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-cancel");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        ServerTransaction inviteTx = user.last();
        SipRequest cancel = TransactionRequests.cancelFor(invite);
        layer.onMessage(Wire.inbound(cancel, Wire.PEER_UDP));

        assertThat(user.requests).hasSize(1); // CANCEL does not reach onRequest
        assertThat(user.cancels).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo("CANCEL");
            assertThat(c.key()).isEqualTo(inviteTx.key().withMethod("CANCEL"));
        });
        assertThat(user.cancelled).containsExactly(java.util.Optional.of(inviteTx));
        assertThat(layer.findCancelledTransaction(cancel)).contains(inviteTx);

        // A retransmitted CANCEL is absorbed by the CANCEL's transaction (which resends its answer).
        ServerTransaction cancelTx = user.cancels.get(0);
        cancelTx.sendResponse(SipResponse.forRequest(cancel, 200).toTag("t").build());
        layer.onMessage(Wire.inbound(cancel, Wire.PEER_UDP));
        assertThat(user.cancels).hasSize(1);
        assertThat(transport.sentStatusCodes()).containsExactly(100, 200, 200);
    }

    @Test
    void cancelForAnUnknownTransactionComesWithoutInvite() {
        SipRequest cancel = TransactionRequests.cancelFor(Wire.invite("UDP", "z9hG4bK-nothing"));
        layer.onMessage(Wire.inbound(cancel, Wire.PEER_UDP));
        assertThat(user.cancelled).containsExactly(java.util.Optional.empty());
    }

    @Test
    void rfc2543InviteIsMatchedFieldByField() throws IOException {
        SipRequest invite = torture("inv2543"); // RFC 4475 §3.4.1: no branch at all
        assertThat(invite.topVia().hasRfc3261Branch()).isFalse();
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(torture("inv2543"), Wire.PEER_UDP)); // a retransmission
        assertThat(user.requests).hasSize(1);
        assertThat(transport.sentStatusCodes()).containsExactly(100, 100);

        ServerTransaction tx = user.last();
        SipResponse busy = SipResponse.forRequest(invite, 486).toTag("uas-2543").build();
        tx.sendResponse(busy);

        // An ACK with a To tag other than the response's is not this transaction's.
        SipRequest foreignAck = Wire.ackFor(invite, SipResponse.forRequest(invite, 486).toTag("other").build());
        layer.onMessage(Wire.inbound(foreignAck, Wire.PEER_UDP));
        assertThat(user.acks).containsExactly(foreignAck);
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);

        layer.onMessage(Wire.inbound(Wire.ackFor(invite, busy), Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(user.acks).hasSize(1);
    }

    @Test
    void rfc2543RequestsDifferingInAnyMatchedFieldAreNewTransactions() throws IOException {
        SipRequest invite = torture("inv2543");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(invite.toBuilder().set("CSeq", "57 INVITE").build(), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(withVia(invite, "SIP/2.0/UDP other.example.com"), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(invite.toBuilder()
                .set("From", "<sip:+13035551111@ift.client.example.net;user=phone>;tag=x").build(), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(invite.toBuilder()
                .requestUri(org.imscore.sip.uri.Uri.parse("sip:UserC@example.com")).build(), Wire.PEER_UDP));
        assertThat(user.requests).hasSize(5);
    }

    @Test
    void rfc2543CancelFindsTheInvite() throws IOException {
        SipRequest invite = torture("inv2543");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP));
        SipRequest cancel = TransactionRequests.cancelFor(invite);
        layer.onMessage(Wire.inbound(cancel, Wire.PEER_UDP));
        assertThat(user.cancelled).containsExactly(java.util.Optional.of(user.last()));
        assertThat(layer.serverTransactionCount()).isEqualTo(2);
    }

    @Test
    void rfc2543TransactionIsForgottenWhenTerminated() throws IOException {
        SipRequest options = torture("inv2543").toBuilder().method("OPTIONS").set("CSeq", "56 OPTIONS").build();
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        user.last().sendResponse(SipResponse.forRequest(options, 200).toTag("x").build());
        clock.advance(s(32));
        assertThat(layer.serverTransactionCount()).isZero();
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        assertThat(user.requests).hasSize(2);
    }

    @Test
    void branchOfOnlyTheMagicCookieIsStillAnRfc3261Branch() throws IOException {
        SipRequest options = torture("badbranch"); // RFC 4475 §3.2.1
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(options, Wire.PEER_UDP));
        assertThat(user.requests).hasSize(1);
        assertThat(user.last().key().branch()).isEqualTo("z9hG4bK");
    }

    @Test
    void responsesMatchByBranchAndCSeqMethod() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction inviteTx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        Recorders.Listener cancelListener = new Recorders.Listener();
        ClientTransaction cancelTx = layer.sendRequest(inviteTx.createCancel(), Wire.PEER_UDP, cancelListener);
        assertThat(cancelTx.key()).isEqualTo(inviteTx.key().withMethod("CANCEL"));

        layer.onMessage(Wire.inbound(Wire.answer(cancelTx.request(), 200), Wire.PEER_UDP));
        layer.onMessage(Wire.inbound(Wire.answer(invite, 487), Wire.PEER_UDP));
        assertThat(cancelListener.codes()).containsExactly(200);
        assertThat(listener.codes()).containsExactly(487);

        SipResponse foreign = Wire.answer(outgoing("INVITE", Transport.UDP), 200);
        layer.onMessage(Wire.inbound(foreign, Wire.PEER_UDP));
        assertThat(user.strays).containsExactly(foreign);
        // Both completed: they wait out Timers D and K as records the TU no longer sees, still matching by key.
        assertThat(inviteTx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(layer.clientTransactionCount()).isEqualTo(2);
        assertThat(layer.findClientTransaction(TransactionKey.client(invite))).isEmpty();
        layer.onMessage(Wire.inbound(Wire.answer(invite, 487), Wire.PEER_UDP));
        assertThat(listener.codes()).containsExactly(487);
        assertThat(user.strays).containsExactly(foreign);
    }

    @Test
    void aLiveClientTransactionIsFoundByItsKey() {
        SipRequest invite = outgoing("INVITE", Transport.UDP);
        ClientTransaction inviteTx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        layer.onMessage(Wire.inbound(Wire.answer(invite, 180), Wire.PEER_UDP));
        assertThat(layer.findClientTransaction(TransactionKey.client(invite))).contains(inviteTx);
    }

    @Test
    void sendRequestRefusesAckBadBranchesAndDuplicates() {
        SipRequest options = outgoing("OPTIONS", Transport.UDP);
        layer.sendRequest(options, Wire.PEER_UDP, listener);
        assertThatThrownBy(() -> layer.sendRequest(options, Wire.PEER_UDP, listener))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists");
        SipRequest oldBranch = options.toBuilder().set("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=1234").build();
        assertThatThrownBy(() -> layer.sendRequest(oldBranch, Wire.PEER_UDP, listener))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z9hG4bK");
        SipRequest ack = outgoing("ACK", Transport.UDP);
        assertThatThrownBy(() -> layer.sendRequest(ack, Wire.PEER_UDP, listener))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendStateless");
    }

    @Test
    void newViaCarriesOurSentByAFreshBranchAndRport() {
        var a = layer.newVia(Transport.UDP);
        var b = layer.newVia(Transport.TCP);
        assertThat(a.transport()).isEqualTo("UDP");
        assertThat(b.transport()).isEqualTo("TCP");
        assertThat(a.sentBy()).isEqualTo("127.0.0.1:5060");
        assertThat(a.hasRfc3261Branch()).isTrue();
        assertThat(a.branch()).isNotEqualTo(b.branch());
        assertThat(a.hasRport()).isTrue();
        assertThat(Branches.newBranch()).matches("z9hG4bK[0-9a-f]{16}");
    }

    @Test
    void statelessSendsGoStraightToTheTransport() {
        SipRequest ack = outgoing("ACK", Transport.UDP);
        layer.sendStateless(ack, Wire.PEER_UDP);
        SipResponse ok = Wire.answer(outgoing("INVITE", Transport.UDP), 200);
        layer.sendStatelessResponse(ok);
        assertThat(transport.sentRequests()).containsExactly(ack);
        assertThat(transport.responses).containsExactly(ok);
        transport.failure = "down";
        assertThat(layer.sendStateless(ack, Wire.PEER_UDP).toCompletableFuture()).isCompletedExceptionally();
        assertThat(layer.clientTransactionCount()).isZero();
    }

    @Test
    void aFailingTuStillGetsThePeerAnAnswer() {
        layer = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT, new Recorders.User() {
            @Override
            public synchronized void onRequest(ServerTransaction transaction) {
                throw new IllegalStateException("defect");
            }
        });
        layer.onMessage(Wire.inbound(Wire.request("OPTIONS", "TCP", "z9hG4bK-boom"), Wire.PEER_TCP));
        assertThat(transport.sentStatusCodes()).containsExactly(500);
        assertThat(transport.responses.get(0).to().tag()).isPresent();
        assertThat(layer.serverTransactionCount()).isZero(); // answered over TCP: Timer J = 0
    }
}
