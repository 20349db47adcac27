package org.imscore.cscf.pcscf;

/**
 * How the REGISTER reached the P-CSCF: the {@code integrity-protected} value the P-CSCF writes into the Authorization
 * header (TS 24.229 §5.2.2.1, §7.2A.2).
 */
public enum GmProtection {
    /** Plain UDP/TCP, or the unprotected initial REGISTER of IMS-AKA. */
    NONE("no"),
    /** Inside the IPsec security associations set up by sec-agree. */
    IPSEC("yes"),
    /** Over TLS. */
    TLS("tls-yes");

    private final String parameter;

    GmProtection(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
