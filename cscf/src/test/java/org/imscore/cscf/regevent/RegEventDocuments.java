package org.imscore.cscf.regevent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/** Registration states derived from a registrar's, as the S-CSCF reports them after a change. */
final class RegEventDocuments {

    private RegEventDocuments() {
    }

    /** Every contact refreshed by a REGISTER with the next CSeq. */
    static List<RegInfo.Registration> refreshed(List<RegInfo.Registration> state) {
        return eachContact(state, c -> with(c, RegInfo.ContactEvent.REFRESHED, c.cseq().getAsLong() + 1));
    }

    /** Every contact removed with {@code event}: the registrations terminate. */
    static List<RegInfo.Registration> removed(List<RegInfo.Registration> state, RegInfo.ContactEvent event) {
        List<RegInfo.Registration> out = new ArrayList<>();
        for (RegInfo.Registration r : state) {
            out.add(new RegInfo.Registration(r.aor(), r.id(), RegInfo.RegistrationState.TERMINATED,
                    r.contacts().stream().map(c -> with(c, event, c.cseq().getAsLong())).toList()));
        }
        return out;
    }

    /** {@code extra} added to every registration of the set, as a second device's REGISTER does. */
    static List<RegInfo.Registration> plus(List<RegInfo.Registration> state, RegInfo.Contact extra) {
        List<RegInfo.Registration> out = new ArrayList<>();
        for (RegInfo.Registration r : state) {
            List<RegInfo.Contact> contacts = new ArrayList<>(r.contacts());
            contacts.add(extra);
            out.add(new RegInfo.Registration(r.aor(), r.id(), RegInfo.RegistrationState.ACTIVE, contacts));
        }
        return out;
    }

    /** A contact of a second device, new to every watcher. */
    static RegInfo.Contact secondDevice(RegInfo.ContactEvent event) {
        return new RegInfo.Contact("second-device", event.isActive() ? RegInfo.ContactState.ACTIVE
                : RegInfo.ContactState.TERMINATED, event, "sip:second@10.0.0.2:5060", Optional.empty(),
                event.isActive() ? OptionalLong.of(3600) : OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.of("second-call"), OptionalLong.of(7), List.of());
    }

    static RegInfo.Contact with(RegInfo.Contact c, RegInfo.ContactEvent event, long cseq) {
        return new RegInfo.Contact(c.id(), event.isActive() ? RegInfo.ContactState.ACTIVE
                : RegInfo.ContactState.TERMINATED, event, c.uri(), c.displayName(),
                event.isActive() ? c.expires() : OptionalLong.empty(), c.retryAfter(), c.durationRegistered(), c.q(),
                c.callId(), OptionalLong.of(cseq), c.unknownParams());
    }

    private static List<RegInfo.Registration> eachContact(List<RegInfo.Registration> state,
                                                          UnaryOperator<RegInfo.Contact> change) {
        return state.stream().map(r -> new RegInfo.Registration(r.aor(), r.id(), r.state(),
                r.contacts().stream().map(change).toList())).toList();
    }
}
