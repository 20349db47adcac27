package org.imscore.cscf.scscf;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.cscf.state.Token;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.uri.Uri;

/**
 * One registered contact of a public identity (RFC 3261 §10.3, RFC 5626 §6). Immutable, so thread-safe.
 *
 * <p>A binding lives for the whole registration (up to days), one per registered UE, so it keeps its values in
 * their smallest natural form: the Contact as its wire text (parsed again when a request is routed to it or a
 * REGISTER names it, which is rare next to its lifetime), the times as epoch milliseconds, and the Path as the list
 * the registrar shares among every binding with the same Path. The URI's text is held on its own, and the whole
 * Contact's only when it has more (a display name, header parameters): reg-event documents, and what each watcher
 * was told, then hold the same text instead of a copy each. The id is a {@link Token}, held as a number.
 */
public final class ContactBinding {

    /** The reg-event contact id, written by {@link #idText()}. */
    private final long id;
    /** The Contact's URI, wire text. */
    private final String uri;
    /** The whole Contact value, wire text, when it is more than {@code <uri>}; else null. */
    private final String nameAddress;
    private final long expiresAtMillis;
    private final long registeredAtMillis;
    private final String callId;
    private final long cseq;
    private final List<NameAddress> path;
    private final RegInfo.ContactEvent lastEvent;

    /**
     * @param id        stable id for reg-event documents (a {@link Token})
     * @param contact   the Contact value as registered, its header parameters kept (+sip.instance, feature tags)
     *                  and {@code expires} removed
     * @param path      the Path of the REGISTER that made or refreshed it (RFC 3327 §5.3): the route towards it
     * @param lastEvent what last happened to it, reported in full-state NOTIFYs
     */
    public ContactBinding(long id, NameAddress contact, Instant expiresAt, Instant registeredAt, String callId,
                          long cseq, List<NameAddress> path, RegInfo.ContactEvent lastEvent) {
        this.id = id;
        this.uri = Objects.requireNonNull(contact, "contact").uri().toString();
        this.nameAddress = contact.displayName() == null && contact.parameters().isEmpty() ? null
                : contact.toString();
        this.expiresAtMillis = Objects.requireNonNull(expiresAt, "expiresAt").toEpochMilli();
        this.registeredAtMillis = Objects.requireNonNull(registeredAt, "registeredAt").toEpochMilli();
        this.callId = callId;
        this.cseq = cseq;
        this.path = List.copyOf(path);
        this.lastEvent = Objects.requireNonNull(lastEvent, "lastEvent");
    }

    public long id() {
        return id;
    }

    /** The id as reg-event documents write it. */
    public String idText() {
        return Token.text(id);
    }

    /** The Contact as registered, parsed from its stored wire text. */
    public NameAddress contact() {
        return NameAddress.parse(nameAddress != null ? nameAddress : "<" + uri + ">");
    }

    /** The Contact's URI as wire text (as reg-event documents write it). */
    public String uriText() {
        return uri;
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }

    public Instant registeredAt() {
        return Instant.ofEpochMilli(registeredAtMillis);
    }

    public String callId() {
        return callId;
    }

    public long cseq() {
        return cseq;
    }

    public List<NameAddress> path() {
        return path;
    }

    public RegInfo.ContactEvent lastEvent() {
        return lastEvent;
    }

    /** Whether the binding has not expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAtMillis > now.toEpochMilli();
    }

    public Uri uri() {
        return Uri.parse(uri);
    }

    /**
     * The preference the contact registered with (RFC 3261 §20.10); 1.0, the highest, when it gave none (RFC 3261
     * leaves that open) or an unreadable one (the registrar refuses those).
     */
    public double q() {
        try {
            return new Contact(contact()).q().orElse(1.0);
        } catch (IllegalArgumentException e) {
            return 1.0;
        }
    }

    public Optional<String> instance() {
        return new Contact(contact()).instance();
    }

    public OptionalInt regId() {
        return new Contact(contact()).regId();
    }

    /**
     * Whether a Contact of a REGISTER names this binding: the same +sip.instance and reg-id when both carry an
     * instance (RFC 5626 §6: a new flow replaces the old one), else an equivalent URI (RFC 3261 §10.3 step 7).
     */
    public boolean matches(Contact other) {
        Contact mine = new Contact(contact());
        Optional<String> instance = mine.instance();
        Optional<String> otherInstance = other.instance();
        if (instance.isPresent() && otherInstance.isPresent()) {
            return instance.get().equals(otherInstance.get()) && mine.regId().equals(other.regId());
        }
        return mine.address().uri().equivalent(other.address().uri());
    }

    /**
     * Whole seconds until the binding expires, rounded up: a binding granted 600 s a few milliseconds ago (before the
     * SAR, say) still shows 600 in the 200 OK, not 599 because a second boundary fell in between.
     */
    public long secondsLeft(Instant now) {
        long millis = expiresAtMillis - now.toEpochMilli();
        return millis <= 0 ? 0 : (millis + 999) / 1000;
    }

    /** Whole seconds since the contact was first registered (reg-event {@code duration-registered}). */
    public long secondsRegistered(Instant now) {
        return Math.max(0, now.getEpochSecond() - Math.floorDiv(registeredAtMillis, 1000));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContactBinding b && id == b.id && uri.equals(b.uri)
                && Objects.equals(nameAddress, b.nameAddress)
                && expiresAtMillis == b.expiresAtMillis && registeredAtMillis == b.registeredAtMillis
                && Objects.equals(callId, b.callId) && cseq == b.cseq && path.equals(b.path)
                && lastEvent == b.lastEvent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, uri, expiresAtMillis, callId, cseq);
    }

    @Override
    public String toString() {
        return "ContactBinding[id=" + idText() + ", contact=" + contact() + ", expiresAt=" + expiresAt() + ", registeredAt="
                + registeredAt() + ", callId=" + callId + ", cseq=" + cseq + ", path=" + path + ", lastEvent="
                + lastEvent + "]";
    }
}
