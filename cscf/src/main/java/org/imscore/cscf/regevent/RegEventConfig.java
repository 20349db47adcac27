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
 * @param partialState   whether NOTIFYs after the first of a subscription carry partial state (RFC 3680 §5.2:
 *                       only the registrations and contacts that changed); otherwise every NOTIFY is full
 */
public record RegEventConfig(SipUri contact, long defaultExpires, long minExpires, long maxExpires,
                             boolean partialState) {

    public RegEventConfig {
        Objects.requireNonNull(contact, "contact");
        if (minExpires < 0 || minExpires > maxExpires || defaultExpires < minExpires || defaultExpires > maxExpires) {
            throw new IllegalArgumentException("need 0 <= minExpires <= defaultExpires <= maxExpires");
        }
    }

    /** RFC 3680 §4.3's default expiry, 60 s to 600000 s, partial state after the first NOTIFY. */
    public static RegEventConfig defaults(SipUri contact) {
        return new RegEventConfig(contact, 3761, 60, 600_000, true);
    }

    public RegEventConfig withPartialState(boolean partial) {
        return new RegEventConfig(contact, defaultExpires, minExpires, maxExpires, partial);
    }
}
