package org.imscore.cscf.scscf;

import java.util.Optional;

/** Pending challenges, keyed by private identity and nonce. */
public interface ChallengeStore {

    void put(Challenge challenge);

    Optional<Challenge> find(String privateIdentity, String nonce);

    void remove(String privateIdentity, String nonce);

    /** Drops challenges issued before {@code cutoff} (never answered); returns how many. */
    int removeIssuedBefore(java.time.Instant cutoff);
}
