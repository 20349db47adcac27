package org.imscore.cscf.cx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.imscore.cscf.ifc.IfcXml;
import org.imscore.cscf.ifc.ProfileCriteria;
import org.imscore.cscf.xml.Stax;

/**
 * Reads the Cx User-Data document (TS 29.228 Annex E, CxDataType): {@code IMSSubscription/PrivateID} and the
 * {@code PublicIdentity} elements and the initial filter criteria of each {@code ServiceProfile} (the criteria with
 * {@link IfcXml#criteriaByProfile}, so a malformed criterion leaves the profile usable without its services). Real
 * HSSs send it without a namespace; one is tolerated. DTDs and external entities are refused: the document comes
 * from the network.
 */
public final class UserProfileXml {

    private UserProfileXml() {
    }

    /**
     * Parses a user profile.
     *
     * @throws IllegalArgumentException naming what is wrong when the text is not a usable IMSSubscription
     */
    public static UserProfile parse(String xml) {
        try {
            XMLStreamReader r = Stax.reader(xml);
            try {
                return withCriteria(read(r), IfcXml.criteriaByProfile(xml));
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("User-Data is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /**
     * Gives each service profile its criteria. The list ends at the first unreadable profile: the ones after it are
     * unreadable for the same reason, as they were never reached.
     */
    private static UserProfile withCriteria(UserProfile profile, List<ProfileCriteria> criteria) {
        List<UserProfile.ServiceProfile> profiles = new ArrayList<>();
        ProfileCriteria last = ProfileCriteria.NONE;
        for (int i = 0; i < profile.serviceProfiles().size(); i++) {
            last = i < criteria.size() ? criteria.get(i)
                    : last instanceof ProfileCriteria.Unreadable ? last : ProfileCriteria.NONE;
            profiles.add(profile.serviceProfiles().get(i).withCriteria(last));
        }
        return new UserProfile(profile.privateIdentity(), profiles);
    }

    private static UserProfile read(XMLStreamReader r) throws XMLStreamException {
        r.nextTag();
        if (!r.getLocalName().equals("IMSSubscription")) {
            throw new IllegalArgumentException("User-Data root is <" + r.getLocalName() + ">, not <IMSSubscription>");
        }
        String privateId = null;
        List<UserProfile.ServiceProfile> profiles = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "PrivateID" -> privateId = r.getElementText().strip();
                case "ServiceProfile" -> profiles.add(serviceProfile(r));
                default -> Stax.skip(r);
            }
        }
        if (privateId == null || privateId.isEmpty()) {
            throw new IllegalArgumentException("User-Data has no PrivateID");
        }
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("User-Data has no ServiceProfile");
        }
        return new UserProfile(privateId, profiles);
    }

    private static UserProfile.ServiceProfile serviceProfile(XMLStreamReader r) throws XMLStreamException {
        List<UserProfile.PublicIdentity> ids = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (r.getLocalName().equals("PublicIdentity")) {
                ids.add(publicIdentity(r));
            } else {
                Stax.skip(r);
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("ServiceProfile without PublicIdentity");
        }
        return new UserProfile.ServiceProfile(ids);
    }

    private static UserProfile.PublicIdentity publicIdentity(XMLStreamReader r) throws XMLStreamException {
        String identity = null;
        boolean barred = false;
        int[] type = {0};
        String[] display = {null};
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "Identity" -> identity = r.getElementText().strip();
                case "BarringIndication" -> barred = Stax.bool(r.getElementText(), "BarringIndication");
                case "Extension" -> extension(r, type, display);
                default -> Stax.skip(r);
            }
        }
        if (identity == null || identity.isEmpty()) {
            throw new IllegalArgumentException("PublicIdentity without Identity");
        }
        return new UserProfile.PublicIdentity(identity, barred, type[0], Optional.ofNullable(display[0]));
    }

    /** PublicIdentity/Extension: IdentityType, and DisplayName one Extension level further down (Rel-7). */
    private static void extension(XMLStreamReader r, int[] type, String[] display) throws XMLStreamException {
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "IdentityType" -> {
                    String t = r.getElementText().strip();
                    try {
                        type[0] = Integer.parseInt(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("IdentityType is not a number: " + t);
                    }
                }
                case "DisplayName" -> display[0] = r.getElementText().strip();
                case "Extension" -> extension(r, type, display);
                default -> Stax.skip(r);
            }
        }
    }

}
