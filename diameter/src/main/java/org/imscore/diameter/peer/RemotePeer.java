package org.imscore.diameter.peer;

import java.net.InetSocketAddress;

/**
 * A peer this node connects to (and keeps reconnecting to).
 *
 * @param host  the Origin-Host expected in its CEA (for logs and routing before it answers)
 * @param realm its realm
 */
public record RemotePeer(String host, String realm, InetSocketAddress address) {
}
