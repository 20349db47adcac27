package org.imscore.sip.ua;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.SipTimers;
import org.imscore.sip.transaction.TimerService;
import org.imscore.sip.transaction.TransactionLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAS core's retransmission of a 2xx to INVITE (RFC 3261 §13.3.1.4): at T1, doubling up to T2, until the ACK
 * arrives or 64*T1 passed. Sent straight to the transport: the INVITE server transaction has left the business of
 * 2xx reliability to the core (RFC 6026). Keyed by Call-ID and CSeq number, which the ACK repeats (§13.2.2.4).
 */
final class SuccessRetransmissions {

    private static final Logger LOG = LoggerFactory.getLogger(SuccessRetransmissions.class);

    private record Key(String callId, long seq) {
    }

    private final TransactionLayer layer;
    private final TimerService timers;
    private final SipTimers sipTimers;
    /** Guarded by this: a timer fires on the timer thread while the ACK arrives on a transport thread. */
    private final Map<Key, TimerService.Timeout> pending = new HashMap<>();

    SuccessRetransmissions(TransactionLayer layer, TimerService timers, SipTimers sipTimers) {
        this.layer = layer;
        this.timers = timers;
        this.sipTimers = sipTimers;
    }

    synchronized void start(SipResponse ok) {
        Key key = new Key(ok.callId(), ok.cseq().number());
        schedule(key, ok, sipTimers.t1(), Duration.ZERO);
    }

    private void schedule(Key key, SipResponse ok, Duration interval, Duration elapsed) {
        Duration giveUp = sipTimers.t1().multipliedBy(64);
        TimerService.Timeout t = timers.schedule(interval, () -> fire(key, ok, interval, elapsed, giveUp));
        pending.put(key, t);
    }

    private synchronized void fire(Key key, SipResponse ok, Duration interval, Duration elapsed, Duration giveUp) {
        if (!pending.containsKey(key)) {
            return;
        }
        Duration now = elapsed.plus(interval);
        if (now.compareTo(giveUp) >= 0) {
            pending.remove(key);
            // §13.3.1.4: the session should be ended with BYE; the application owns the dialog and decides.
            LOG.info("no ACK for {} {} after {} ms", ok.statusCode(), ok.cseq(), now.toMillis());
            return;
        }
        layer.sendStatelessResponse(ok);
        Duration next = interval.multipliedBy(2);
        schedule(key, ok, next.compareTo(sipTimers.t2()) > 0 ? sipTimers.t2() : next, now);
    }

    /** The ACK for a 2xx: stops its retransmissions. */
    synchronized void acknowledged(SipRequest ack) {
        TimerService.Timeout t = pending.remove(new Key(ack.callId(), ack.cseq().number()));
        if (t != null) {
            t.cancel();
        }
    }

    synchronized int pendingCount() {
        return pending.size();
    }
}
