package org.imscore.cscf.cx;

import java.util.Locale;
import java.util.Optional;

/**
 * The authentication schemes the S-CSCF runs: the Cx SIP-Authentication-Scheme name (TS 29.229 §6.3.9) and the
 * Digest {@code algorithm} the UE sees (RFC 3310, RFC 4169, RFC 2617).
 */
public enum AuthScheme {
    AKAV1_MD5("Digest-AKAv1-MD5", "AKAv1-MD5"),
    AKAV2_MD5("Digest-AKAv2-MD5", "AKAv2-MD5"),
    SIP_DIGEST("SIP Digest", "MD5"),
    /**
     * The UE named no algorithm: the HSS picks the subscriber's scheme (TS 29.229 §6.3.9; what the captured S-CSCF
     * sends). Never the scheme of a vector.
     */
    UNKNOWN("Unknown", "");

    private final String cxName;
    private final String digestAlgorithm;

    AuthScheme(String cxName, String digestAlgorithm) {
        this.cxName = cxName;
        this.digestAlgorithm = digestAlgorithm;
    }

    public String cxName() {
        return cxName;
    }

    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    public boolean isAka() {
        return this == AKAV1_MD5 || this == AKAV2_MD5;
    }

    /** The scheme for a Digest {@code algorithm} parameter (case-insensitive); MD5 when absent (RFC 2617). */
    public static Optional<AuthScheme> ofDigestAlgorithm(String algorithm) {
        String a = algorithm == null ? "MD5" : algorithm.toUpperCase(Locale.ROOT);
        for (AuthScheme s : values()) {
            if (s != UNKNOWN && s.digestAlgorithm.toUpperCase(Locale.ROOT).equals(a)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The scheme for a Cx name; HSSs spell SIP Digest several ways ("SIP Digest", "Digest-MD5", "Digest",
     * "HTTP_DIGEST_MD5", see diameter-cx.md §7).
     */
    public static Optional<AuthScheme> ofCxName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (AuthScheme s : values()) {
            if (s.cxName.equalsIgnoreCase(name)) {
                return Optional.of(s);
            }
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "DIGEST-MD5", "DIGEST", "HTTP_DIGEST_MD5" -> Optional.of(SIP_DIGEST);
            default -> Optional.empty();
        };
    }
}
