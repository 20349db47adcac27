package org.imscore.sip.ua;

import java.net.InetSocketAddress;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;

/**
 * The endpoint a SIP URI names (RFC 3263 reduced to what a lab needs: no NAPTR/SRV lookups): {@code maddr} or the
 * host, the port or 5060, UDP unless {@code transport=tcp}. sips is refused until TLS exists.
 */
public final class NextHops {

    private NextHops() {
    }

    /**
     * @throws IllegalArgumentException if {@code uri} is not a sip/sips URI or names an unsupported transport
     */
    public static Endpoint of(Uri uri) {
        if (!(uri instanceof SipUri sip)) {
            throw new IllegalArgumentException("cannot send to a " + uri.scheme() + " URI: " + uri);
        }
        if (sip.secure()) {
            throw new IllegalArgumentException("sips needs TLS, which is not available: " + uri);
        }
        Transport transport = sip.transport()
                .map(t -> Transport.fromToken(t)
                        .orElseThrow(() -> new IllegalArgumentException("unsupported transport " + t + " in " + uri)))
                .orElse(Transport.UDP);
        String host = sip.maddr().orElse(sip.host());
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Endpoint(transport, new InetSocketAddress(host, sip.portOrDefault()));
    }
}
