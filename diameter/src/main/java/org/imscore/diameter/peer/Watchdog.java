package org.imscore.diameter.peer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The transport failure detection of RFC 3539 section 3.4 for one open connection, simplified to
 * OKAY/SUSPECT/DOWN: any received message restarts Tw (OKAY); Tw without traffic sends a DWR and
 * starts another Tw (SUSPECT); that Tw passing with the DWR unanswered means the peer is DOWN and the
 * connection is closed, so a peer that vanished without closing TCP is cleaned up. Tw carries the
 * random jitter RFC 3539 asks for (+-2 s by default) so peers do not synchronise. Runs on the
 * connection's event loop only.
 */
final class Watchdog {

    private final EventLoop loop;
    private final Duration tw;
    private final Duration jitter;
    private final Runnable sendDwr;
    private final Runnable peerDown;
    private ScheduledFuture<?> timer;
    private boolean dwrOutstanding;
    private boolean stopped = true;
    private long exchanges;

    Watchdog(EventLoop loop, Duration tw, Duration jitter, Runnable sendDwr, Runnable peerDown) {
        this.loop = loop;
        this.tw = tw;
        this.jitter = jitter;
        this.sendDwr = sendDwr;
        this.peerDown = peerDown;
    }

    /** The connection is open: start watching. */
    void start() {
        stopped = false;
        restart();
    }

    /** Any message arrived: the peer is alive, Tw starts again. */
    void messageReceived() {
        if (!stopped) {
            restart();
        }
    }

    void dwaReceived() {
        dwrOutstanding = false;
        exchanges++;
    }

    long exchanges() {
        return exchanges;
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void restart() {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = loop.schedule(this::expired, nextTw(), TimeUnit.MILLISECONDS);
    }

    private long nextTw() {
        long ms = tw.toMillis();
        long spread = jitter.toMillis();
        long next = spread <= 0 ? ms : ms + ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        return Math.max(1, next);
    }

    private void expired() {
        if (stopped) {
            return;
        }
        if (dwrOutstanding) {
            stop();
            peerDown.run();
            return;
        }
        dwrOutstanding = true;
        sendDwr.run();
        timer = loop.schedule(this::expired, nextTw(), TimeUnit.MILLISECONDS);
    }
}
