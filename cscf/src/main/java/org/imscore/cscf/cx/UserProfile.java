package org.imscore.cscf.cx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The IMS user profile of an SAA (TS 29.228 Annex E {@code IMSSubscription}): the private identity and, per service
 * profile, its public identities. The document as received is kept in {@code xml} for the iFC evaluation that reads
 * the filter criteria.
 *
 * <p>For a registration the HSS sends the profiles of the whole implicit registration set (TS 29.228 §6.1.2), so
 * the public identities of the document, in order, are that set.
 */
public record UserProfile(String privateIdentity, List<ServiceProfile> serviceProfiles, String xml) {

    public UserProfile {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        serviceProfiles = List.copyOf(serviceProfiles);
        Objects.requireNonNull(xml, "xml");
    }

    /** One {@code ServiceProfile}: the identities sharing it (iFCs stay in the XML). */
    public record ServiceProfile(List<PublicIdentity> publicIdentities) {

        public ServiceProfile {
            publicIdentities = List.copyOf(publicIdentities);
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
        List<PublicIdentity> all = new ArrayList<>();
        serviceProfiles.forEach(p -> all.addAll(p.publicIdentities()));
        return all;
    }

    public Optional<PublicIdentity> find(String identity) {
        String key = Identities.key(identity);
        return publicIdentities().stream().filter(p -> Identities.key(p.identity()).equals(key)).findFirst();
    }

    /** The identities the UE may use, in document order: P-Associated-URI (TS 24.229 §5.4.1.2.2 item g). */
    public List<String> unbarredIdentities() {
        return publicIdentities().stream().filter(p -> !p.barred()).map(PublicIdentity::identity).toList();
    }
}
