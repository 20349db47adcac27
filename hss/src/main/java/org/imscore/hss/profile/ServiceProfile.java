package org.imscore.hss.profile;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A service profile (TS 29.228 Annex B.2): the initial filter criteria that apply to the public
 * identities that share it. Identities name their profile; the profile does not list them, so an
 * identity can move between profiles without rewriting either.
 */
public record ServiceProfile(String name, List<InitialFilterCriterion> initialFilterCriteria) {

  public static final String DEFAULT_NAME = "default";

  public ServiceProfile {
    Objects.requireNonNull(name, "name");
    initialFilterCriteria =
        initialFilterCriteria.stream()
            .sorted(Comparator.comparingInt(InitialFilterCriterion::priority))
            .toList();
  }

  public static ServiceProfile empty(String name) {
    return new ServiceProfile(name, List.of());
  }
}
