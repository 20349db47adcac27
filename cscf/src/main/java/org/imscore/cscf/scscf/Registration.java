package org.imscore.cscf.scscf;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.cscf.state.Token;

/**
 * The registration state of one public identity at this S-CSCF. Every identity of an implicit registration set
 * has its own record with the same contacts (TS 24.229 §5.4.1.2.2: the contacts are bound to each of them).
 * Immutable, so thread-safe.
 *
 * <p>Held for every registered identity, so in its smallest form for the usual case: the IMPI is not held when the
 * profile's is the same (the profile holds, or derives, it), one contact is held without a list, and the id is a
 * {@link Token} held as a number.
 */
public final class Registration {

    private final String publicIdentity;
    /** Null when it is the profile's private identity. */
    private final String privateIdentity;
    /** The reg-event registration id, written by {@link #idText()}. */
    private final long id;
    /** The only contact, or null when there are several (or none). */
    private final ContactBinding onlyContact;
    /** Every contact when there is not exactly one; else null. */
    private final List<ContactBinding> contacts;
    private final UserProfile profile;

    /**
     * @param publicIdentity  the IMPU as the profile writes it
     * @param privateIdentity the IMPI that registered it
     * @param id              stable id for reg-event documents (a {@link Token})
     * @param profile         the user profile of the implicit set (from the SAA)
     */
    public Registration(String publicIdentity, String privateIdentity, long id, List<ContactBinding> contacts,
                        UserProfile profile) {
        this.publicIdentity = Objects.requireNonNull(publicIdentity, "publicIdentity");
        this.id = id;
        this.profile = Objects.requireNonNull(profile, "profile");
        this.privateIdentity = Objects.requireNonNull(privateIdentity, "privateIdentity")
                .equals(profile.privateIdentity()) ? null : privateIdentity;
        List<ContactBinding> all = List.copyOf(contacts);
        this.onlyContact = all.size() == 1 ? all.get(0) : null;
        this.contacts = all.size() == 1 ? null : all;
    }

    /** The IMPU as the profile writes it. */
    public String publicIdentity() {
        return publicIdentity;
    }

    /** The IMPI that registered it. */
    public String privateIdentity() {
        return privateIdentity != null ? privateIdentity : profile.privateIdentity();
    }

    /** Stable id for reg-event documents. */
    public long id() {
        return id;
    }

    /** The id as reg-event documents write it. */
    public String idText() {
        return Token.text(id);
    }

    public List<ContactBinding> contacts() {
        return onlyContact != null ? List.of(onlyContact) : contacts;
    }

    /** The user profile of the implicit set (from the SAA). */
    public UserProfile profile() {
        return profile;
    }

    public boolean isBarred() {
        return profile.find(publicIdentity).map(UserProfile.PublicIdentity::barred).orElse(false);
    }

    /** The identities registered together with this one, in profile order. */
    public List<String> implicitSet() {
        return profile.publicIdentities().stream().map(UserProfile.PublicIdentity::identity).toList();
    }

    /**
     * Whether a contact has expired at {@code now}: what the periodic expiry scan asks of every registration, so it
     * makes no list to answer.
     */
    public boolean hasExpiredContact(Instant now) {
        if (onlyContact != null) {
            return !onlyContact.activeAt(now);
        }
        for (ContactBinding c : contacts) {
            if (!c.activeAt(now)) {
                return true;
            }
        }
        return false;
    }

    public List<ContactBinding> activeContacts(Instant now) {
        return contacts().stream().filter(c -> c.activeAt(now)).toList();
    }

    public Registration withContacts(List<ContactBinding> newContacts) {
        return new Registration(publicIdentity, privateIdentity(), id, newContacts, profile);
    }

    /** With {@code newProfile}, which then holds (or derives) the IMPI when it is the same. */
    public Registration withProfile(UserProfile newProfile) {
        return new Registration(publicIdentity, privateIdentity(), id, contacts(), newProfile);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registration r && publicIdentity.equals(r.publicIdentity)
                && privateIdentity().equals(r.privateIdentity()) && id == r.id
                && contacts().equals(r.contacts()) && profile.equals(r.profile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(publicIdentity, id, contacts());
    }

    @Override
    public String toString() {
        return "Registration[publicIdentity=" + publicIdentity + ", privateIdentity=" + privateIdentity() + ", id="
                + idText() + ", contacts=" + contacts() + ", profile=" + profile + "]";
    }
}
