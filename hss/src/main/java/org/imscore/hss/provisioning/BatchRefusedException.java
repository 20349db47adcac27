package org.imscore.hss.provisioning;

import java.util.List;

/**
 * A batch of subscribers refused as a whole: nothing of it was written. The problems are in batch
 * order, one per subscriber that cannot be created.
 */
public final class BatchRefusedException extends RuntimeException {

  private final List<BatchProblem> problems;

  public BatchRefusedException(int size, List<BatchProblem> problems) {
    super(summary(size, problems));
    this.problems = List.copyOf(problems);
  }

  public List<BatchProblem> problems() {
    return problems;
  }

  /** CONFLICT when every problem is an identity already provisioned, else INVALID. */
  public ProvisioningException.Kind kind() {
    return problems.stream().allMatch(p -> p.kind() == ProvisioningException.Kind.CONFLICT)
        ? ProvisioningException.Kind.CONFLICT
        : ProvisioningException.Kind.INVALID;
  }

  private static String summary(int size, List<BatchProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refused batch has at least one problem");
    }
    BatchProblem first = problems.get(0);
    return problems.size() + " of " + size + " subscribers cannot be created, so none was: first, item "
        + first.index() + (first.impi() == null ? "" : " (" + first.impi() + ")") + ": " + first.message();
  }
}
