package org.imscore.sip.proxy;

import java.util.Objects;
import java.util.Optional;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Uri;

/**
 * One element of a target set (RFC 3261 §16.5): the Request-URI of the forwarded copy, its preference, and
 * optionally a fixed next hop that overrides the RFC 3263 choice (a static route, an outbound proxy, the
 * registered flow of a contact).
 *
 * @param uri the Request-URI for this branch
 * @param q the preference 0.0 to 1.0 (RFC 3261 §20.10); higher is tried first when forking in sequence
 * @param destination where to send this branch instead of the address taken from the Route or Request-URI
 */
public record Target(Uri uri, double q, Optional<Endpoint> destination) {

    public Target {
        Objects.requireNonNull(uri, "uri");
        if (q < 0.0 || q > 1.0) {
            throw new IllegalArgumentException("q out of range 0..1: " + q);
        }
        destination = Objects.requireNonNullElse(destination, Optional.empty());
    }

    /** A target routed by its own URI, q 1.0. */
    public static Target of(Uri uri) {
        return new Target(uri, 1.0, Optional.empty());
    }

    /** A target sent to a fixed next hop, q 1.0. */
    public static Target via(Uri uri, Endpoint destination) {
        return new Target(uri, 1.0, Optional.of(destination));
    }

    public Target withQ(double newQ) {
        return new Target(uri, newQ, destination);
    }

    @Override
    public String toString() {
        return uri + (q < 1.0 ? ";q=" + q : "") + destination.map(d -> " via " + d).orElse("");
    }
}
