package org.imscore.cscf.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.imscore.sip.proxy.NextHopResolver;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;

/**
 * Next hops for the names the core gives its own functions (RFC 3263 reduced to a static table, like
 * {@code /etc/hosts}): the I-CSCF reaches {@code sip:scscf.DOMAIN:6060}, the Server-Name the HSS hands out, through
 * this table. Numeric hosts resolve to themselves; a name not in the table cannot be reached (no DNS here, so a
 * lookup never blocks a transport thread). The port is the URI's (5060 when absent), the transport its
 * {@code transport} parameter or UDP (RFC 3263 §4.1).
 *
 * @param hosts host name (case-insensitive) to IP literal
 */
public record HostTable(Map<String, String> hosts) implements NextHopResolver {

    public HostTable {
        hosts = hosts.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }

    @Override
    public Optional<Endpoint> resolve(SipUri uri) {
        if (uri.secure()) {
            return Optional.empty();
        }
        String host = uri.maddr().orElse(uri.host());
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String ip = hosts.getOrDefault(literal.toLowerCase(Locale.ROOT), literal);
        if (!isIpLiteral(ip)) {
            return Optional.empty();
        }
        Optional<Transport> transport = uri.transport().isPresent()
                ? Transport.fromToken(uri.transport().get()) : Optional.of(Transport.UDP);
        if (transport.isEmpty()) {
            return Optional.empty();
        }
        try {
            // An IP literal: getByName parses it without a lookup.
            return Optional.of(new Endpoint(transport.get(),
                    new InetSocketAddress(InetAddress.getByName(ip), uri.portOrDefault())));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isIpLiteral(String s) {
        return s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
    }
}
