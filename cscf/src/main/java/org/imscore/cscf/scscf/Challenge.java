package org.imscore.cscf.scscf;

import java.time.Instant;
import java.util.Objects;
import org.imscore.cscf.cx.AuthVector;

/**
 * A 401 that is waiting for its answer: the vector behind the nonce (TS 33.203 §6.1.1).
 *
 * @param failures wrong responses so far in this registration attempt, carried from challenge to challenge
 */
public record Challenge(String privateIdentity, String publicIdentity, String nonce, AuthVector vector,
                        Instant issuedAt, int failures) {

    public Challenge {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        Objects.requireNonNull(publicIdentity, "publicIdentity");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }
}
