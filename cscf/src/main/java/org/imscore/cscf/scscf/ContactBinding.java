package org.imscore.cscf.scscf;

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

    public long secondsLeft(Instant now) {
        return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
    }
}
