package org.imscore.cscf.scscf;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.imscore.cscf.cx.UserProfile;

/**
 * The registration state of one public identity at this S-CSCF. Every identity of an implicit registration set
 * has its own record with the same contacts (TS 24.229 §5.4.1.2.2: the contacts are bound to each of them).
 *
 * @param publicIdentity  the IMPU as the profile writes it
 * @param privateIdentity the IMPI that registered it
 * @param id              stable id for reg-event documents
 * @param profile         the user profile of the implicit set (from the SAA)
 */
public record Registration(String publicIdentity, String privateIdentity, String id, List<ContactBinding> contacts,
                           UserProfile profile) {

    public Registration {
        Objects.requireNonNull(publicIdentity, "publicIdentity");
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        Objects.requireNonNull(id, "id");
        contacts = List.copyOf(contacts);
        Objects.requireNonNull(profile, "profile");
    }

    public boolean isBarred() {
        return profile.find(publicIdentity).map(UserProfile.PublicIdentity::barred).orElse(false);
    }

    /** The identities registered together with this one, in profile order. */
    public List<String> implicitSet() {
        return profile.publicIdentities().stream().map(UserProfile.PublicIdentity::identity).toList();
    }

    public List<ContactBinding> activeContacts(Instant now) {
        return contacts.stream().filter(c -> c.activeAt(now)).toList();
    }

    public Registration withContacts(List<ContactBinding> newContacts) {
        return new Registration(publicIdentity, privateIdentity, id, newContacts, profile);
    }

    /** With {@code newProfile}, whose text of the IMPI (when the same) is then the one held. */
    public Registration withProfile(UserProfile newProfile) {
        String impi = newProfile.privateIdentity().equals(privateIdentity) ? newProfile.privateIdentity()
                : privateIdentity;
        return new Registration(publicIdentity, impi, id, contacts, newProfile);
    }
}
