package org.imscore.cscf.ifc;

import java.util.Objects;
import java.util.Optional;

/**
 * One InitialFilterCriteria (TS 29.228 Annex B.2.2). Without a trigger point the criterion matches every initial
 * request (TS 29.228 Annex C: "an iFC without a TriggerPoint is unconditional").
 *
 * @param priority lower is evaluated first; unique within a service profile
 */
public record FilterCriterion(int priority, Optional<TriggerPoint> triggerPoint, ApplicationServer applicationServer) {

    public FilterCriterion {
        Objects.requireNonNull(triggerPoint, "triggerPoint");
        Objects.requireNonNull(applicationServer, "applicationServer");
    }

    /** Whether the request triggers this criterion. */
    public boolean matches(TriggerInput request) {
        return triggerPoint.map(tp -> tp.matches(request)).orElse(true);
    }
}
