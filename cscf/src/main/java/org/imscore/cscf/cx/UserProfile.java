package org.imscore.cscf.cx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.imscore.cscf.ifc.FilterCriterion;
import org.imscore.cscf.ifc.ProfileCriteria;

/**
 * The IMS user profile of an SAA (TS 29.228 Annex E {@code IMSSubscription}): the private identity and, per service
 * profile, its public identities and initial filter criteria. The criteria are read from the document once, when the
 * SAA arrives; the document itself is not kept (an S-CSCF holds one profile per registered user).
 *
 * <p>For a registration the HSS sends the profiles of the whole implicit registration set (TS 29.228 §6.1.2), so
 * the public identities of the document, in order, are that set.
 */
public record UserProfile(String privateIdentity, List<ServiceProfile> serviceProfiles) {

    public UserProfile {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        serviceProfiles = List.copyOf(serviceProfiles);
    }

    /** One {@code ServiceProfile}: the identities sharing it and its filter criteria. */
    public record ServiceProfile(List<PublicIdentity> publicIdentities, ProfileCriteria criteria) {

        public ServiceProfile {
            publicIdentities = List.copyOf(publicIdentities);
            Objects.requireNonNull(criteria, "criteria");
        }

        /** A profile without filter criteria. */
        public ServiceProfile(List<PublicIdentity> publicIdentities) {
            this(publicIdentities, ProfileCriteria.NONE);
        }

        /** The same identities with {@code shared} criteria (equal ones, held once for many users). */
        public ServiceProfile withCriteria(ProfileCriteria shared) {
            return new ServiceProfile(publicIdentities, shared);
        }
    }

    /**
     * One {@code PublicIdentity}.
     *
     * @param identity     the sip:/tel: URI as written
     * @param barred       BarringIndication 1: may register, may not originate or receive (TS 23.228 §4.3.3)
     * @param identityType 0 public user identity, 1 distinct PSI, 2 wildcarded PSI, 3 wildcarded IMPU
     */
    public record PublicIdentity(String identity, boolean barred, int identityType, Optional<String> displayName) {

        public PublicIdentity {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    /** Every public identity in document order: the implicit registration set. */
    public List<PublicIdentity> publicIdentities() {
        if (serviceProfiles.size() == 1) {
            return serviceProfiles.get(0).publicIdentities();
        }
        List<PublicIdentity> all = new ArrayList<>();
        serviceProfiles.forEach(p -> all.addAll(p.publicIdentities()));
        return all;
    }

    public Optional<PublicIdentity> find(String identity) {
        String key = Identities.key(identity);
        for (ServiceProfile p : serviceProfiles) {
            for (PublicIdentity i : p.publicIdentities()) {
                if (Identities.key(i.identity()).equals(key)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    /** The identities the UE may use, in document order: P-Associated-URI (TS 24.229 §5.4.1.2.2 item g). */
    public List<String> unbarredIdentities() {
        return publicIdentities().stream().filter(p -> !p.barred()).map(PublicIdentity::identity).toList();
    }

    /**
     * The filter criteria of the service profile holding {@code publicIdentity} (TS 29.228 Annex B.2.2); empty when
     * no profile holds it. Profiles are looked at in document order, so unreadable criteria of a profile before the
     * one holding the identity make it unreadable too.
     *
     * @throws IllegalArgumentException with the reason when those criteria could not be read
     */
    public List<FilterCriterion> criteriaFor(String publicIdentity) {
        String key = Identities.key(publicIdentity);
        for (ServiceProfile p : serviceProfiles) {
            boolean holds = p.publicIdentities().stream().anyMatch(i -> Identities.key(i.identity()).equals(key));
            switch (p.criteria()) {
                case ProfileCriteria.Unreadable u -> throw new IllegalArgumentException(u.reason());
                case ProfileCriteria.Readable r -> {
                    if (holds) {
                        return r.criteria();
                    }
                }
            }
        }
        return List.of();
    }
}
