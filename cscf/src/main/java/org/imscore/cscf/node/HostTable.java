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

    /**
     * Dotted IPv4 ({@code [0-9]{1,3}(\.[0-9]{1,3}){3}}) or IPv6 text (hex digits, ':' and '.', with a ':'). Asked for
     * every request routed, so checked char by char rather than with a regular expression compiled on each call.
     */
    static boolean isIpLiteral(String s) {
        return isDottedQuad(s) || isIpv6Text(s);
    }

    private static boolean isDottedQuad(String s) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 3) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }

    private static boolean isIpv6Text(String s) {
        boolean colon = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') && c != '.') {
                return false;
            }
        }
        return colon;
    }
}
