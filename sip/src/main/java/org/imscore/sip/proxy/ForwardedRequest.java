package org.imscore.sip.proxy;

import java.util.Objects;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.Endpoint;

/**
 * A request ready to leave on one branch (RFC 3261 §16.6 step 10): the copy with our Via on top and where it
 * goes.
 *
 * @param request the forwarded copy
 * @param destination the next hop chosen in step 7
 */
public record ForwardedRequest(SipRequest request, Endpoint destination) {

    public ForwardedRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(destination, "destination");
    }

    /** The branch of our Via: the key of the client transaction. */
    public String branch() {
        return request.topVia().branch().orElseThrow();
    }
}
