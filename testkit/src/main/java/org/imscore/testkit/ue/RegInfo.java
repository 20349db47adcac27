package org.imscore.testkit.ue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A reginfo document as the UE reads it (RFC 3680 §5.3): what a test asserts on. States and events are kept as the
 * text of the document, so an unexpected value shows up in the assertion instead of being refused here.
 *
 * @param version       increases by one per NOTIFY of a subscription
 * @param state         {@code full} or {@code partial}
 * @param registrations one per address-of-record
 */
public record RegInfo(long version, String state, List<Aor> registrations) {

    public RegInfo {
        Objects.requireNonNull(state, "state");
        registrations = List.copyOf(registrations);
    }

    /** The registration of {@code aor} (exact text of the aor attribute). */
    public Optional<Aor> registration(String aor) {
        return registrations.stream().filter(r -> r.aor().equals(aor)).findFirst();
    }

    /**
     * One {@code <registration>}.
     *
     * @param state {@code init}, {@code active} or {@code terminated}
     */
    public record Aor(String aor, String id, String state, List<Contact> contacts) {
        public Aor {
            contacts = List.copyOf(contacts);
        }
    }

    /**
     * One {@code <contact>}.
     *
     * @param state         {@code active} or {@code terminated}
     * @param event         registered, created, refreshed, shortened, expired, deactivated, probation,
     *                      unregistered or rejected
     * @param unknownParams the {@code <unknown-param>} elements (Contact parameters such as +sip.instance), in
     *                      document order
     */
    public record Contact(String id, String state, String event, String uri, OptionalLong expires,
                          Map<String, String> unknownParams) {
        public Contact {
            unknownParams = Map.copyOf(unknownParams);
        }
    }
}
