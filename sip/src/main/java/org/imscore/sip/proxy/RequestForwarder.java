package org.imscore.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;

/**
 * Request forwarding, RFC 3261 §16.6 steps 1 to 9: makes the copy of a request for one target. Sending it
 * (step 10) is the caller's, through a client transaction or, for a stateless forward, the transport.
 *
 * @param local our addresses (Via sent-by, Record-Route URIs)
 * @param nextHops RFC 3263 resolution of the URI that decides the next hop
 * @param recordRoute whether to stay on the path of dialogs this request creates (step 4)
 * @param path whether to add a Path header field to a REGISTER whose sender supports it (RFC 3327 §5.1), so that
 *     requests for the registered contact come back through us
 */
public record RequestForwarder(LocalAddresses local, NextHopResolver nextHops, boolean recordRoute, boolean path) {

    /** Methods whose requests outside a dialog create one, so that a Record-Route becomes its route set. */
    private static final Set<String> DIALOG_CREATING =
            Set.of(SipRequest.INVITE, SipRequest.SUBSCRIBE, SipRequest.REFER, SipRequest.NOTIFY);

    public static final int DEFAULT_MAX_FORWARDS = 70;

    /**
     * The copy of {@code request} (validated and preprocessed) for {@code target}, with a Via carrying
     * {@code branch}.
     *
     * @param receivedOn where the request came in; a second Record-Route is added when it leaves on another
     *     transport, so each side of the dialog reaches us on its own (RFC 5658)
     * @throws UnreachableTargetException when no next hop can be determined
     */
    public ForwardedRequest forward(SipRequest request, Target target, String branch, ListeningPoint receivedOn)
            throws UnreachableTargetException {
        // Step 1 and 2: a copy whose Request-URI is the target (kept as received when it is the same URI; the
        // URIs are records, so equals compares them part by part without writing either out).
        SipRequest.Builder copy = request.toBuilder();
        Uri requestUri = request.requestUri();
        if (target.uri() != requestUri && !target.uri().equals(requestUri)) {
            copy.requestUri(target.uri());
            requestUri = target.uri();
        }
        // Step 3: Max-Forwards.
        copy.set(HeaderNames.MAX_FORWARDS,
                Integer.toString(request.maxForwards().map(mf -> mf - 1).orElse(DEFAULT_MAX_FORWARDS)));

        // Step 6 before 4, because the next hop decides the transport our Record-Route and Via name. Steps 1 to 3
        // left the Route fields as they were, so they are read from the request rather than from a built draft.
        List<NameAddress> routes = request.routes();
        Uri nextHopUri;
        if (!routes.isEmpty() && routes.get(0).uri() instanceof SipUri top && !top.lr()) {
            // Step 6: the next hop is a strict router; it wants its own URI as Request-URI.
            List<NameAddress> rest = new ArrayList<>(routes.subList(1, routes.size()));
            rest.add(NameAddress.of(requestUri));
            copy.requestUri(top);
            RoutePreprocessor.replaceRoutes(copy, rest);
            nextHopUri = top;
        } else {
            nextHopUri = routes.isEmpty() ? requestUri : routes.get(0).uri();
        }
        // Step 7: next hop.
        Endpoint destination = target.destination().isPresent()
                ? target.destination().get()
                : resolve(nextHopUri);
        ListeningPoint outbound = local.listeningPoint(destination.transport())
                .orElseThrow(() -> new UnreachableTargetException("no listening point for " + destination.transport()));

        // Step 4: Record-Route.
        if (recordRoute && createsDialog(request)) {
            if (receivedOn != null && !receivedOn.equals(outbound)) {
                copy.prepend(HeaderNames.RECORD_ROUTE, local.recordRouteValue(receivedOn));
            }
            copy.prepend(HeaderNames.RECORD_ROUTE, local.recordRouteValue(outbound));
        }
        // Step 5, adding header fields: Path, only when the UA said it supports it (RFC 3327 §5.1).
        if (path && request.isMethod(SipRequest.REGISTER) && supportsPath(request)) {
            copy.prepend(HeaderNames.PATH, local.recordRouteValue(outbound));
        }
        // Step 8: our Via.
        copy.prepend(HeaderNames.VIA, local.viaValue(outbound, branch));
        // Step 9: a stream transport needs Content-Length; write it whenever it is missing.
        if (!request.hasHeader(HeaderNames.CONTENT_LENGTH)) {
            copy.set(HeaderNames.CONTENT_LENGTH, Integer.toString(request.bodyLength()));
        }
        return new ForwardedRequest(copy.build(), destination);
    }

    /** Whether the UA listed "path" in Supported; a Supported we cannot read counts as no. */
    private static boolean supportsPath(SipRequest request) {
        try {
            return request.headers(HeaderType.SUPPORTED).contains("path");
        } catch (MalformedHeaderException e) {
            return false;
        }
    }

    /** Whether a request is outside a dialog and of a method that makes one (no To tag yet). */
    static boolean createsDialog(SipRequest request) {
        return DIALOG_CREATING.contains(request.method()) && request.to().tag().isEmpty();
    }

    /** {@code <sip:host:port;transport=udp;lr>}: our address on one listening point, loose routing (Record-Route, Path). */
    public static String recordRouteValue(ListeningPoint lp) {
        SipUri uri = SipUri.of(null, lp.host(), lp.port())
                .withParameter("transport", lp.transport().viaToken().toLowerCase(Locale.ROOT))
                .withParameter("lr", null);
        return NameAddress.of(uri).toString();
    }

    private Endpoint resolve(Uri uri) throws UnreachableTargetException {
        if (!(uri instanceof SipUri sip)) {
            throw new UnreachableTargetException("no route to a " + uri.scheme() + " URI: " + uri);
        }
        Optional<Endpoint> hop = nextHops.resolve(sip);
        return hop.orElseThrow(() -> new UnreachableTargetException("cannot reach " + uri));
    }
}
