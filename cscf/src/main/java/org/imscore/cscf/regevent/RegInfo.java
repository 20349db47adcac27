package org.imscore.cscf.regevent;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code <reginfo>} document (RFC 3680 §5.3): a version that grows by one per NOTIFY of a subscription, full or
 * partial state, and the registrations it reports.
 */
public record RegInfo(long version, DocumentState state, List<Registration> registrations) {

    public static final String CONTENT_TYPE = "application/reginfo+xml";
    public static final String NAMESPACE = "urn:ietf:params:xml:ns:reginfo";

    public RegInfo {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        Objects.requireNonNull(state, "state");
        registrations = List.copyOf(registrations);
    }

    /** {@code full}: everything the subscriber may see; {@code partial}: only what changed (RFC 3680 §5.2). */
    public enum DocumentState {
        FULL, PARTIAL;

        public String xml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One address-of-record. {@code init}: no active contact yet; {@code active}: at least one;
     * {@code terminated}: none left (RFC 3680 §5.1.1).
     */
    public record Registration(String aor, String id, RegistrationState state, List<Contact> contacts) {

        public Registration {
            Objects.requireNonNull(aor, "aor");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(state, "state");
            contacts = List.copyOf(contacts);
        }
    }

    public enum RegistrationState {
        INIT, ACTIVE, TERMINATED;

        public String xml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One contact of a registration (RFC 3680 §5.1.2): its state, the event that brought it there, and the
     * Contact header parameters the registrar kept ({@code unknownParams}).
     *
     * @param q       as written, e.g. "1.000" ({@code q} is a string in the schema's sense of a decimal)
     * @param expires seconds left, for active contacts
     */
    public record Contact(String id, ContactState state, ContactEvent event, String uri, Optional<String> displayName,
                          OptionalLong expires, OptionalLong retryAfter, OptionalLong durationRegistered,
                          Optional<String> q, Optional<String> callId, OptionalLong cseq,
                          List<UnknownParam> unknownParams) {

        public Contact {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(uri, "uri");
            unknownParams = List.copyOf(unknownParams);
            if (event.isActive() != (state == ContactState.ACTIVE)) {
                throw new IllegalArgumentException("event " + event.xml() + " does not lead to state " + state.xml());
            }
        }

        /** A contact with the attributes every NOTIFY has and none of the optional ones. */
        public static Contact of(String id, ContactEvent event, String uri, OptionalLong expires,
                                 List<UnknownParam> unknownParams) {
            return new Contact(id, event.isActive() ? ContactState.ACTIVE : ContactState.TERMINATED, event, uri,
                    Optional.empty(), expires, OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                    Optional.empty(), OptionalLong.empty(), unknownParams);
        }
    }

    public enum ContactState {
        ACTIVE, TERMINATED;

        public String xml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happened to a contact (RFC 3680 §5.1.2): the first four leave it active, the rest terminated. */
    public enum ContactEvent {
        REGISTERED, CREATED, REFRESHED, SHORTENED, EXPIRED, DEACTIVATED, PROBATION, UNREGISTERED, REJECTED;

        public boolean isActive() {
            return ordinal() <= SHORTENED.ordinal();
        }

        public String xml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A Contact header parameter the registrar did not interpret (RFC 3680 §5.3 unknown-param). */
    public record UnknownParam(String name, String value) {

        public UnknownParam {
            Objects.requireNonNull(name, "name");
            value = value == null ? "" : value;
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String attribute) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("bad " + attribute + " value '" + text + "'");
        }
    }
}
