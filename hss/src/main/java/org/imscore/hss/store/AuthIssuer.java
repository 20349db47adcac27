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

  /**
   * What the issuer hands out, the SQN_HE the store keeps from now on, and a registration change to
   * store with it (null for none; see {@link HssStore#authenticate}).
   */
  record Issued<T>(T result, long sqn, RegistrationChange registration) {

    public Issued(T result, long sqn) {
      this(result, sqn, null);
    }
  }
}
