package org.imscore.cscf.pcscf;

/** CK and IK the S-CSCF sent in the 401, for keying the IPsec SAs (TS 33.203 §7.1, Annex I). Copies in and out. */
public record AkaKeys(byte[] ck, byte[] ik) {

    public AkaKeys {
        if (ck.length != 16 || ik.length != 16) {
            throw new IllegalArgumentException("CK and IK are 16 octets each");
        }
        ck = ck.clone();
        ik = ik.clone();
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
