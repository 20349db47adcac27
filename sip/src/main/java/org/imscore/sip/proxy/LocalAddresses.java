package org.imscore.sip.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.imscore.sip.message.Via;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;

/**
 * What the proxy knows to be itself: the listening points it is bound to (their addresses go into Via,
 * Record-Route and Path) and the domains it is responsible for (RFC 3261 §16.5).
 *
 * <p>An address names this proxy only with the port too: on one host several SIP elements share an IP
 * address, so {@code sip:127.0.0.1:5070} is another element when we listen on {@code 127.0.0.1:5060}.
 *
 * @param listeningPoints every bound socket, the first of each transport being the one we send from
 * @param domains the domains this proxy is responsible for, compared case-insensitively
 */
public record LocalAddresses(List<ListeningPoint> listeningPoints, Set<String> domains) {

    public LocalAddresses {
        listeningPoints = List.copyOf(listeningPoints);
        if (listeningPoints.isEmpty()) {
            throw new IllegalArgumentException("a proxy needs at least one listening point");
        }
        domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The listening point we send on over {@code transport}; empty when we have none for it. */
    public Optional<ListeningPoint> listeningPoint(Transport transport) {
        return listeningPoints.stream().filter(lp -> lp.transport() == transport).findFirst();
    }

    /** Whether {@code host:port} is the address of one of our listening points (any transport). */
    public boolean isOurAddress(String host, int port) {
        for (ListeningPoint lp : listeningPoints) {
            if (lp.port() == port && sameHost(lp.host(), host)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a SIP URI names this proxy itself (a Route value, a Request-URI that we Record-Routed, an
     * OPTIONS addressed to us): its host and port (5060 when absent, 5061 for sips) are one of ours.
     * A {@code maddr} parameter takes the place of the host (RFC 3261 §19.1.1).
     */
    public boolean isUs(Uri uri) {
        if (!(uri instanceof SipUri sip)) {
            return false;
        }
        String host = sip.maddr().orElse(sip.host());
        return isOurAddress(host, sip.portOrDefault());
    }

    /** Whether a Via value was put there by us: its sent-by is one of our listening points. */
    public boolean isOurVia(Via via) {
        int port = via.port() >= 0 ? via.port() : 5060;
        return isOurAddress(via.host(), port);
    }

    /**
     * Whether the proxy is responsible for the domain of this URI (RFC 3261 §16.5): a configured domain, or
     * one of our own addresses. Non-SIP URIs (tel) belong to whoever the resolver says; here they count as
     * ours, so a tel URI is looked up rather than routed to a host it does not have.
     */
    public boolean isResponsibleFor(Uri uri) {
        if (uri instanceof SipUri sip) {
            return domains.contains(sip.host().toLowerCase(Locale.ROOT)) || isUs(sip);
        }
        return true;
    }

    private static boolean sameHost(String ours, String theirs) {
        if (ours.equalsIgnoreCase(theirs)) {
            return true;
        }
        // "localhost" and the unspecified address are not written into messages by us, so only literal forms
        // need care: IPv6 with and without brackets.
        String a = strip(ours);
        String b = strip(theirs);
        return a.equalsIgnoreCase(b);
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return listeningPoints + " " + domains;
    }
}
