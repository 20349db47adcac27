package org.imscore.sip.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.Hosts;
import org.imscore.sip.uri.SipUri;

/**
 * RFC 3263 reduced to URIs that need no DNS: a numeric host (or {@code maddr}), the explicit port or 5060,
 * and the {@code transport} parameter or UDP (§4.1: a numeric host without transport means UDP). A host name,
 * a sips URI (TLS is not offered yet) or a transport we have no listening point for cannot be reached.
 *
 * @param local our listening points, which decide the transports we can send on
 */
public record NumericNextHops(LocalAddresses local) implements NextHopResolver {

    @Override
    public Optional<Endpoint> resolve(SipUri uri) {
        if (uri.secure()) {
            return Optional.empty();
        }
        String host = uri.maddr().orElse(uri.host());
        Optional<Transport> transport = uri.transport().isPresent()
                ? Transport.fromToken(uri.transport().get())
                : Optional.of(Transport.UDP);
        if (transport.isEmpty() || local.listeningPoint(transport.get()).isEmpty()) {
            return Optional.empty();
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!Hosts.isIpv4Address(literal) && !Hosts.isIpv6Address(literal)) {
            return Optional.empty();
        }
        try {
            // A literal address: getByName parses it without any lookup.
            InetAddress address = InetAddress.getByName(literal);
            return Optional.of(new Endpoint(transport.get(), new InetSocketAddress(address, uri.portOrDefault())));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
