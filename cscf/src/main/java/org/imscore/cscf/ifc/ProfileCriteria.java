package org.imscore.cscf.ifc;

import java.util.List;
import java.util.Objects;

/**
 * The initial filter criteria of one service profile, read once from the Cx User-Data when the SAA arrives
 * (TS 29.228 Annex B.2.2), or why they could not be read. A user whose criteria are unreadable is still registered
 * and gets the basic service: the S-CSCF cannot tell which application servers were meant, and says so on each
 * request it serves for that user.
 */
public sealed interface ProfileCriteria {

    /** A service profile without criteria. */
    ProfileCriteria NONE = new Readable(List.of());

    /** The criteria as written, in document order. */
    record Readable(List<FilterCriterion> criteria) implements ProfileCriteria {
        public Readable {
            criteria = List.copyOf(criteria);
        }
    }

    /** The criteria of this profile (or of one before it in the document) are malformed. */
    record Unreadable(String reason) implements ProfileCriteria {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
