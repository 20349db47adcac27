package org.imscore.diameter.peer;

import java.time.Duration;

/**
 * The timers of the peer layer, named after the RFCs.
 *
 * @param watchdog            Tw of RFC 3539 3.4.1: idle time before a DWR; 30 s by default (RFC 3539 says
 *                            at least 6 s in operation, tests use less)
 * @param watchdogJitter      random +- spread added to each Tw (RFC 3539: 2 s); zero makes tests deterministic
 * @param request             how long a sent request waits for its answer (RFC 6733 Tc-independent,
 *                            application timeout)
 * @param connect             TCP connect timeout (Wait-Conn-Ack)
 * @param capabilitiesExchange wait for the CEA (Wait-I-CEA) or, on an accepted connection, for the CER
 * @param disconnect          wait for the DPA in Closing
 * @param reconnectMin        first back-off after a lost or refused connection (RFC 6733 2.1: Tc, 30 s
 *                            recommended); doubles each failure up to {@code reconnectMax}
 * @param duplicateWindow     how long answered end-to-end ids are remembered for duplicate detection
 *                            (RFC 6733 3: ids stay unique for at least 4 minutes)
 */
public record PeerTimers(Duration watchdog, Duration watchdogJitter, Duration request, Duration connect,
                         Duration capabilitiesExchange, Duration disconnect, Duration reconnectMin,
                         Duration reconnectMax, Duration duplicateWindow) {

    public static PeerTimers defaults() {
        return new PeerTimers(Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofMinutes(4));
    }

    public PeerTimers withWatchdog(Duration tw, Duration jitter) {
        return new PeerTimers(tw, jitter, request, connect, capabilitiesExchange, disconnect, reconnectMin,
                reconnectMax, duplicateWindow);
    }

    public PeerTimers withRequest(Duration timeout) {
        return new PeerTimers(watchdog, watchdogJitter, timeout, connect, capabilitiesExchange, disconnect,
                reconnectMin, reconnectMax, duplicateWindow);
    }

    public PeerTimers withReconnect(Duration min, Duration max) {
        return new PeerTimers(watchdog, watchdogJitter, request, connect, capabilitiesExchange, disconnect, min, max,
                duplicateWindow);
    }
}
