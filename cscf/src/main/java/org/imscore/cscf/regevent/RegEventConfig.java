package org.imscore.cscf.regevent;

import java.util.Objects;
import org.imscore.sip.uri.SipUri;

/**
 * Settings of the reg-event notifier.
 *
 * @param contact        the notifier's Contact, e.g. {@code sip:scscf.ims.example:6060}
 * @param defaultExpires used when a SUBSCRIBE has no Expires (RFC 3680 §4.3: 3761 s)
 * @param minExpires     shorter non-zero requests get 423 with Min-Expires
 * @param maxExpires     longer requests are shortened to this
 */
public record RegEventConfig(SipUri contact, long defaultExpires, long minExpires, long maxExpires) {

    public RegEventConfig {
        Objects.requireNonNull(contact, "contact");
        if (minExpires < 0 || minExpires > maxExpires || defaultExpires < minExpires || defaultExpires > maxExpires) {
            throw new IllegalArgumentException("need 0 <= minExpires <= defaultExpires <= maxExpires");
        }
    }

    public static RegEventConfig defaults(SipUri contact) {
        return new RegEventConfig(contact, 3761, 60, 600_000);
    }
}
