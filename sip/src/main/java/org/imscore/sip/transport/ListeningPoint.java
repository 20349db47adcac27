package org.imscore.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One bound socket of ours: a transport on an address. Its host and port go into the Via sent-by and
 * the Record-Route/Contact URIs of what is sent from it.
 */
public record ListeningPoint(Transport transport, InetSocketAddress address) {

    public ListeningPoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    /** The host as it goes into a Via or URI: IPv6 literals in brackets. */
    public String host() {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public String toString() {
        return transport + ":" + host() + ":" + port();
    }
}
