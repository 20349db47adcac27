package org.imscore.cscf.regevent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.imscore.cscf.state.Token;

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
 * from its event ({@link RegInfo.ContactEvent#isActive()}). Ids are held as the numbers of their {@link Token}s (the
 * registrar's ids are tokens; the text of any other id is held as it is), and the usual single registration of one
 * contact without a list.
 */
public final class ReportedState {

    public static final ReportedState NOTHING = new ReportedState(List.of());

    /**
     * A reg-event id as held: the number of a {@link Token} and no text, or, for an id that is not a token's text,
     * the text itself.
     */
    private static long tokenOf(String id) {
        return Token.isToken(id) ? Token.parse(id) : 0;
    }

    private static String textUnlessToken(String id) {
        return Token.isToken(id) ? null : id;
    }

    private static boolean sameId(long token, String text, String id) {
        return text != null ? text.equals(id) : Token.is(token, id);
    }

    private static String idOf(long token, String text) {
        return text != null ? text : Token.text(token);
    }

    /**
     * One registration as the watcher knows it, with its contacts still active: the only one in
     * {@code onlyContact}, else all in {@code moreContacts}.
     */
    private record Known(String aor, long idToken, String idText, RegInfo.RegistrationState state,
                         KnownContact onlyContact, List<KnownContact> moreContacts) {

        static Known of(String aor, String id, RegInfo.RegistrationState state, List<KnownContact> contacts) {
            boolean one = contacts.size() == 1;
            return new Known(aor, tokenOf(id), textUnlessToken(id), state, one ? contacts.get(0) : null,
                    one ? null : List.copyOf(contacts));
        }

        String id() {
            return idOf(idToken, idText);
        }

        boolean hasId(String id) {
            return sameId(idToken, idText, id);
        }

        List<KnownContact> contacts() {
            return onlyContact != null ? List.of(onlyContact) : moreContacts;
        }
    }

    /** One active contact as the watcher knows it: what {@link #sameForWatcher} compares. */
    private record KnownContact(long idToken, String idText, RegInfo.ContactEvent event, String uri,
                                String displayName, String q, String callId, long cseq,
                                List<RegInfo.UnknownParam> unknownParams) {

        /** {@code cseq} when the document had none. */
        static final long NO_CSEQ = -1;

        static KnownContact of(RegInfo.Contact c) {
            return new KnownContact(tokenOf(c.id()), textUnlessToken(c.id()), c.event(), c.uri(),
                    c.displayName().orElse(null), c.q().orElse(null), c.callId().orElse(null),
                    c.cseq().orElse(NO_CSEQ), c.unknownParams());
        }

        String id() {
            return idOf(idToken, idText);
        }

        boolean hasId(String id) {
            return sameId(idToken, idText, id);
        }

        boolean sameForWatcher(RegInfo.Contact c) {
            return event == c.event() && uri.equals(c.uri()) && Objects.equals(callId, c.callId().orElse(null))
                    && cseq == c.cseq().orElse(NO_CSEQ) && Objects.equals(q, c.q().orElse(null))
                    && Objects.equals(displayName, c.displayName().orElse(null))
                    && unknownParams.equals(c.unknownParams());
        }

        RegInfo.Contact toContact() {
            return new RegInfo.Contact(id(), RegInfo.ContactState.ACTIVE, event, uri,
                    Optional.ofNullable(displayName), OptionalLong.empty(), OptionalLong.empty(),
                    OptionalLong.empty(), Optional.ofNullable(q), Optional.ofNullable(callId),
                    cseq == NO_CSEQ ? OptionalLong.empty() : OptionalLong.of(cseq), unknownParams);
        }
    }

    /**
     * In the order first reported: nearly always one (an implicit set of one identity), held alone in
     * {@code onlyRegistration}; else all in {@code moreRegistrations}.
     */
    private final Known onlyRegistration;
    private final List<Known> moreRegistrations;

    private ReportedState(List<Known> registrations) {
        boolean one = registrations.size() == 1;
        this.onlyRegistration = one ? registrations.get(0) : null;
        this.moreRegistrations = one ? null : List.copyOf(registrations);
    }

    private List<Known> known() {
        return onlyRegistration != null ? List.of(onlyRegistration) : moreRegistrations;
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
        for (Known k : known()) {
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
        known().forEach(k -> next.put(k.id(), k));
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
            next.put(r.id(), Known.of(r.aor(), r.id(), r.state(), List.copyOf(contacts.values())));
        }
        return new ReportedState(List.copyOf(next.values()));
    }

    private Known known(String registrationId) {
        for (Known k : known()) {
            if (k.hasId(registrationId)) {
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
            if (k.hasId(c.id())) {
                return c.state() == RegInfo.ContactState.ACTIVE && k.sameForWatcher(c);
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedState s && known().equals(s.known());
    }

    @Override
    public int hashCode() {
        return known().hashCode();
    }

    @Override
    public String toString() {
        return "ReportedState" + registrations();
    }
}
