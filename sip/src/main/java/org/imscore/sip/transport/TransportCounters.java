package org.imscore.sip.transport;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TransportStats}; updated from every event loop. */
final class TransportCounters {

    final LongAdder received = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder malformedDropped = new LongAdder();
    final LongAdder badRequestsAnswered = new LongAdder();
    final LongAdder oversizeRejected = new LongAdder();
    final LongAdder keepAlivePongs = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder octetsReceived = new LongAdder();

    TransportStats snapshot() {
        return new TransportStats(received.sum(), sent.sum(), malformedDropped.sum(), badRequestsAnswered.sum(),
                oversizeRejected.sum(), keepAlivePongs.sum(), sendFailures.sum(), octetsReceived.sum());
    }
}
