package org.imscore.cscf.ifc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;

/**
 * A trigger point (TS 29.228 Annex C): service point triggers grouped by their Group number. With
 * ConditionTypeCNF the groups are ORs of their SPTs joined by AND (conjunctive normal form); otherwise they are
 * ANDs joined by OR (disjunctive normal form). An SPT may sit in several groups, which the XML writes as several
 * Group elements; here that is several SPTs.
 */
public record TriggerPoint(boolean cnf, List<Spt> spts) {

    public TriggerPoint {
        spts = List.copyOf(spts);
        if (spts.isEmpty()) {
            throw new IllegalArgumentException("TriggerPoint without SPT");
        }
    }

    public boolean matches(TriggerInput input) {
        Map<Integer, List<Spt>> groups = new TreeMap<>();
        for (Spt spt : spts) {
            groups.computeIfAbsent(spt.group(), g -> new ArrayList<>()).add(spt);
        }
        if (cnf) {
            return groups.values().stream().allMatch(clause -> clause.stream().anyMatch(s -> s.matches(input)));
        }
        return groups.values().stream().anyMatch(clause -> clause.stream().allMatch(s -> s.matches(input)));
    }
}
