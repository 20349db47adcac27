package org.imscore.cscf.ifc;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Walks the filter criteria of a served user in priority order (TS 23.218 §6.4): the first one whose trigger point
 * matches after the last one already used decides the next AS. The request that comes back from an AS is checked
 * again against the remaining criteria only, so the S-CSCF keeps the priority of the last criterion it acted on.
 */
public final class IfcEvaluator {

    private final List<FilterCriterion> criteria;

    /** @param criteria the criteria of the served user's service profile, in any order */
    public IfcEvaluator(List<FilterCriterion> criteria) {
        this.criteria = criteria.stream().sorted(Comparator.comparingInt(FilterCriterion::priority)).toList();
    }

    /** All criteria, lowest priority value first. */
    public List<FilterCriterion> criteria() {
        return criteria;
    }

    /** The first matching criterion of all. */
    public Optional<FilterCriterion> first(TriggerInput input) {
        return criteria.stream().filter(c -> c.matches(input)).findFirst();
    }

    /** The first matching criterion with a priority value above {@code afterPriority}. */
    public Optional<FilterCriterion> next(TriggerInput input, int afterPriority) {
        return criteria.stream().filter(c -> c.priority() > afterPriority).filter(c -> c.matches(input)).findFirst();
    }

    /** Every matching criterion in the order the S-CSCF would visit them (when every AS proxies the request). */
    public List<FilterCriterion> matching(TriggerInput input) {
        return criteria.stream().filter(c -> c.matches(input)).toList();
    }
}
