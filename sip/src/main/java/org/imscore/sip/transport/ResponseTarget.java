package org.imscore.sip.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import org.imscore.sip.message.Via;
import org.imscore.sip.uri.Hosts;

/**
 * Where a response goes when there is no connection (or socket) to send it back on, read from its top Via by
 * RFC 3261 §18.2.2 and RFC 3581 §4.
 *
 * @param transport the Via's transport
 * @param host      an IP literal (IPv6 without brackets) or a host name still to resolve
 * @param port      the port
 */
record ResponseTarget(Transport transport, String host, int port) {

    /**
     * Reliable: {@code received} (else the sent-by host), port {@code rport} (else the sent-by port, else 5060).
     * Unreliable: {@code maddr} with the sent-by port if present; else the same as reliable.
     *
     * @throws TransportException when the Via names a transport we do not have
     */
    static ResponseTarget of(Via via) {
        Transport transport = Transport.fromToken(via.transport())
                .orElseThrow(() -> new TransportException("unsupported transport in Via: " + via.transport()));
        int sentByPort = via.port() > 0 ? via.port() : TransportConfig.DEFAULT_SIP_PORT;
        if (!transport.reliable() && via.maddr().isPresent()) {
            return new ResponseTarget(transport, unbracket(via.maddr().get()), sentByPort);
        }
        String host = via.received().filter(r -> !r.isEmpty()).orElse(via.host());
        int port = via.rport().orElse(sentByPort);
        return new ResponseTarget(transport, unbracket(host), port);
    }

    /** The socket address when the host is an IP literal (no lookup needed), else null. */
    InetSocketAddress literalAddress() {
        if (!Hosts.isIpv4Address(host) && !Hosts.isIpv6Address(host)) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port); // parses the literal, no lookup
        } catch (UnknownHostException e) {
            throw new TransportException("bad address " + host, e);
        }
    }

    /** The socket address: an IP literal at once, a host name resolved off the event loop. */
    CompletableFuture<InetSocketAddress> resolve() {
        try {
            InetSocketAddress literal = literalAddress();
            if (literal != null) {
                return CompletableFuture.completedFuture(literal);
            }
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.supplyAsync(() -> {
            InetSocketAddress a = new InetSocketAddress(host, port);
            if (a.isUnresolved()) {
                throw new TransportException("cannot resolve " + host);
            }
            return a;
        });
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
