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
 * holds only the registrations that changed, and in each only the contacts that changed.
 *
 * <p>A contact counts as changed when anything a watcher acts on differs: state, event, URI, Call-ID, CSeq, q,
 * display name or unknown params. The {@code expires} and {@code duration-registered} counters tick with the clock
 * and are not changes by themselves; a refresh moves the CSeq and says {@code refreshed}.
 *
 * <p>Held for every watched user for as long as the subscription lasts, so the contacts are kept without those
 * ticking counters.
 *
 * @param registrations by registration id, with the contacts still active as the watcher knows them
 */
public record ReportedState(Map<String, RegInfo.Registration> registrations) {

    public static final ReportedState NOTHING = new ReportedState(Map.of());

    public ReportedState {
        registrations = Map.copyOf(registrations);
    }

    /** The state a full document leaves the watcher in. */
    public static ReportedState of(List<RegInfo.Registration> full) {
        return NOTHING.after(full);
    }

    /**
     * The partial document's registrations: each registration that is new, whose state moved, or that has a
     * changed contact, with only those contacts. Empty when the watcher knows everything already.
     */
    public List<RegInfo.Registration> changes(List<RegInfo.Registration> state) {
        List<RegInfo.Registration> out = new ArrayList<>();
        for (RegInfo.Registration now : state) {
            Optional<RegInfo.Registration> before = Optional.ofNullable(registrations.get(now.id()));
            List<RegInfo.Contact> changed = now.contacts().stream()
                    .filter(c -> before.flatMap(b -> contact(b, c.id())).map(old -> !sameForWatcher(old, c))
                            .orElse(true))
                    .toList();
            boolean stateMoved = before.map(b -> b.state() != now.state()).orElse(true);
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
        Map<String, RegInfo.Registration> next = new LinkedHashMap<>(registrations);
        for (RegInfo.Registration r : state) {
            Map<String, RegInfo.Contact> contacts = new LinkedHashMap<>();
            Optional.ofNullable(registrations.get(r.id()))
                    .ifPresent(b -> b.contacts().forEach(c -> contacts.put(c.id(), c)));
            for (RegInfo.Contact c : r.contacts()) {
                if (c.state() == RegInfo.ContactState.ACTIVE) {
                    contacts.put(c.id(), kept(c));
                } else {
                    contacts.remove(c.id());
                }
            }
            next.put(r.id(), new RegInfo.Registration(r.aor(), r.id(), r.state(), List.copyOf(contacts.values())));
        }
        return new ReportedState(next);
    }

    /**
     * A contact as the watcher's state keeps it: without the counters that tick with the clock, which are no
     * changes (see above) and would cost heap for every watched user.
     */
    private static RegInfo.Contact kept(RegInfo.Contact c) {
        if (c.expires().isEmpty() && c.durationRegistered().isEmpty()) {
            return c;
        }
        return new RegInfo.Contact(c.id(), c.state(), c.event(), c.uri(), c.displayName(), OptionalLong.empty(),
                c.retryAfter(), OptionalLong.empty(), c.q(), c.callId(), c.cseq(), c.unknownParams());
    }

    private static Optional<RegInfo.Contact> contact(RegInfo.Registration r, String id) {
        return r.contacts().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private static boolean sameForWatcher(RegInfo.Contact a, RegInfo.Contact b) {
        return a.state() == b.state() && a.event() == b.event() && a.uri().equals(b.uri())
                && a.callId().equals(b.callId()) && a.cseq().equals(b.cseq()) && a.q().equals(b.q())
                && a.displayName().equals(b.displayName()) && Objects.equals(a.unknownParams(), b.unknownParams());
    }
}
