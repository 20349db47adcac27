package org.imscore.sip.proxy;

import org.imscore.sip.message.SipRequest;

/**
 * The routing function of a proxy (RFC 3261 §16.5): turns a request for a domain this proxy is responsible
 * for into a target set. It is asked only after validation and route preprocessing, and only when the
 * Request-URI is in one of our domains, carries no {@code maddr}, and no Route value is left (a loose-routed
 * request goes where its Route says). A registrar's location service, the S-CSCF's session routing or a
 * static table plug in here.
 *
 * <p>Called on a transport thread: it must not block (a lookup that needs I/O belongs in a resolver that
 * has its answer at hand, such as a cache kept up to date elsewhere).
 */
@FunctionalInterface
public interface TargetResolver {

    TargetDecision resolve(SipRequest request);
}
