package org.imscore.testkit.ue;

import java.util.List;
import java.util.Objects;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipResponse;

/**
 * What a 2xx to REGISTER told the UE (RFC 3261 §10.3 step 8, RFC 3608, RFC 7315 §4.1).
 *
 * @param expires        seconds granted to our contact: its {@code expires} parameter, else the Expires header
 * @param serviceRoutes  Service-Route, in order: the preloaded Route of later requests (RFC 3608 §6)
 * @param associatedUris P-Associated-URI: the identities registered with ours, the default one first
 * @param contacts       every binding the registrar holds for the AOR
 * @param paths          Path as returned (RFC 3327 §5.3)
 * @param response       the 2xx itself
 */
public record Registration(long expires, List<NameAddress> serviceRoutes, List<NameAddress> associatedUris,
                           List<Contact> contacts, List<NameAddress> paths, SipResponse response) {

    public Registration {
        serviceRoutes = List.copyOf(serviceRoutes);
        associatedUris = List.copyOf(associatedUris);
        contacts = List.copyOf(contacts);
        paths = List.copyOf(paths);
        Objects.requireNonNull(response, "response");
    }

    /** Reads a 2xx to a REGISTER whose Contact was {@code ours} (matched by +sip.instance, else by URI). */
    static Registration from(SipResponse ok, Contact ours) {
        List<Contact> contacts = ok.contacts();
        long expires = contacts.stream()
                .filter(c -> !c.isWildcard() && sameBinding(c, ours))
                .filter(c -> c.expires().isPresent())
                .mapToLong(c -> c.expires().getAsLong())
                .findFirst()
                .orElse(ok.header(HeaderType.EXPIRES).orElse(0L));
        return new Registration(expires, ok.headers(HeaderType.SERVICE_ROUTE),
                ok.headers(HeaderType.P_ASSOCIATED_URI), contacts, ok.headers(HeaderType.PATH), ok);
    }

    private static boolean sameBinding(Contact c, Contact ours) {
        if (ours.instance().isPresent() && c.instance().isPresent()) {
            return ours.instance().equals(c.instance());
        }
        return c.address().uri().equals(ours.address().uri());
    }
}
