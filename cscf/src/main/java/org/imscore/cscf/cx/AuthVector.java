package org.imscore.cscf.cx;

import java.util.Objects;

/** One SIP-Auth-Data-Item of a MAA, as the S-CSCF uses it. Byte arrays are copied in and out. */
public sealed interface AuthVector {

    AuthScheme scheme();

    /**
     * An AKA vector (TS 29.229 §6.3.10/6.3.11): RAND and AUTN form the nonce, XRES is the expected RES, CK/IK go
     * to the P-CSCF in the 401 for sec-agree (TS 33.203 §7).
     */
    record Aka(AuthScheme scheme, byte[] rand, byte[] autn, byte[] xres, byte[] ck, byte[] ik) implements AuthVector {

        public Aka {
            Objects.requireNonNull(scheme, "scheme");
            if (!scheme.isAka()) {
                throw new IllegalArgumentException("not an AKA scheme: " + scheme);
            }
            if (rand.length != 16 || autn.length != 16) {
                throw new IllegalArgumentException("RAND and AUTN are 16 octets each");
            }
            if (xres.length < 4 || xres.length > 16) {
                throw new IllegalArgumentException("XRES is 4 to 16 octets, got " + xres.length);
            }
            rand = rand.clone();
            autn = autn.clone();
            xres = xres.clone();
            ck = ck.clone();
            ik = ik.clone();
        }

        @Override
        public byte[] rand() {
            return rand.clone();
        }

        @Override
        public byte[] autn() {
            return autn.clone();
        }

        @Override
        public byte[] xres() {
            return xres.clone();
        }

        @Override
        public byte[] ck() {
            return ck.clone();
        }

        @Override
        public byte[] ik() {
            return ik.clone();
        }
    }

    /**
     * SIP Digest (TS 29.229 §6.3.36 SIP-Digest-Authenticate): the HSS gives HA1, never the password; the S-CSCF
     * makes its own nonce.
     *
     * @param qop the qop the HSS asks for ("auth", "auth-int"), or empty
     */
    record Digest(String realm, String algorithm, String qop, String ha1) implements AuthVector {

        public Digest {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(ha1, "ha1");
            algorithm = algorithm == null || algorithm.isEmpty() ? "MD5" : algorithm;
            qop = qop == null ? "" : qop;
        }

        @Override
        public AuthScheme scheme() {
            return AuthScheme.SIP_DIGEST;
        }
    }
}
