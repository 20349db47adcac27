package org.imscore.hss.provisioning;

import java.util.Objects;

/**
 * Why one subscriber of a batch cannot be created.
 *
 * @param index its position in the batch, from 0
 * @param impi its private identity as given (may be null when the input had none)
 * @param kind INVALID for a bad value or a duplicate inside the batch, CONFLICT for an identity
 *     already provisioned
 * @param message what to fix
 */
public record BatchProblem(int index, String impi, ProvisioningException.Kind kind, String message) {

  public BatchProblem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
