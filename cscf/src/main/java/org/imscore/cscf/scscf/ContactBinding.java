package org.imscore.cscf.scscf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.uri.Uri;

/**
 * One registered contact of a public identity (RFC 3261 §10.3, RFC 5626 §6).
 *
 * @param id           stable id for reg-event documents
 * @param contact      the Contact value as registered, its header parameters kept (+sip.instance, feature tags)
 *                     and {@code expires} removed
 * @param path         the Path of the REGISTER that made or refreshed it (RFC 3327 §5.3): the route towards it
 * @param lastEvent    what last happened to it, reported in full-state NOTIFYs
 */
public record ContactBinding(String id, NameAddress contact, Instant expiresAt, Instant registeredAt, String callId,
                             long cseq, List<NameAddress> path, RegInfo.ContactEvent lastEvent) {

    public ContactBinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(registeredAt, "registeredAt");
        path = List.copyOf(path);
        Objects.requireNonNull(lastEvent, "lastEvent");
    }

    public Uri uri() {
        return contact.uri();
    }

    /**
     * The preference the contact registered with (RFC 3261 §20.10); 1.0, the highest, when it gave none (RFC 3261
     * leaves that open) or an unreadable one (the registrar refuses those).
     */
    public double q() {
        try {
            return new Contact(contact).q().orElse(1.0);
        } catch (IllegalArgumentException e) {
            return 1.0;
        }
    }

    public Optional<String> instance() {
        return new Contact(contact).instance();
    }

    public OptionalInt regId() {
        return new Contact(contact).regId();
    }

    /**
     * Whether a Contact of a REGISTER names this binding: the same +sip.instance and reg-id when both carry an
     * instance (RFC 5626 §6: a new flow replaces the old one), else an equivalent URI (RFC 3261 §10.3 step 7).
     */
    public boolean matches(Contact other) {
        Optional<String> instance = instance();
        Optional<String> otherInstance = other.instance();
        if (instance.isPresent() && otherInstance.isPresent()) {
            return instance.get().equals(otherInstance.get()) && regId().equals(other.regId());
        }
        return uri().equivalent(other.address().uri());
    }

    /**
     * Whole seconds until the binding expires, rounded up: a binding granted 600 s a few milliseconds ago (before the
     * SAR, say) still shows 600 in the 200 OK, not 599 because a second boundary fell in between.
     */
    public long secondsLeft(Instant now) {
        long millis = Duration.between(now, expiresAt).toMillis();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }
}
