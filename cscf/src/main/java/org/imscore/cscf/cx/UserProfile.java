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
 * SAA arrives; the document itself is not kept (an S-CSCF holds one profile per registered user). Immutable, so
 * thread-safe.
 *
 * <p>For a registration the HSS sends the profiles of the whole implicit registration set (TS 29.228 §6.1.2), so
 * the public identities of the document, in order, are that set.
 *
 * <p>Held for every registered user, so in its smallest form for the usual profile: one service profile is held
 * without a list, and the private identity is not held when it is the first public identity without its
 * {@code sip:} (the temporary public identity of TS 23.003 §13.4B is made that way, and imported subscribers
 * have their IMPU so); {@link #privateIdentity()} then derives it.
 */
public final class UserProfile {

    private static final String SIP = "sip:";

    /** Null when derived from the first public identity (see above). */
    private final String privateIdentity;
    /** The only service profile, or null when there are several (or none). */
    private final ServiceProfile onlyProfile;
    /** Every service profile when there is not exactly one; else null. */
    private final List<ServiceProfile> serviceProfiles;

    public UserProfile(String privateIdentity, List<ServiceProfile> serviceProfiles) {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        List<ServiceProfile> profiles = List.copyOf(serviceProfiles);
        this.onlyProfile = profiles.size() == 1 ? profiles.get(0) : null;
        this.serviceProfiles = profiles.size() == 1 ? null : profiles;
        String derived = derivedPrivateIdentity(profiles);
        this.privateIdentity = privateIdentity.equals(derived) ? null : privateIdentity;
    }

    private static String derivedPrivateIdentity(List<ServiceProfile> profiles) {
        if (profiles.isEmpty() || profiles.get(0).publicIdentities().isEmpty()) {
            return null;
        }
        String first = profiles.get(0).publicIdentities().get(0).identity();
        return first.startsWith(SIP) ? first.substring(SIP.length()) : null;
    }

    public String privateIdentity() {
        return privateIdentity != null ? privateIdentity : derivedPrivateIdentity(serviceProfiles());
    }

    public List<ServiceProfile> serviceProfiles() {
        return onlyProfile != null ? List.of(onlyProfile) : serviceProfiles;
    }

    /**
     * One {@code ServiceProfile}: the identities sharing it and its filter criteria. Immutable; one identity (the
     * usual case) is held without a list.
     */
    public static final class ServiceProfile {

        /** The only identity, or null when there are several (or none). */
        private final PublicIdentity onlyIdentity;
        /** Every identity when there is not exactly one; else null. */
        private final List<PublicIdentity> publicIdentities;
        private final ProfileCriteria criteria;

        public ServiceProfile(List<PublicIdentity> publicIdentities, ProfileCriteria criteria) {
            List<PublicIdentity> identities = List.copyOf(publicIdentities);
            this.onlyIdentity = identities.size() == 1 ? identities.get(0) : null;
            this.publicIdentities = identities.size() == 1 ? null : identities;
            this.criteria = Objects.requireNonNull(criteria, "criteria");
        }

        /** A profile without filter criteria. */
        public ServiceProfile(List<PublicIdentity> publicIdentities) {
            this(publicIdentities, ProfileCriteria.NONE);
        }

        public List<PublicIdentity> publicIdentities() {
            return onlyIdentity != null ? List.of(onlyIdentity) : publicIdentities;
        }

        public ProfileCriteria criteria() {
            return criteria;
        }

        /** The same identities with {@code shared} criteria (equal ones, held once for many users). */
        public ServiceProfile withCriteria(ProfileCriteria shared) {
            return new ServiceProfile(publicIdentities(), shared);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ServiceProfile p && publicIdentities().equals(p.publicIdentities())
                    && criteria.equals(p.criteria);
        }

        @Override
        public int hashCode() {
            return Objects.hash(publicIdentities(), criteria);
        }

        @Override
        public String toString() {
            return "ServiceProfile[publicIdentities=" + publicIdentities() + ", criteria=" + criteria + "]";
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
        if (onlyProfile != null) {
            return onlyProfile.publicIdentities();
        }
        List<PublicIdentity> all = new ArrayList<>();
        serviceProfiles.forEach(p -> all.addAll(p.publicIdentities()));
        return all;
    }

    public Optional<PublicIdentity> find(String identity) {
        String key = Identities.key(identity);
        for (ServiceProfile p : serviceProfiles()) {
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
        for (ServiceProfile p : serviceProfiles()) {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof UserProfile p && privateIdentity().equals(p.privateIdentity())
                && serviceProfiles().equals(p.serviceProfiles());
    }

    @Override
    public int hashCode() {
        return Objects.hash(privateIdentity(), serviceProfiles());
    }

    @Override
    public String toString() {
        return "UserProfile[privateIdentity=" + privateIdentity() + ", serviceProfiles=" + serviceProfiles() + "]";
    }
}
