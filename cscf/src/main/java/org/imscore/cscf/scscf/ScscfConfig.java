package org.imscore.cscf.scscf;

import java.time.Duration;
import java.util.Objects;
import org.imscore.cscf.cx.AuthScheme;
import org.imscore.sip.message.NameAddress;

/**
 * Settings of the S-CSCF registrar.
 *
 * @param serverName        our Server-Name on Cx, e.g. {@code sip:scscf.ims.mnc001.mcc001.3gppnetwork.org:6060}
 * @param realm             the Digest realm: the home domain
 * @param serviceRoute      the Service-Route of 200 OKs (RFC 3608), e.g.
 *                          {@code <sip:orig@scscf.ims.mnc001.mcc001.3gppnetwork.org:6060;lr>}
 * @param defaultScheme     asked of the HSS when the UE names no algorithm: {@code UNKNOWN} lets the HSS choose the
 *                          subscriber's scheme, as the captured S-CSCF does
 * @param qopOptions        offered in challenges, e.g. {@code auth,auth-int} (what the capture shows)
 * @param defaultExpires    for contacts that ask for none
 * @param minExpires        shorter non-zero requests get 423 (RFC 3261 §10.3 step 7)
 * @param maxExpires        longer requests are shortened
 * @param nonceLifetime     a challenge answered later is stale (RFC 2617 §3.2.1)
 * @param maxAuthFailures   wrong responses tolerated before 403
 * @param retryAfterSeconds Retry-After on 5xx when the HSS fails
 */
public record ScscfConfig(String serverName, String realm, NameAddress serviceRoute, AuthScheme defaultScheme,
                          String qopOptions, long defaultExpires, long minExpires, long maxExpires,
                          Duration nonceLifetime, int maxAuthFailures, long retryAfterSeconds) {

    public ScscfConfig {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(serviceRoute, "serviceRoute");
        Objects.requireNonNull(defaultScheme, "defaultScheme");
        Objects.requireNonNull(qopOptions, "qopOptions");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        if (minExpires < 1 || minExpires > defaultExpires || defaultExpires > maxExpires) {
            throw new IllegalArgumentException("need 1 <= minExpires <= defaultExpires <= maxExpires");
        }
        if (maxAuthFailures < 1) {
            throw new IllegalArgumentException("maxAuthFailures must be at least 1");
        }
    }

    /** The lab defaults: the HSS picks the scheme, qop auth/auth-int, 600 000 s max like the captured core, 30 s nonces. */
    public static ScscfConfig defaults(String serverName, String realm, NameAddress serviceRoute) {
        return new ScscfConfig(serverName, realm, serviceRoute, AuthScheme.UNKNOWN, "auth,auth-int", 3600, 60,
                600_000, Duration.ofSeconds(30), 3, 30);
    }
}
