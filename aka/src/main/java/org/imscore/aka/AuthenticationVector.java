package org.imscore.aka;

import java.util.Objects;

/**
 * One authentication vector (quintet) of TS 33.102 §6.3.2, plus the SQN it was made with so the home network can
 * record what it issued.
 *
 * <p>In Cx (TS 29.228 §6.3.14ff) the vector travels as SIP-Authenticate = RAND ‖ AUTN ({@link #sipAuthenticate()}),
 * SIP-Authorization = XRES, Confidentiality-Key = CK, Integrity-Key = IK.
 */
public record AuthenticationVector(Octets rand, Octets xres, Octets ck, Octets ik, Octets autn, Sqn sqn) {

    public AuthenticationVector {
        Objects.requireNonNull(rand, "RAND").requireLength("RAND", Milenage.RAND_LENGTH);
        Objects.requireNonNull(xres, "XRES").requireLength("XRES", Milenage.RES_LENGTH);
        Objects.requireNonNull(ck, "CK").requireLength("CK", 16);
        Objects.requireNonNull(ik, "IK").requireLength("IK", 16);
        Objects.requireNonNull(autn, "AUTN").requireLength("AUTN", Autn.LENGTH);
        Objects.requireNonNull(sqn, "SQN");
    }

    /** RAND ‖ AUTN, 32 octets: the Cx SIP-Authenticate AVP and the SIP Digest nonce before base64 (RFC 3310 §3.2). */
    public Octets sipAuthenticate() {
        return rand.concat(autn);
    }
}
