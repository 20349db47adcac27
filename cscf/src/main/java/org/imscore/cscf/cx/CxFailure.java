package org.imscore.cscf.cx;

/**
 * Why a Cx request did not succeed. The first group are the HSS's verdicts on the user (TS 29.229 §6.2
 * Experimental-Result codes and base 5003); the last two are failures of the HSS or of the way to it, which the
 * CSCFs must answer with 5xx, never 403 (the user did nothing wrong).
 */
public enum CxFailure {
    /** 5001 DIAMETER_ERROR_USER_UNKNOWN. */
    USER_UNKNOWN("User unknown"),
    /** 5002 DIAMETER_ERROR_IDENTITIES_DONT_MATCH: the IMPU does not belong to the IMPI. */
    IDENTITIES_DONT_MATCH("Identities do not match"),
    /** 5003 DIAMETER_ERROR_IDENTITY_NOT_REGISTERED. */
    IDENTITY_NOT_REGISTERED("Identity not registered"),
    /** 5004 DIAMETER_ERROR_ROAMING_NOT_ALLOWED. */
    ROAMING_NOT_ALLOWED("Roaming not allowed"),
    /** 5005 DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED (another S-CSCF holds the user). */
    IDENTITY_ALREADY_REGISTERED("Identity already registered"),
    /** 5006 DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED. */
    AUTH_SCHEME_NOT_SUPPORTED("Authentication scheme not supported"),
    /** 5007 DIAMETER_ERROR_IN_ASSIGNMENT_TYPE. */
    IN_ASSIGNMENT_TYPE("Error in assignment type"),
    /** 5008 DIAMETER_ERROR_TOO_MUCH_DATA. */
    TOO_MUCH_DATA("Too much data"),
    /** Base 5003 DIAMETER_AUTHORIZATION_REJECTED, e.g. every identity barred (TS 29.228 §6.1.1.1). */
    AUTHORIZATION_REJECTED("Authorization rejected"),
    /** Any other permanent refusal from the HSS (another 5xxx Experimental-Result). */
    REJECTED("Rejected by the HSS"),
    /** No answer: timeout, no route, connection lost, or a 3xxx/4xxx protocol answer (busy, cannot deliver). */
    BACKEND_UNAVAILABLE("HSS not reachable"),
    /** The HSS answered, but with a base protocol error or an answer that cannot be read. */
    BACKEND_ERROR("HSS failure");

    private final String reason;

    CxFailure(String reason) {
        this.reason = reason;
    }

    /** Words for a SIP reason phrase, e.g. "User unknown". */
    public String reason() {
        return reason;
    }

    /** Whether this is a failure of the HSS side rather than a verdict on the user: answer 5xx, not 403. */
    public boolean isBackendFailure() {
        return this == BACKEND_UNAVAILABLE || this == BACKEND_ERROR;
    }
}
