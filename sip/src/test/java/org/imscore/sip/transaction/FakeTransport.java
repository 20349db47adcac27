package org.imscore.sip.transaction;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.imscore.sip.transport.EncodedMessage;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.SipTransport;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportException;

/** An in-memory transport: records what is sent, and fails sends on demand. */
public final class FakeTransport implements SipTransport {

    public record SentRequest(SipRequest request, Endpoint destination) {
    }

    public static final ListeningPoint UDP = new ListeningPoint(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060));
    public static final ListeningPoint TCP = new ListeningPoint(Transport.TCP, new InetSocketAddress("127.0.0.1", 5060));

    public final List<SentRequest> requests = new ArrayList<>();
    public final List<SipResponse> responses = new ArrayList<>();
    /** The octets of each response handed over in wire form (null for one handed over as an object). */
    public final List<byte[]> responseOctets = new ArrayList<>();
    /** The octets of each request handed over in wire form (null for one handed over as an object). */
    public final List<byte[]> requestOctets = new ArrayList<>();
    /** Simulated time of each send, when a clock is given. */
    public final List<Duration> requestTimes = new ArrayList<>();
    public final List<Duration> responseTimes = new ArrayList<>();
    private final ManualTimerService clock;

    public FakeTransport(ManualTimerService clock) {
        this.clock = clock;
    }
    /** When set, every send fails with this reason. */
    public volatile String failure;
    /**
     * When set, tasks given to {@link #responseExecutor} wait here until the test runs them, as they would wait for
     * a busy event loop; else they run at once.
     */
    public Queue<Runnable> responseTasks;

    @Override
    public Executor responseExecutor(Via via) {
        Queue<Runnable> tasks = responseTasks;
        return tasks == null ? Runnable::run : tasks::add;
    }

    @Override
    public synchronized CompletionStage<Void> sendRequest(SipRequest request, Endpoint destination) {
        if (failure != null) {
            return CompletableFuture.failedFuture(new TransportException(failure));
        }
        requests.add(new SentRequest(request, destination));
        requestOctets.add(null);
        requestTimes.add(clock.now());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> sendRequest(EncodedMessage request, Endpoint destination) {
        if (failure != null) {
            return CompletableFuture.failedFuture(new TransportException(failure));
        }
        requests.add(new SentRequest((SipRequest) request.decode(), destination));
        requestOctets.add(request.bytes());
        requestTimes.add(clock.now());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> sendResponse(SipResponse response) {
        if (failure != null) {
            return CompletableFuture.failedFuture(new TransportException(failure));
        }
        responses.add(response);
        responseOctets.add(null);
        responseTimes.add(clock.now());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> sendResponse(EncodedMessage response) {
        if (failure != null) {
            return CompletableFuture.failedFuture(new TransportException(failure));
        }
        responses.add((SipResponse) response.decode());
        responseOctets.add(response.bytes());
        responseTimes.add(clock.now());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public ListeningPoint listeningPoint(Transport transport) {
        return transport == Transport.UDP ? UDP : TCP;
    }

    @Override
    public List<ListeningPoint> listeningPoints() {
        return List.of(UDP, TCP);
    }

    public synchronized List<SipRequest> sentRequests() {
        return requests.stream().map(SentRequest::request).toList();
    }

    public synchronized List<SipRequest> sentRequests(String method) {
        return requests.stream().map(SentRequest::request).filter(r -> r.isMethod(method)).toList();
    }

    public synchronized List<Integer> sentStatusCodes() {
        return responses.stream().map(SipResponse::statusCode).toList();
    }
}
