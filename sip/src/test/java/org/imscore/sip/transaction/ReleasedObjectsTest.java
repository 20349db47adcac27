package org.imscore.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.SipTransport;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

/**
 * A transaction that only waits out its timer keeps nothing of its request, its responses, its listener or its
 * transaction user's objects: once the TU lets go of them, the collector takes them, while the layer still answers
 * retransmissions with the same octets. (Each message is set up in a method of its own, so that no frame of the test
 * holds it; the transport here keeps octets only.)
 */
class ReleasedObjectsTest {

    private final ManualTimerService clock = new ManualTimerService();
    private final OctetsTransport transport = new OctetsTransport();

    /** A TU that answers every request with {@code status} and keeps nothing. */
    private static TransactionUser answering(int status) {
        return new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                transaction.sendResponse(SipResponse.forRequest(transaction.request(), status).toTag("t1").build());
            }

            @Override
            public void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
            }

            @Override
            public void onAck(SipRequest ack, InboundMessage inbound) {
            }
        };
    }

    @Test
    void aCompletedNonInviteServerTransactionHoldsOnlyItsKeyAndTheOctetsOfItsAnswer() throws InterruptedException {
        List<WeakReference<Object>> watched = new ArrayList<>();
        TransactionUser user = new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                // A registrar: answers, and keeps nothing of the transaction once it has.
                SipResponse ok = SipResponse.forRequest(transaction.request(), 200).toTag("t1").build();
                watched.add(new WeakReference<>(transaction));
                watched.add(new WeakReference<>(ok));
                transaction.sendResponse(ok);
            }

            @Override
            public void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
            }

            @Override
            public void onAck(SipRequest ack, InboundMessage inbound) {
            }
        };
        TransactionLayer layer = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT, user);
        registerArrives(layer, watched);

        awaitCollected(watched);

        assertThat(layer.serverTransactionCount()).isEqualTo(1);
        layer.onMessage(Wire.inbound(Wire.request("REGISTER", "UDP", "z9hG4bK-gone-1"), Wire.PEER_UDP));
        assertThat(transport.responses).hasSize(2);
        assertThat(transport.responses.get(1)).isEqualTo(transport.responses.get(0));
        clock.advance(java.time.Duration.ofSeconds(32));
        assertThat(layer.serverTransactionCount()).isZero();
    }

    private static void registerArrives(TransactionLayer layer, List<WeakReference<Object>> watched) {
        SipRequest register = Wire.request("REGISTER", "UDP", "z9hG4bK-gone-1");
        InboundMessage inbound = Wire.inbound(register, Wire.PEER_UDP);
        layer.onMessage(inbound);
        assertThat(layer.findServerTransaction(register).orElseThrow().state())
                .isEqualTo(TransactionState.COMPLETED);
        watched.add(new WeakReference<>(register));
        watched.add(new WeakReference<>(inbound));
    }

    @Test
    void anAcceptedInviteServerTransactionHoldsNoMessageObject() throws InterruptedException {
        List<SipRequest> acks = new ArrayList<>();
        TransactionUser user = new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
                transaction.sendResponse(SipResponse.forRequest(transaction.request(), 200).toTag("t1").build());
            }

            @Override
            public void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
            }

            @Override
            public void onAck(SipRequest ack, InboundMessage inbound) {
                acks.add(ack);
            }
        };
        TransactionLayer layer = new TransactionLayer(transport, clock, TransactionConfig.DEFAULT, user);
        List<WeakReference<Object>> watched = inviteAccepted(layer);

        awaitCollected(watched);

        SipRequest invite = Wire.invite("UDP", "z9hG4bK-gone-3");
        layer.onMessage(Wire.inbound(invite, Wire.PEER_UDP)); // absorbed in Accepted
        layer.onMessage(Wire.inbound(Wire.request(
                "ACK sip:bob@example.com SIP/2.0",
                "Via: " + invite.topVia(),
                "Max-Forwards: 70",
                "From: <sip:alice@example.net>;tag=a1",
                "To: <sip:bob@example.com>;tag=t1",
                "Call-ID: call-z9hG4bK-gone-3",
                "CSeq: 1 ACK",
                "Content-Length: 0"), Wire.PEER_UDP));
        assertThat(transport.responses).hasSize(2); // 100 and 200, nothing resent
        assertThat(acks).hasSize(1);
        clock.advance(java.time.Duration.ofSeconds(32));
        assertThat(layer.serverTransactionCount()).isZero();
    }

    private static List<WeakReference<Object>> inviteAccepted(TransactionLayer layer) {
        SipRequest invite = Wire.invite("UDP", "z9hG4bK-gone-3");
        InboundMessage inbound = Wire.inbound(invite, Wire.PEER_UDP);
        layer.onMessage(inbound);
        assertThat(layer.findServerTransaction(invite).orElseThrow().state()).isEqualTo(TransactionState.ACCEPTED);
        return List.of(new WeakReference<>(invite), new WeakReference<>(inbound));
    }

    @Test
    void aCompletedInviteClientTransactionHoldsOnlyTheOctetsOfItsAck() throws InterruptedException {
        TransactionLayer layer = new TransactionLayer(transport, clock, TransactionConfig.PROXY, answering(200));
        SipRequest[] rejection = new SipRequest[1];
        List<WeakReference<Object>> watched = inviteRejected(layer, rejection);
        byte[] ack = transport.requests.get(1);

        awaitCollected(watched);

        layer.onMessage(Wire.inbound(Wire.answer(rejection[0], 486), Wire.PEER_UDP));
        assertThat(transport.requests).hasSize(3);
        assertThat(transport.requests.get(2)).isEqualTo(ack);
        assertThat(layer.clientTransactionCount()).isEqualTo(1);
        clock.advance(java.time.Duration.ofSeconds(32));
        assertThat(layer.clientTransactionCount()).isZero();
    }

    @Test
    void anAcceptedInviteClientTransactionKeepsTheOctetsOfItsRequestAndNeitherItsMachineNorThe2xx()
            throws InterruptedException {
        TransactionLayer layer = new TransactionLayer(transport, clock, TransactionConfig.PROXY, answering(200));
        SipRequest[] copy = new SipRequest[1];
        List<SipRequest> seen = new ArrayList<>();
        List<WeakReference<Object>> watched = inviteAccepted(layer, copy, seen);

        awaitCollected(watched);

        // The record still passes a retransmitted 2xx to the TU (RFC 6026 §7.2) until Timer M, as the transaction of
        // a request equal to the one sent.
        layer.onMessage(Wire.inbound(Wire.answer(copy[0], 200), Wire.PEER_UDP));
        assertThat(seen).singleElement().isEqualTo(copy[0]);
        assertThat(layer.clientTransactionCount()).isEqualTo(1);
        clock.advance(java.time.Duration.ofSeconds(32));
        assertThat(layer.clientTransactionCount()).isZero();
    }

    /**
     * Sends an INVITE and accepts it with a 2xx; leaves in {@code copy} a separate copy to answer from later. The
     * listener adds the request of the transaction of each later response to {@code seen}.
     */
    private static List<WeakReference<Object>> inviteAccepted(TransactionLayer layer, SipRequest[] copy,
                                                              List<SipRequest> seen) {
        SipRequest invite = SipRequest.builder("INVITE", SipUri.of("bob", "example.com"))
                .add("Via", layer.newVia(Transport.UDP).toString())
                .add("Max-Forwards", "70")
                .add("From", "<sip:alice@example.net>;tag=ours")
                .add("To", "<sip:bob@example.com>")
                .add("Call-ID", "gone-5")
                .add("CSeq", "1 INVITE")
                .build();
        copy[0] = (SipRequest) Wire.parse(SipSerializer.serialize(invite));
        int[] responses = new int[1];
        ClientTransactionListener listener = new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction transaction, SipResponse response) {
                if (++responses[0] > 1) {
                    seen.add(transaction.request());
                }
            }

            @Override
            public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
            }

            @Override
            public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
            }
        };
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        SipResponse ok = Wire.answer(invite, 200);
        layer.onMessage(Wire.inbound(ok, Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(responses[0]).isEqualTo(1);
        return List.of(new WeakReference<>(invite), new WeakReference<>(tx), new WeakReference<>(ok));
    }

    /** Sends an INVITE and rejects it; leaves in {@code copy} a separate copy to answer from later. */
    private static List<WeakReference<Object>> inviteRejected(TransactionLayer layer, SipRequest[] copy) {
        SipRequest invite = SipRequest.builder("INVITE", SipUri.of("bob", "example.com"))
                .add("Via", layer.newVia(Transport.UDP).toString())
                .add("Max-Forwards", "70")
                .add("From", "<sip:alice@example.net>;tag=ours")
                .add("To", "<sip:bob@example.com>")
                .add("Call-ID", "gone-4")
                .add("CSeq", "1 INVITE")
                .build();
        copy[0] = (SipRequest) Wire.parse(SipSerializer.serialize(invite));
        int[] responses = new int[1];
        ClientTransactionListener listener = new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction transaction, SipResponse response) {
                responses[0]++;
            }

            @Override
            public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
            }

            @Override
            public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
            }
        };
        ClientTransaction tx = layer.sendRequest(invite, Wire.PEER_UDP, listener);
        SipResponse busy = Wire.answer(invite, 486);
        layer.onMessage(Wire.inbound(busy, Wire.PEER_UDP));
        assertThat(tx.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(responses[0]).isEqualTo(1);
        return List.of(new WeakReference<>(invite), new WeakReference<>(tx), new WeakReference<>(listener),
                new WeakReference<>(busy));
    }

    /** Collects until every watched object is gone; fails after a bounded number of attempts. */
    private static void awaitCollected(List<WeakReference<Object>> watched) throws InterruptedException {
        for (int attempt = 0; attempt < 50 && watched.stream().anyMatch(w -> w.get() != null); attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(watched).as("objects still reachable after 50 collections")
                .allSatisfy(w -> assertThat(w.get()).isNull());
    }

    /** Keeps the octets of what is sent, never the message objects. */
    private static final class OctetsTransport implements SipTransport {
        static final ListeningPoint UDP = new ListeningPoint(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060));
        final List<byte[]> requests = new ArrayList<>();
        final List<byte[]> responses = new ArrayList<>();

        @Override
        public synchronized CompletionStage<Void> sendRequest(SipRequest request, Endpoint destination) {
            requests.add(SipSerializer.serialize(request));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletionStage<Void> sendRequest(EncodedMessage request, Endpoint destination) {
            requests.add(request.bytes());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletionStage<Void> sendResponse(SipResponse response) {
            responses.add(SipSerializer.serialize(response));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletionStage<Void> sendResponse(EncodedMessage response) {
            responses.add(response.bytes());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public ListeningPoint listeningPoint(Transport transport) {
            return UDP;
        }

        @Override
        public List<ListeningPoint> listeningPoints() {
            return List.of(UDP);
        }
    }
}
