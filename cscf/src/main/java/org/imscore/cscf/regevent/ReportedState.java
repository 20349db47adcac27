package org.imscore.cscf.regevent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one watcher has been told so far: the registrations and contacts of the last full document with every
 * partial one applied (RFC 3680 §5.2). The notifier diffs a new state against it to write a partial document that
 * holds only the registrations that changed, and in each only the contacts that changed. Immutable, so thread-safe.
 *
 * <p>A contact counts as changed when anything a watcher acts on differs: state, event, URI, Call-ID, CSeq, q,
 * display name or unknown params. The {@code expires} and {@code duration-registered} counters tick with the clock
 * and are not changes by themselves; a refresh moves the CSeq and says {@code refreshed}.
 *
 * <p>Held for every watched user for as long as the subscription lasts, so it keeps only what the comparison needs,
 * in the smallest form: per registration its id, AOR and state, per contact the compared values (the texts are the
 * instances the registrar holds, so they cost nothing here), and no ticking counters. A contact's state follows
 * from its event ({@link RegInfo.ContactEvent#isActive()}).
 */
public final class ReportedState {

    public static final ReportedState NOTHING = new ReportedState(List.of());

    /** One registration as the watcher knows it, with its contacts still active. */
    private record Known(String aor, String id, RegInfo.RegistrationState state, List<KnownContact> contacts) {
    }

    /** One active contact as the watcher knows it: what {@link #sameForWatcher} compares. */
    private record KnownContact(String id, RegInfo.ContactEvent event, String uri, String displayName, String q,
                                String callId, long cseq, List<RegInfo.UnknownParam> unknownParams) {

        /** {@code cseq} when the document had none. */
        static final long NO_CSEQ = -1;

        static KnownContact of(RegInfo.Contact c) {
            return new KnownContact(c.id(), c.event(), c.uri(), c.displayName().orElse(null), c.q().orElse(null),
                    c.callId().orElse(null), c.cseq().orElse(NO_CSEQ), c.unknownParams());
        }

        boolean sameForWatcher(RegInfo.Contact c) {
            return event == c.event() && uri.equals(c.uri()) && Objects.equals(callId, c.callId().orElse(null))
                    && cseq == c.cseq().orElse(NO_CSEQ) && Objects.equals(q, c.q().orElse(null))
                    && Objects.equals(displayName, c.displayName().orElse(null))
                    && unknownParams.equals(c.unknownParams());
        }

        RegInfo.Contact toContact() {
            return new RegInfo.Contact(id, RegInfo.ContactState.ACTIVE, event, uri,
                    Optional.ofNullable(displayName), OptionalLong.empty(), OptionalLong.empty(),
                    OptionalLong.empty(), Optional.ofNullable(q), Optional.ofNullable(callId),
                    cseq == NO_CSEQ ? OptionalLong.empty() : OptionalLong.of(cseq), unknownParams);
        }
    }

    /** In the order first reported: nearly always one (an implicit set of one identity), so a list, not a map. */
    private final List<Known> registrations;

    private ReportedState(List<Known> registrations) {
        this.registrations = registrations;
    }

    /** The state a full document leaves the watcher in. */
    public static ReportedState of(List<RegInfo.Registration> full) {
        return NOTHING.after(full);
    }

    /**
     * The registrations the watcher knows, by id, with their active contacts (without the ticking counters), in
     * the order first reported.
     */
    public Map<String, RegInfo.Registration> registrations() {
        Map<String, RegInfo.Registration> out = new LinkedHashMap<>();
        for (Known k : registrations) {
            out.put(k.id(), new RegInfo.Registration(k.aor(), k.id(), k.state(),
                    k.contacts().stream().map(KnownContact::toContact).toList()));
        }
        return out;
    }

    /**
     * The partial document's registrations: each registration that is new, whose state moved, or that has a
     * changed contact, with only those contacts. Empty when the watcher knows everything already.
     */
    public List<RegInfo.Registration> changes(List<RegInfo.Registration> state) {
        List<RegInfo.Registration> out = new ArrayList<>();
        for (RegInfo.Registration now : state) {
            Known before = known(now.id());
            List<RegInfo.Contact> changed = now.contacts().stream().filter(c -> !knows(before, c)).toList();
            boolean stateMoved = before == null || before.state() != now.state();
            if (stateMoved || !changed.isEmpty()) {
                out.add(new RegInfo.Registration(now.aor(), now.id(), now.state(), changed));
            }
        }
        return out;
    }

    /**
     * The watcher's state once a document reporting {@code state} went out. Terminated contacts are forgotten (a
     * contact that comes back is new to the watcher); registrations the document does not name stay as they were.
     */
    public ReportedState after(List<RegInfo.Registration> state) {
        Map<String, Known> next = new LinkedHashMap<>();
        registrations.forEach(k -> next.put(k.id(), k));
        for (RegInfo.Registration r : state) {
            Map<String, KnownContact> contacts = new LinkedHashMap<>();
            Known before = next.get(r.id());
            if (before != null) {
                before.contacts().forEach(c -> contacts.put(c.id(), c));
            }
            for (RegInfo.Contact c : r.contacts()) {
                if (c.state() == RegInfo.ContactState.ACTIVE) {
                    contacts.put(c.id(), KnownContact.of(c));
                } else {
                    contacts.remove(c.id());
                }
            }
            next.put(r.id(), new Known(r.aor(), r.id(), r.state(), List.copyOf(contacts.values())));
        }
        return new ReportedState(List.copyOf(next.values()));
    }

    private Known known(String registrationId) {
        for (Known k : registrations) {
            if (k.id().equals(registrationId)) {
                return k;
            }
        }
        return null;
    }

    /** Whether the watcher already knows contact {@code c} as it is now. */
    private static boolean knows(Known registration, RegInfo.Contact c) {
        if (registration == null) {
            return false;
        }
        for (KnownContact k : registration.contacts()) {
            if (k.id().equals(c.id())) {
                return c.state() == RegInfo.ContactState.ACTIVE && k.sameForWatcher(c);
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedState s && registrations.equals(s.registrations);
    }

    @Override
    public int hashCode() {
        return registrations.hashCode();
    }

    @Override
    public String toString() {
        return "ReportedState" + registrations();
    }
}
