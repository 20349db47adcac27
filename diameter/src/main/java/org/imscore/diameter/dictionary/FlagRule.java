package org.imscore.diameter.dictionary;

/** How an AVP definition rules a flag bit (RFC 6733 section 4.5 table: MUST, MAY, MUST NOT). */
public enum FlagRule {
    MUST, MAY, MUST_NOT;

    static FlagRule parse(String token) {
        return switch (token) {
            case "M" -> MUST;
            case "m" -> MAY;
            case "-" -> MUST_NOT;
            default -> throw new IllegalArgumentException("M-bit rule must be M, m or -, not " + token);
        };
    }
}
