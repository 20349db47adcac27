package org.imscore.sip.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Hosts;
import org.imscore.sip.uri.SipUri;

/**
 * A fixed routing table: {@code user@domain} or {@code domain} to a list of next hops. The most specific
 * entry wins (the user's, else the domain's); each endpoint becomes one target that keeps the Request-URI and
 * is sent to that endpoint, in list order (which is the order of sequential forking). A request matching no
 * entry is answered 404 (RFC 3261 §16.5: the target set is empty).
 *
 * @param routes keys in lower case ({@code "alice@example.com"} or {@code "example.com"}), in insertion order
 */
public record StaticRoutes(Map<String, List<Endpoint>> routes) implements TargetResolver {

    public StaticRoutes {
        Map<String, List<Endpoint>> copy = new LinkedHashMap<>();
        routes.forEach((key, hops) -> {
            if (hops.isEmpty()) {
                throw new IllegalArgumentException("static route " + key + " has no endpoint");
            }
            copy.put(key.toLowerCase(Locale.ROOT), List.copyOf(hops));
        });
        routes = Collections.unmodifiableMap(copy);
    }

    public static StaticRoutes none() {
        return new StaticRoutes(Map.of());
    }

    /** A copy with one more entry: {@code key} is {@code "user@domain"} or {@code "domain"}. */
    public StaticRoutes with(String key, Endpoint... hops) {
        Map<String, List<Endpoint>> more = new LinkedHashMap<>(routes);
        more.put(key, List.of(hops));
        return new StaticRoutes(more);
    }

    @Override
    public TargetDecision resolve(SipRequest request) {
        if (!(request.requestUri() instanceof SipUri uri)) {
            return TargetDecision.reject(404);
        }
        String domain = uri.host().toLowerCase(Locale.ROOT);
        List<Endpoint> hops = null;
        if (uri.hasUser()) {
            hops = routes.get((Hosts.unescape(uri.user()) + "@" + domain).toLowerCase(Locale.ROOT));
        }
        if (hops == null) {
            hops = routes.get(domain);
        }
        if (hops == null) {
            return TargetDecision.reject(404);
        }
        List<Target> targets = new ArrayList<>(hops.size());
        for (Endpoint hop : hops) {
            targets.add(Target.via(uri, hop));
        }
        return TargetDecision.forward(targets);
    }
}
