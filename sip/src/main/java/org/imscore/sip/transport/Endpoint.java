package org.imscore.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/** A place a message goes to or comes from: a transport and a socket address. */
public record Endpoint(Transport transport, InetSocketAddress address) {

    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    public static Endpoint udp(String host, int port) {
        return new Endpoint(Transport.UDP, new InetSocketAddress(host, port));
    }

    public static Endpoint tcp(String host, int port) {
        return new Endpoint(Transport.TCP, new InetSocketAddress(host, port));
    }

    @Override
    public String toString() {
        return transport + ":" + address.getHostString() + ":" + address.getPort();
    }
}
