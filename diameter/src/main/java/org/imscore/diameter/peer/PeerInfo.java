package org.imscore.diameter.peer;

import java.net.SocketAddress;
import java.util.List;

/**
 * A snapshot of one peer connection.
 *
 * @param originHost          the peer's Origin-Host from its CER/CEA (or the configured one before)
 * @param initiator           true when this node opened the connection
 * @param applications        application ids both sides support
 * @param watchdogExchanges   DWR/DWA pairs completed on this connection
 */
public record PeerInfo(String originHost, String originRealm, SocketAddress remoteAddress, PeerState state,
                       boolean initiator, List<Long> applications, long watchdogExchanges) {
}
