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
 * <p>Every message a proxy handles asks whether a Via or a Route is ours, so the host text of each listening point
 * is made once here rather than by {@link ListeningPoint#host()} on each question. Immutable; safe to share.
 */
public final class LocalAddresses {

    private final List<ListeningPoint> listeningPoints;
    private final Set<String> domains;
    /** {@code listeningPoints.get(i).host()}, made once. */
    private final String[] hosts;
    /** {@link RequestForwarder#recordRouteValue} of each listening point, made once (it goes into every INVITE). */
    private final String[] recordRoutes;
    /** {@code SIP/2.0/UDP host:port;branch=} of each listening point: our Via up to its branch, made once. */
    private final String[] viaPrefixes;

    /**
     * @param listeningPoints every bound socket, the first of each transport being the one we send from
     * @param domains the domains this proxy is responsible for, compared case-insensitively
     */
    public LocalAddresses(List<ListeningPoint> listeningPoints, Set<String> domains) {
        this.listeningPoints = List.copyOf(listeningPoints);
        if (this.listeningPoints.isEmpty()) {
            throw new IllegalArgumentException("a proxy needs at least one listening point");
        }
        this.domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.hosts = this.listeningPoints.stream().map(ListeningPoint::host).toArray(String[]::new);
        this.recordRoutes = this.listeningPoints.stream().map(RequestForwarder::recordRouteValue)
                .toArray(String[]::new);
        this.viaPrefixes = this.listeningPoints.stream().map(LocalAddresses::viaPrefix).toArray(String[]::new);
    }

    /**
     * The value of our Via for a request sent from {@code lp} with this branch, as {@code Via.of(...).toString()}
     * writes it; the part before the branch is made once for our own listening points.
     */
    String viaValue(ListeningPoint lp, String branch) {
        for (int i = 0; i < viaPrefixes.length; i++) {
            if (listeningPoints.get(i) == lp || listeningPoints.get(i).equals(lp)) {
                return viaPrefixes[i].concat(branch);
            }
        }
        return viaPrefix(lp).concat(branch);
    }

    /** Our Via from {@code lp} up to the branch value: with an empty branch, Via writes "...;branch=" last. */
    private static String viaPrefix(ListeningPoint lp) {
        return Via.of(lp.transport().viaToken(), lp.host(), lp.port(), "").toString();
    }

    /** {@link RequestForwarder#recordRouteValue} for {@code lp}: made once for our own listening points. */
    String recordRouteValue(ListeningPoint lp) {
        for (int i = 0; i < recordRoutes.length; i++) {
            if (listeningPoints.get(i).equals(lp)) {
                return recordRoutes[i];
            }
        }
        return RequestForwarder.recordRouteValue(lp);
    }

    /** Every bound socket, the first of each transport being the one we send from. */
    public List<ListeningPoint> listeningPoints() {
        return listeningPoints;
    }

    /** The domains this proxy is responsible for, in lower case. */
    public Set<String> domains() {
        return domains;
    }

    /** The listening point we send on over {@code transport}; empty when we have none for it. */
    public Optional<ListeningPoint> listeningPoint(Transport transport) {
        for (int i = 0, n = listeningPoints.size(); i < n; i++) {
            if (listeningPoints.get(i).transport() == transport) {
                return Optional.of(listeningPoints.get(i));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code host:port} is the address of one of our listening points (any transport). */
    public boolean isOurAddress(String host, int port) {
        for (int i = 0; i < hosts.length; i++) {
            if (listeningPoints.get(i).port() == port && sameHost(hosts[i], host)) {
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
    public boolean equals(Object o) {
        return o instanceof LocalAddresses other && listeningPoints.equals(other.listeningPoints)
                && domains.equals(other.domains);
    }

    @Override
    public int hashCode() {
        return listeningPoints.hashCode() * 31 + domains.hashCode();
    }

    @Override
    public String toString() {
        return listeningPoints + " " + domains;
    }
}
