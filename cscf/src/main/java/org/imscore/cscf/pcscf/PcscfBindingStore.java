package org.imscore.cscf.pcscf;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Uri;

/** The P-CSCF's registered UEs. Lookups are by contact, flow or host, each in the order bindings were added. */
public interface PcscfBindingStore {

    /** Adds or replaces the binding of this contact (a binding of an equivalent contact goes, whatever its source). */
    void put(PcscfBinding binding);

    /** Removes the binding of this contact (any source); false when there was none. */
    boolean remove(Uri contact);

    /** The binding of a contact equivalent to this one (RFC 3261 §19.1.4), expired or not. */
    Optional<PcscfBinding> ofContact(Uri contact);

    /** Bindings whose REGISTER came from exactly this flow (transport, address and port): a copy. */
    List<PcscfBinding> fromSource(Endpoint source);

    /** Bindings whose REGISTER came from this host (any port: TCP connections change ports): a copy. */
    List<PcscfBinding> fromHost(String host);

    /** Whether a REGISTER came from exactly this flow. */
    boolean hasSource(Endpoint source);

    /**
     * The first binding of this flow that {@code test} accepts. Many UEs may share one flow (UEs behind an SBC or a
     * NAT, a test tool playing thousands): the lookup stops at the first match instead of copying them all.
     */
    Optional<PcscfBinding> firstFromSource(Endpoint source, Predicate<PcscfBinding> test);

    /** As {@link #firstFromSource}, over the bindings of a host (any port). */
    Optional<PcscfBinding> firstFromHost(String host, Predicate<PcscfBinding> test);

    /** How many bindings came from this host. */
    int countFromHost(String host);

    List<PcscfBinding> all();
}
