package org.imscore.diameter.peer;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer this node initiates connections to (RFC 6733 5.6 "Start" event): connects, and after any
 * loss reconnects with exponential back-off between {@link PeerTimers#reconnectMin()} and
 * {@link PeerTimers#reconnectMax()} until {@link #stop()}. After a DPR with DO_NOT_WANT_TO_TALK_TO_YOU
 * or BUSY it waits the maximum back-off (RFC 6733 5.4: the peer asked not to be reconnected soon).
 */
final class ClientPeer {

    private static final Logger log = LoggerFactory.getLogger(ClientPeer.class);

    private final DiameterNode node;
    private final RemotePeer remote;
    private final Bootstrap bootstrap;
    private final CompletableFuture<PeerInfo> firstOpen = new CompletableFuture<>();
    private volatile boolean stopped;
    private volatile PeerConnection current;
    private Duration backoff;
    private boolean peerAskedToWait;

    ClientPeer(DiameterNode node, RemotePeer remote, Bootstrap bootstrap) {
        this.node = node;
        this.remote = remote;
        this.bootstrap = bootstrap;
        this.backoff = node.config().timers().reconnectMin();
    }

    RemotePeer remote() {
        return remote;
    }

    CompletableFuture<PeerInfo> firstOpen() {
        return firstOpen;
    }

    synchronized void start() {
        if (stopped) {
            return;
        }
        if (node.isOpen(remote.host())) {
            node.peer(remote.host()).ifPresent(firstOpen::complete);
            // Reachable through a connection it opened to us (we lost the election): check again later.
            bootstrap.config().group().schedule(this::start, node.config().timers().reconnectMax().toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        PeerConnection connection = new PeerConnection(node, this);
        current = connection;
        ChannelFuture connect = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) node.config().timers().connect().toMillis())
                .handler(node.channelInitializer(connection))
                .connect(remote.address());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connection.connectFailed();
                // Wait-Conn-Ack + I-Rcv-Conn-Nack / Timeout: Cleanup, Closed; try again later.
                log.info("peer {} at {}: connect failed ({}), retrying in {}", remote.host(), remote.address(),
                        f.cause() == null ? "?" : f.cause().getMessage(), backoff);
                scheduleReconnect();
            }
        });
    }

    void connectionOpened(PeerConnection connection) {
        synchronized (this) {
            backoff = node.config().timers().reconnectMin();
            peerAskedToWait = false;
        }
        firstOpen.complete(connection.info());
    }

    void disconnectRequested(int cause) {
        synchronized (this) {
            peerAskedToWait = cause != 0; // 0 = REBOOTING: come back soon
        }
    }

    void connectionLost(PeerConnection connection, boolean wasOpen) {
        if (stopped || connection != current) {
            return;
        }
        log.info("peer {}: connection lost, reconnecting in {}", remote.host(), backoff);
        scheduleReconnect();
    }

    private synchronized void scheduleReconnect() {
        if (stopped) {
            return;
        }
        Duration delay = peerAskedToWait ? node.config().timers().reconnectMax() : backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(node.config().timers().reconnectMax()) > 0
                ? node.config().timers().reconnectMax() : doubled;
        bootstrap.config().group().schedule(this::start, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stop: no more reconnects; DPR on the open connection. */
    CompletableFuture<Void> stop() {
        stopped = true;
        PeerConnection connection = current;
        return connection == null ? CompletableFuture.completedFuture(null) : connection.disconnect(0);
    }
}
