package org.imscore.cscf.scscf;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the S-CSCF keeps registrations, keyed by {@link org.imscore.cscf.cx.Identities#key} of the public identity.
 * In memory for one S-CSCF; a shared store (Redis) lets another S-CSCF take over.
 */
public interface BindingStore {

    Optional<Registration> find(String publicIdentityKey);

    void put(Registration registration);

    void remove(String publicIdentityKey);

    /** Every registration of a private identity (for an RTR naming only the IMPI). */
    List<Registration> byPrivateIdentity(String privateIdentity);

    /** Registrations with at least one contact expiring at or before {@code now}. */
    List<Registration> withExpiredContacts(Instant now);
}
