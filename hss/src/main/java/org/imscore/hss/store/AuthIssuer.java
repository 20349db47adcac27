package org.imscore.hss.store;

import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.Subscriber;

/**
 * Decides which SQNs a subscriber's authentication material takes, from its credentials and the last SQN handed
 * out; see {@link HssStore#issueAuthentication}. The store may call it more than once for one request (when another
 * request took SQNs meanwhile, or when what it decided needs the database after all) and keeps the last call's
 * decision only, so it must decide from its arguments alone and do nothing it could not do again. Work that costs
 * (the vectors' cryptography) is best done with the SQNs it returns, after the store returned them.
 */
@FunctionalInterface
public interface AuthIssuer<T> {

  /**
   * @param lastSqn the SQN of the last vector handed out: the one kept in memory, or the stored mark when none is
   *     (after a restart, when the subscriber's is forgotten, after a provisioning change)
   * @return the material and the last SQN it takes
   */
  Issued<T> issue(AuthCredentials credentials, long lastSqn);

  /** As {@link AuthIssuer}, with the whole subscriber at hand (its identities, registration state, S-CSCF). */
  @FunctionalInterface
  interface ForSubscriber<T> {

    /**
     * @param current the subscriber as last committed; its {@link Subscriber#sqn()} is the stored mark, not
     *     {@code lastSqn}
     * @param lastSqn as in {@link AuthIssuer#issue}
     */
    Issued<T> issue(Subscriber current, long lastSqn);
  }

  /**
   * What the issuer hands out, and what the store keeps from now on (see {@link HssStore#authenticate}).
   *
   * @param sqn the last SQN the material takes: {@code lastSqn} when it takes none, else above it
   * @param reserve when {@code sqn} passes the stored mark, the mark to store instead of {@code sqn} itself, so that
   *     the SQNs between them are handed out later without a write; at least {@code sqn}
   * @param resynchronised {@code sqn} continues from the SQN_MS of an AUTS (TS 33.102 §6.3.5), not from
   *     {@code lastSqn}: it is stored whatever the mark, and the last SQN kept in memory starts from it
   * @param registration a registration change to store with it, null for none
   */
  record Issued<T>(T result, long sqn, long reserve, boolean resynchronised, RegistrationChange registration) {

    public Issued {
      if (reserve < sqn) {
        throw new IllegalArgumentException("the mark reserved (" + reserve + ") is below the SQN taken (" + sqn + ")");
      }
    }

    /** Takes SQNs up to {@code sqn} and reserves none ahead. */
    public Issued(T result, long sqn) {
      this(result, sqn, sqn, false, null);
    }

    /** Takes SQNs up to {@code sqn}, reserves none ahead, and changes the registration. */
    public Issued(T result, long sqn, RegistrationChange registration) {
      this(result, sqn, sqn, false, registration);
    }
  }
}
