package org.imscore.diameter.peer;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DecodeFailure;
import org.imscore.diameter.codec.DecodeResult;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ErrorAnswers;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.transport.DiameterFrameDecoder.FramingError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transport connection to a peer and its state machine (RFC 6733 section 5.6), with the
 * watchdog of RFC 3539. All state is touched on the channel's event loop only.
 *
 * <pre>
 *  state          event                   action                          next state
 *  -------------- ----------------------- ------------------------------- -----------
 *  Closed         Start                   I-Snd-Conn-Req                  Wait-Conn-Ack   (ClientPeer)
 *                 R-Conn-CER              R-Accept, Process-CER, R-Snd-CEA R-Open
 *  Wait-Conn-Ack  I-Rcv-Conn-Ack          I-Snd-CER                       Wait-I-CEA
 *                 I-Rcv-Conn-Nack         Cleanup                         Closed          (ClientPeer)
 *                 Timeout                 Error                           Closed          (ClientPeer)
 *  Wait-I-CEA     I-Rcv-CEA               Process-CEA                     I-Open
 *                 I-Peer-Disc             I-Disc                          Closed
 *                 Timeout                 Error                           Closed
 *  I-Open/R-Open  Send-Message            Snd-Message                     (same)
 *                 Rcv-Message             Process                         (same)
 *                 Rcv-DWR                 Process-DWR, Snd-DWA            (same)
 *                 Rcv-DWA                 Process-DWA                     (same)
 *                 Stop                    Snd-DPR                         Closing
 *                 Rcv-DPR                 Snd-DPA, Disc                   Closed
 *                 Peer-Disc               Disc                            Closed
 *  Closing        Rcv-DPA                 Disc                            Closed
 *                 Peer-Disc               Disc                            Closed
 *                 Timeout                 Disc                            Closed
 * </pre>
 * Simplification of the election (RFC 6733 5.6.4): it is not run inside Wait-I-CEA; both connections
 * are let open and {@link DiameterNode#opened} then keeps the one the higher Origin-Host initiated,
 * closing the other; the ClientPeer does not redial while the peer is reachable through the accepted
 * connection. Two connections of the same kind: the newer wins (a peer that restarted while its old
 * connection is half-open). {@code WAIT_CER} names the wait for the CER on an accepted connection.
 * Open connections are watched by a {@link Watchdog} (RFC 3539): a vanished peer (e.g. Kamailio
 * stopped without DPR) is detected and the connection closed.
 *
 * <p>Work from other threads (answers from the handler's threads, requests from application threads) is handed to
 * the event loop in batches: it is queued, and one task drains the queue and flushes the socket once. On a loaded
 * node (an HSS whose workers finish answers while the loop is busy) a burst of answers so costs one loop wake-up
 * and one socket write, not one of each per answer.
 */
final class PeerConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);

    private record Pending(CompletableFuture<DiameterMessage> future, ScheduledFuture<?> timeout,
                           DiameterMessage request, long sentNanos) {
    }

    private final DiameterNode node;
    private final ClientPeer client;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private Channel channel;
    private volatile PeerState state;
    private volatile String remoteHost;
    private volatile String remoteRealm;
    private volatile List<Long> commonApplications = List.of();
    private Watchdog watchdog;
    private ScheduledFuture<?> stateTimer;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Queue<Runnable> handedOff = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** On the loop while handed-off work runs: writes wait for the one flush at the end. */
    private boolean draining;

    /** {@code client} is null for a connection this node accepted. */
    PeerConnection(DiameterNode node, ClientPeer client) {
        this.node = node;
        this.client = client;
        this.state = client == null ? PeerState.WAIT_CER : PeerState.WAIT_CONN_ACK;
        if (client != null) {
            this.remoteHost = client.remote().host();
            this.remoteRealm = client.remote().realm();
        }
    }

    /** Forgets a connection whose connect attempt failed (no channel events will follow). */
    void connectFailed() {
        state = PeerState.CLOSED;
        node.closed(this);
        closed.complete(null);
    }

    PeerInfo info() {
        SocketAddress address = channel == null ? null : channel.remoteAddress();
        Watchdog w = watchdog;
        return new PeerInfo(remoteHost, remoteRealm, address, state, client != null, commonApplications,
                w == null ? 0 : w.exchanges());
    }

    boolean isInitiator() {
        return client != null;
    }

    PeerState state() {
        return state;
    }

    String remoteHost() {
        return remoteHost;
    }

    String remoteRealm() {
        return remoteRealm;
    }

    CompletableFuture<Void> closeFuture() {
        return closed;
    }

    // ---- transport events -----------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (client != null) {
            // Wait-Conn-Ack + I-Rcv-Conn-Ack: I-Snd-CER, Wait-I-CEA.
            state = PeerState.WAIT_I_CEA;
            write(Capabilities.cer(node.config(), node.nextHopByHop(), node.nextEndToEnd()));
        }
        stateTimer = schedule(node.config().timers().capabilitiesExchange().toMillis(), () -> {
            log.warn("{}: no {} within {}, closing", describe(), client != null ? "CEA" : "CER",
                    node.config().timers().capabilitiesExchange());
            channel.close();
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        PeerState was = state;
        state = PeerState.CLOSED;
        if (watchdog != null) {
            watchdog.stop();
        }
        cancel(stateTimer);
        for (Pending p : new ArrayList<>(pending.values())) {
            cancel(p.timeout);
            p.future.completeExceptionally(new DiameterRequestException(DiameterRequestException.Reason.PEER_CLOSED,
                    "connection to " + remoteHost + " closed before the answer"));
        }
        pending.clear();
        log.info("{}: connection closed (was {})", describe(), was);
        node.closed(this);
        closed.complete(null);
        if (client != null) {
            client.connectionLost(this, was.isOpen());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("{}: transport error, closing: {}", describe(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (watchdog != null) {
            watchdog.messageReceived();
        }
        if (msg instanceof FramingError error) {
            framingError(error);
            return;
        }
        byte[] frame = (byte[]) msg;
        DecodeResult result = node.codec().decode(frame);
        DiameterMessage message = result.message().orElseThrow(); // frames are >= 20 octets
        node.observed(MessageObserver.Direction.RECEIVED, channel, message);
        if (log.isDebugEnabled()) {
            log.debug("{}: received {} {}", describe(), message.describe(node.codec().dictionary()), result.failures());
        }
        if (message.isRequest()) {
            receivedRequest(message, result);
        } else {
            receivedAnswer(message, result);
        }
    }

    /** RFC 6733 3: the header is unusable, so answer if it names a request, and close (no way to resync). */
    private void framingError(FramingError error) {
        log.warn("{}: cannot frame the stream ({}), answering and closing", describe(), error.reason());
        byte[] header = error.header();
        if (header.length >= 20 && (header[4] & 0x80) != 0) {
            header[1] = 0;
            header[2] = 0;
            header[3] = 20;
            Optional<DiameterMessage> request = node.codec().decode(header).message();
            int code = error.badVersion() ? ResultCode.UNSUPPORTED_VERSION : ResultCode.INVALID_MESSAGE_LENGTH;
            request.ifPresent(r -> write(ErrorAnswers.answer(r.toBuilder().version(1).build(), code, error.reason(),
                    List.of(), node.config().originHost(), node.config().originRealm())));
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- requests -------------------------------------------------------------------------------------

    private void receivedRequest(DiameterMessage request, DecodeResult result) {
        int code = request.commandCode();
        if (code == Capabilities.CER && request.applicationId() == 0) {
            receivedCer(request, result);
            return;
        }
        if (!state.isOpen() && state != PeerState.CLOSING) {
            // A peer must exchange capabilities first (RFC 6733 5.3): it is unknown until then.
            log.warn("{}: {} before capabilities exchange, answering 3010 and closing", describe(), request);
            writeAndClose(ErrorAnswers.answer(request, ResultCode.UNKNOWN_PEER, "capabilities exchange first",
                    List.of(), node.config().originHost(), node.config().originRealm()));
            return;
        }
        Optional<DecodeFailure> failure = result.firstFailure();
        if (failure.isPresent()) {
            log.info("{}: {} rejected: {}", describe(), request, failure.get());
            write(ErrorAnswers.answer(request, failure.get(), node.config().originHost(), node.config().originRealm()));
            return;
        }
        if (code == Capabilities.DWR && request.applicationId() == 0) {
            write(baseAnswer(request, ResultCode.SUCCESS).add(
                    Avp.unsigned32(BaseAvps.ORIGIN_STATE_ID, node.config().originStateId())).build());
            return;
        }
        if (code == Capabilities.DPR && request.applicationId() == 0) {
            // Rcv-DPR: Snd-DPA, Disc. Disconnect-Cause tells a ClientPeer how soon to come back (RFC 6733 5.4.3).
            log.info("{}: DPR received (cause {}), closing", describe(),
                    request.integer32(BaseAvps.DISCONNECT_CAUSE).orElse(-1));
            if (client != null) {
                client.disconnectRequested(request.integer32(BaseAvps.DISCONNECT_CAUSE).orElse(0));
            }
            state = PeerState.CLOSING;
            writeAndClose(baseAnswer(request, ResultCode.SUCCESS).build());
            return;
        }
        node.dispatch(request, this);
    }

    private DiameterMessage.Builder baseAnswer(DiameterMessage request, long resultCode) {
        return DiameterMessage.answerTo(request)
                .add(Avp.unsigned32(BaseAvps.RESULT_CODE, resultCode))
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, node.config().originHost()))
                .add(Avp.utf8(BaseAvps.ORIGIN_REALM, node.config().originRealm()));
    }

    /** Closed + R-Conn-CER: Process-CER, R-Snd-CEA, R-Open; or CEA with the error and close. */
    private void receivedCer(DiameterMessage cer, DecodeResult result) {
        if (state != PeerState.WAIT_CER) {
            log.warn("{}: CER on a connection in {}, answering 5012", describe(), state);
            write(Capabilities.cea(node.config(), cer, ResultCode.UNABLE_TO_COMPLY, "capabilities already exchanged"));
            return;
        }
        cancel(stateTimer);
        Optional<DecodeFailure> failure = result.firstFailure();
        if (failure.isPresent()) {
            log.warn("{}: bad CER: {}", describe(), failure.get());
            writeAndClose(ErrorAnswers.answer(cer, failure.get(), node.config().originHost(),
                    node.config().originRealm()));
            return;
        }
        remoteHost = cer.originHost().orElse("?");
        remoteRealm = cer.originRealm().orElse("?");
        Set<Long> advertised = Capabilities.advertised(cer);
        List<Long> common = Capabilities.common(node.config(), advertised);
        if (common.isEmpty()) {
            log.warn("{}: no common application (peer offers {}, we serve {}), answering 5010",
                    describe(), advertised, node.config().applicationIds());
            writeAndClose(Capabilities.cea(node.config(), cer, ResultCode.NO_COMMON_APPLICATION,
                    "no common application"));
            return;
        }
        commonApplications = common;
        write(Capabilities.cea(node.config(), cer, ResultCode.SUCCESS, null));
        state = PeerState.R_OPEN;
        log.info("{}: R-Open, applications {}", describe(), common);
        node.opened(this);
        startWatchdog();
    }

    // ---- answers --------------------------------------------------------------------------------------

    private void receivedAnswer(DiameterMessage answer, DecodeResult result) {
        if (!result.failures().isEmpty()) {
            // An answer is never answered (RFC 6733 7.2); it still completes its request.
            log.warn("{}: malformed answer {}: {}", describe(), answer, result.failures());
        }
        if (answer.commandCode() == Capabilities.CER && state == PeerState.WAIT_I_CEA) {
            receivedCea(answer);
            return;
        }
        if (answer.commandCode() == Capabilities.DWR && answer.applicationId() == 0) {
            if (watchdog != null) {
                watchdog.dwaReceived();
            }
            return;
        }
        if (answer.commandCode() == Capabilities.DPR && state == PeerState.CLOSING) {
            channel.close();
            return;
        }
        Pending p = pending.remove(answer.hopByHopId());
        if (p == null) {
            // RFC 6733 6.2.1: an answer matching no pending request is discarded.
            log.warn("{}: discarding answer with unknown Hop-by-Hop id: {}", describe(), answer);
            return;
        }
        cancel(p.timeout);
        if (log.isInfoEnabled()) {
            // Guarded: the arguments are strings and boxes built for this line only.
            log.info("{}: {} -> {} in {} ms", describe(), p.request.commandCode(),
                    answer.resultCode().isPresent() ? answer.resultCode().getAsLong()
                            : "experimental " + answer.experimentalResultCode().orElse(-1),
                    (System.nanoTime() - p.sentNanos) / 1_000_000);
        }
        p.future.complete(answer);
    }

    /** Wait-I-CEA + I-Rcv-CEA: Process-CEA, I-Open; a failed CEA closes and the ClientPeer retries later. */
    private void receivedCea(DiameterMessage cea) {
        cancel(stateTimer);
        long resultCode = cea.resultCode().orElse(0);
        if (resultCode != ResultCode.SUCCESS) {
            log.warn("{}: CEA refused with {} {} ({}), closing", describe(), resultCode, ResultCode.name(resultCode),
                    cea.utf8(BaseAvps.ERROR_MESSAGE).orElse(""));
            channel.close();
            return;
        }
        remoteHost = cea.originHost().orElse(remoteHost);
        remoteRealm = cea.originRealm().orElse(remoteRealm);
        List<Long> common = Capabilities.common(node.config(), Capabilities.advertised(cea));
        if (common.isEmpty()) {
            log.warn("{}: CEA offers no common application, closing", describe());
            channel.close();
            return;
        }
        commonApplications = common;
        state = PeerState.I_OPEN;
        log.info("{}: I-Open, applications {}", describe(), common);
        node.opened(this);
        startWatchdog();
        if (client != null) {
            client.connectionOpened(this);
        }
    }

    // ---- sending --------------------------------------------------------------------------------------

    /** Sends a request from any thread; the future completes with the answer or fails. */
    CompletableFuture<DiameterMessage> send(DiameterMessage request) {
        CompletableFuture<DiameterMessage> future = new CompletableFuture<>();
        handOff(() -> {
            if (!state.isOpen()) {
                future.completeExceptionally(new DiameterRequestException(DiameterRequestException.Reason.PEER_CLOSED,
                        "connection to " + remoteHost + " is " + state));
                return;
            }
            long timeoutMs = node.config().timers().request().toMillis();
            ScheduledFuture<?> timeout = schedule(timeoutMs, () -> {
                Pending p = pending.remove(request.hopByHopId());
                if (p != null) {
                    log.info("{}: {} timed out after {} ms", describe(), request, timeoutMs);
                    p.future.completeExceptionally(new DiameterRequestException(
                            DiameterRequestException.Reason.TIMEOUT, "no answer within " + timeoutMs + " ms"));
                }
            });
            pending.put(request.hopByHopId(), new Pending(future, timeout, request, System.nanoTime()));
            write(request);
        });
        return future;
    }

    /** Writes an answer from any thread. */
    void answer(DiameterMessage answer) {
        handOff(() -> write(answer));
    }

    /** Writes an answer already encoded as {@code wire} from any thread. */
    void answer(DiameterMessage answer, byte[] wire) {
        handOff(() -> write(answer, wire));
    }

    /** Runs {@code work} on the event loop: at once when called there, else in the next batch. */
    private void handOff(Runnable work) {
        if (channel.eventLoop().inEventLoop()) {
            work.run();
            return;
        }
        handedOff.add(work);
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drainHandedOff);
        }
    }

    /** Runs every queued piece of work, then flushes once. */
    private void drainHandedOff() {
        // Cleared first: work queued from now on schedules another drain rather than wait for a flag left set.
        drainScheduled.set(false);
        draining = true;
        try {
            Runnable work;
            while ((work = handedOff.poll()) != null) {
                work.run();
            }
        } finally {
            draining = false;
            channel.flush();
        }
    }

    /** Stop: Snd-DPR, Closing; the DPA or the disconnect timer closes. */
    CompletableFuture<Void> disconnect(int cause) {
        if (channel == null) {
            closed.complete(null);
            return closed;
        }
        channel.eventLoop().execute(() -> {
            if (state == PeerState.CLOSING) {
                return; // DPR already sent
            }
            if (!state.isOpen()) {
                channel.close();
                return;
            }
            state = PeerState.CLOSING;
            write(DiameterMessage.request(Capabilities.DPR, 0)
                    .hopByHopId(node.nextHopByHop()).endToEndId(node.nextEndToEnd())
                    .add(Avp.utf8(BaseAvps.ORIGIN_HOST, node.config().originHost()))
                    .add(Avp.utf8(BaseAvps.ORIGIN_REALM, node.config().originRealm()))
                    .add(Avp.enumerated(BaseAvps.DISCONNECT_CAUSE, cause))
                    .build());
            cancel(stateTimer);
            stateTimer = schedule(node.config().timers().disconnect().toMillis(), channel::close);
        });
        return closed;
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    /** Sends a last message, then closes once it is written. */
    private void writeAndClose(DiameterMessage message) {
        write(message);
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Encodes {@code message} straight into a buffer of the channel's allocator: the octets of a request are written
     * once and then dropped, so an array of their own was garbage, and the socket wanted a direct copy of it anyway.
     */
    private void write(DiameterMessage message) {
        ByteBuf wire = channel.alloc().buffer(message.encodedLength());
        try {
            node.codec().encode(message, wire);
        } catch (RuntimeException e) {
            wire.release();
            throw e;
        }
        send(message, wire);
    }

    private void write(DiameterMessage message, byte[] wire) {
        send(message, Unpooled.wrappedBuffer(wire));
    }

    private void send(DiameterMessage message, ByteBuf wire) {
        if (log.isDebugEnabled()) {
            log.debug("{}: sending {}", describe(), message.describe(node.codec().dictionary()));
        }
        node.observed(MessageObserver.Direction.SENT, channel, message);
        if (draining) {
            channel.write(wire);
        } else {
            channel.writeAndFlush(wire);
        }
    }

    // ---- watchdog (RFC 3539 3.4) -----------------------------------------------------------------------

    private void startWatchdog() {
        watchdog = new Watchdog(channel.eventLoop(), node.config().timers().watchdog(),
                node.config().timers().watchdogJitter(), this::sendDwr, () -> {
                    log.warn("{}: no DWA and no traffic for {}, peer considered down, closing", describe(),
                            node.config().timers().watchdog());
                    channel.close();
                });
        watchdog.start();
    }

    private void sendDwr() {
        write(DiameterMessage.request(Capabilities.DWR, 0)
                .hopByHopId(node.nextHopByHop()).endToEndId(node.nextEndToEnd())
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, node.config().originHost()))
                .add(Avp.utf8(BaseAvps.ORIGIN_REALM, node.config().originRealm()))
                .add(Avp.unsigned32(BaseAvps.ORIGIN_STATE_ID, node.config().originStateId()))
                .build());
    }

    private ScheduledFuture<?> schedule(long millis, Runnable task) {
        return channel.eventLoop().schedule(task, Math.max(1, millis), TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    String describe() {
        return "peer " + (remoteHost == null ? "(before CER)" : remoteHost) + (channel == null ? "" : " " + channel.remoteAddress());
    }
}
