package org.imscore.cscf.cx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful SAA (TS 29.228 §6.1.2.2).
 *
 * @param profile              the user profile from User-Data; absent for de-registrations or when the S-CSCF
 *                             said it already had it
 * @param associatedIdentities other IMPIs sharing the IMPU (Associated-Identities)
 */
public record ServerAssignmentAnswer(Optional<String> privateIdentity, Optional<UserProfile> profile,
                                     List<String> associatedIdentities) {

    public ServerAssignmentAnswer {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        Objects.requireNonNull(profile, "profile");
        associatedIdentities = List.copyOf(associatedIdentities);
    }
}
