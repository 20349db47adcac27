package org.imscore.benchmarks.sip;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.SipTransport;
import org.imscore.sip.transport.Transport;

/**
 * A transport that writes nowhere but does what the Netty transport does to every message before the socket: it
 * serializes it. So a benchmark of the transaction layer on it counts the encoding work wherever the layer puts
 * it, and nothing of the sockets.
 */
final class InMemoryTransport implements SipTransport {

    static final ListeningPoint UDP = new ListeningPoint(Transport.UDP, new InetSocketAddress("10.4.128.21", 5060));
    static final ListeningPoint TCP = new ListeningPoint(Transport.TCP, new InetSocketAddress("10.4.128.21", 5060));
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    /** Octets "written", so the JIT cannot drop the encoding. */
    long octets;
    long messages;
    /** The octets of the request sent last (for a benchmark that answers it). */
    byte[] lastRequest = new byte[0];

    @Override
    public CompletionStage<Void> sendRequest(SipRequest request, Endpoint destination) {
        lastRequest = SipSerializer.serialize(request);
        return written(lastRequest.length);
    }

    @Override
    public CompletionStage<Void> sendResponse(SipResponse response) {
        return written(SipSerializer.serialize(response).length);
    }

    /** A message in wire form is written as it is, as the Netty transport writes it. */
    @Override
    public CompletionStage<Void> sendResponse(EncodedMessage response) {
        return written(response.length());
    }

    @Override
    public CompletionStage<Void> sendRequest(EncodedMessage request, Endpoint destination) {
        lastRequest = request.bytes();
        return written(request.length());
    }

    private CompletionStage<Void> written(int length) {
        octets += length;
        messages++;
        return DONE;
    }

    @Override
    public ListeningPoint listeningPoint(Transport transport) {
        return transport == Transport.UDP ? UDP : TCP;
    }

    @Override
    public List<ListeningPoint> listeningPoints() {
        return List.of(UDP, TCP);
    }
}
