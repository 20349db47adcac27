package org.imscore.aka;

import java.security.SecureRandom;

/**
 * Where RAND values come from. Production uses {@link #secure()}; tests inject fixed values to make vectors
 * reproducible. Implementations must be safe to call from several threads if the owner is shared.
 */
@FunctionalInterface
public interface RandSource {

    /** Fills {@code rand} (16 octets) with a fresh challenge. */
    void fill(byte[] rand);

    /** Challenges from a {@link SecureRandom} (thread-safe). */
    static RandSource secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
