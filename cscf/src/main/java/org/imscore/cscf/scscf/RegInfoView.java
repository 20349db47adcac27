package org.imscore.cscf.scscf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.cscf.state.Token;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.uri.Parameter;

/** Registrations as reg-event documents report them (RFC 3680 §5.3, TS 24.229 §5.4.2.1.2). */
final class RegInfoView {

    private RegInfoView() {
    }

    /**
     * One {@code <registration>}: the active contacts with the event that last touched them, then the contacts just
     * removed, terminated with {@code removedEvent}. No active contact left means state terminated.
     */
    static RegInfo.Registration registration(String aor, long id, List<ContactBinding> active,
                                             List<ContactBinding> removed, RegInfo.ContactEvent removedEvent,
                                             Instant now) {
        List<RegInfo.Contact> contacts = new ArrayList<>();
        active.forEach(b -> contacts.add(contact(b, b.lastEvent(), now)));
        removed.forEach(b -> contacts.add(contact(b, removedEvent, now)));
        RegInfo.RegistrationState state = active.isEmpty() ? RegInfo.RegistrationState.TERMINATED
                : RegInfo.RegistrationState.ACTIVE;
        return new RegInfo.Registration(aor, Token.text(id), state, contacts);
    }

    static RegInfo.Contact contact(ContactBinding b, RegInfo.ContactEvent event, Instant now) {
        List<RegInfo.UnknownParam> params = new ArrayList<>();
        Optional<String> q = Optional.empty();
        NameAddress contact = b.contact();
        for (Parameter p : contact.parameters().asList()) {
            if (p.name().equalsIgnoreCase("q")) {
                q = Optional.ofNullable(p.value());
                continue;
            }
            // Quoted values keep their quotes, as the captured S-CSCF writes them: "<urn:gsma:imei:...>".
            String v = p.value() == null ? "" : p.quoted() ? "\"" + p.value() + "\"" : p.value();
            params.add(new RegInfo.UnknownParam(p.name(), v));
        }
        boolean active = event.isActive();
        return new RegInfo.Contact(b.idText(), active ? RegInfo.ContactState.ACTIVE : RegInfo.ContactState.TERMINATED,
                event, b.uriText(), Optional.ofNullable(contact.displayName()),
                active ? OptionalLong.of(b.secondsLeft(now)) : OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.of(b.secondsRegistered(now)), q,
                Optional.of(b.callId()), OptionalLong.of(b.cseq()), params);
    }
}
