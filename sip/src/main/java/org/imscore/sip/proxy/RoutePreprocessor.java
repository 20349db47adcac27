package org.imscore.sip.proxy;

import java.util.List;
import java.util.Locale;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;

/**
 * Route information preprocessing, RFC 3261 §16.4: undo what a strict router did, drop an {@code maddr}
 * naming us, and pop the Route values that name us.
 *
 * @param local our addresses and domains
 */
public record RoutePreprocessor(LocalAddresses local) {

    /** The request with its Request-URI and Route set as the rest of the proxy must see them. */
    public SipRequest preprocess(SipRequest request, ListeningPoint receivedOn) {
        SipRequest r = fixStrictRoute(request);
        r = stripOurMaddr(r, receivedOn);
        return popOurRoutes(r);
    }

    /**
     * §16.4 first paragraph: a Request-URI that is a value we put into a Record-Route (it names us and has
     * {@code lr}) means the previous hop was a strict router, which moved the Route set up by one. Our
     * Record-Route URIs carry no user part, so one addressed to a user at our address is not mistaken for it.
     */
    SipRequest fixStrictRoute(SipRequest request) {
        if (!(request.requestUri() instanceof SipUri uri) || uri.hasUser() || !uri.lr() || !local.isUs(uri)) {
            return request;
        }
        List<NameAddress> routes = request.routes();
        if (routes.isEmpty()) {
            return request;
        }
        NameAddress last = routes.get(routes.size() - 1);
        SipRequest.Builder b = request.toBuilder().requestUri(last.uri());
        return replaceRoutes(b, routes.subList(0, routes.size() - 1)).build();
    }

    /**
     * §16.4 second paragraph: an {@code maddr} naming us, on a request that came in on the port and transport
     * the Request-URI asks for, is dropped together with that port and transport, as if never there.
     */
    SipRequest stripOurMaddr(SipRequest request, ListeningPoint receivedOn) {
        if (!(request.requestUri() instanceof SipUri uri) || uri.maddr().isEmpty()) {
            return request;
        }
        String maddr = uri.maddr().get();
        boolean ours = local.domains().contains(maddr.toLowerCase(Locale.ROOT))
                || local.isOurAddress(maddr, receivedOn.port());
        boolean samePort = uri.portOrDefault() == receivedOn.port();
        boolean sameTransport = uri.transport()
                .map(t -> Transport.fromToken(t).orElse(null) == receivedOn.transport())
                .orElse(true);
        if (!ours || !samePort || !sameTransport) {
            return request;
        }
        SipUri stripped = uri.withoutParameter("maddr").withoutParameter("transport").withHost(uri.host(), -1);
        return request.toBuilder().requestUri(stripped).build();
    }

    /**
     * §16.4 third paragraph: the top Route naming us was for us; it goes. Repeated while the next one names
     * us too, which is what a proxy that Record-Routed twice (one value per transport, RFC 5658) gets back.
     */
    SipRequest popOurRoutes(SipRequest request) {
        List<NameAddress> routes = request.routes();
        int ours = 0;
        while (ours < routes.size() && local.isUs(routes.get(ours).uri())) {
            ours++;
        }
        if (ours == 0) {
            return request;
        }
        SipRequest.Builder b = request.toBuilder();
        for (int i = 0; i < ours; i++) {
            b.removeFirstValue(HeaderNames.ROUTE);
        }
        return b.build();
    }

    /** Writes the Route set as one field in the place of the first Route field. */
    static SipRequest.Builder replaceRoutes(SipRequest.Builder b, List<NameAddress> routes) {
        if (routes.isEmpty()) {
            return b.remove(HeaderNames.ROUTE);
        }
        StringBuilder value = new StringBuilder();
        for (NameAddress route : routes) {
            if (!value.isEmpty()) {
                value.append(", ");
            }
            value.append(route);
        }
        return b.set(HeaderNames.ROUTE, value.toString());
    }
}
