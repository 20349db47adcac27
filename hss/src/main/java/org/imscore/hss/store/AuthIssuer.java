package org.imscore.hss.store;

import org.imscore.hss.subscriber.AuthCredentials;

/**
 * Computes authentication material from a subscriber's credentials and SQN_HE while the store
 * holds the subscriber's row lock; see {@link HssStore#issueAuthentication}.
 */
@FunctionalInterface
public interface AuthIssuer<T> {

  /**
   * @param lastSqn the SQN of the last vector handed out
   * @return the material and the SQN to store (the last one it used)
   */
  Issued<T> issue(AuthCredentials credentials, long lastSqn);

  /** What the issuer hands out and the SQN_HE the store keeps from now on. */
  record Issued<T>(T result, long sqn) {}
}
