package org.imscore.cscf.scscf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.imscore.cscf.regevent.RegInfo.ContactEvent;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.NameAddress;

/**
 * Applies the Contacts of a REGISTER to the bindings of a public identity (RFC 3261 §10.3 step 7, RFC 5626 §6):
 * expires 0 removes, a known contact is refreshed (keeping its id and registration time), a new one is added.
 * Bindings already past their expiry are dropped first.
 */
final class ContactMerge {

    /** The bindings after the REGISTER, and the ones it removed. */
    record Result(List<ContactBinding> contacts, List<ContactBinding> removed) {
    }

    private ContactMerge() {
    }

    /**
     * @param path the REGISTER's Path, as the instance the registrar shares among the bindings with that Path
     */
    static Result apply(List<ContactBinding> existing, RegisterRequest reg, List<NameAddress> path, Instant now,
                        LongSupplier ids) {
        List<ContactBinding> current = new ArrayList<>(existing.stream().filter(b -> b.activeAt(now)).toList());
        List<ContactBinding> removed = new ArrayList<>();
        if (reg.removeAll()) {
            removed.addAll(current);
            return new Result(List.of(), removed);
        }
        String callId = reg.request().callId();
        long cseq = reg.request().cseq().number();
        for (RegisterRequest.RequestedContact rc : reg.contacts()) {
            Contact c = rc.contact();
            int at = indexOf(current, c);
            if (rc.expires() == 0) {
                if (at >= 0) {
                    removed.add(current.remove(at));
                }
                continue;
            }
            Instant expiresAt = now.plusSeconds(rc.expires());
            var stored = c.address().withoutParameter("expires");
            if (at >= 0) {
                ContactBinding old = current.get(at);
                current.set(at, new ContactBinding(old.id(), stored, expiresAt, old.registeredAt(), callId, cseq,
                        path, ContactEvent.REFRESHED));
            } else {
                current.add(new ContactBinding(ids.getAsLong(), stored, expiresAt, now, callId, cseq, path,
                        ContactEvent.REGISTERED));
            }
        }
        return new Result(List.copyOf(current), List.copyOf(removed));
    }

    private static int indexOf(List<ContactBinding> bindings, Contact c) {
        for (int i = 0; i < bindings.size(); i++) {
            if (bindings.get(i).matches(c)) {
                return i;
            }
        }
        return -1;
    }
}
