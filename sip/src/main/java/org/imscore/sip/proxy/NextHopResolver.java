package org.imscore.sip.proxy;

import java.util.Optional;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;

/**
 * Where a request for a URI is sent (RFC 3263 §4, the client side of locating a SIP server): transport, address
 * and port. Called on a transport thread; an implementation that needs DNS answers from its cache.
 */
@FunctionalInterface
public interface NextHopResolver {

    /** The next hop for {@code uri}, or empty when it cannot be reached (the branch then fails with 503). */
    Optional<Endpoint> resolve(SipUri uri);
}
