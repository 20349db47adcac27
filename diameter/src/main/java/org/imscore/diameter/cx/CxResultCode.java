package org.imscore.diameter.cx;

/**
 * Cx/Dx Experimental-Result-Code values (TS 29.229 section 6.2). They travel only inside
 * Experimental-Result with Vendor-Id 10415; the same numbers as Result-Code mean base errors
 * ({@link org.imscore.diameter.codec.ResultCode}).
 */
public final class CxResultCode {

    private CxResultCode() {
    }

    public static final int FIRST_REGISTRATION = 2001;
    public static final int SUBSEQUENT_REGISTRATION = 2002;
    public static final int UNREGISTERED_SERVICE = 2003;
    public static final int SUCCESS_SERVER_NAME_NOT_STORED = 2004;
    public static final int ERROR_USER_UNKNOWN = 5001;
    public static final int ERROR_IDENTITIES_DONT_MATCH = 5002;
    public static final int ERROR_IDENTITY_NOT_REGISTERED = 5003;
    public static final int ERROR_ROAMING_NOT_ALLOWED = 5004;
    public static final int ERROR_IDENTITY_ALREADY_REGISTERED = 5005;
    public static final int ERROR_AUTH_SCHEME_NOT_SUPPORTED = 5006;
    public static final int ERROR_IN_ASSIGNMENT_TYPE = 5007;
    public static final int ERROR_TOO_MUCH_DATA = 5008;
    public static final int ERROR_NOT_SUPPORTED_USER_DATA = 5009;
    public static final int ERROR_FEATURE_UNSUPPORTED = 5011;
    public static final int ERROR_SERVING_NODE_FEATURE_UNSUPPORTED = 5012;

    public static String name(long code) {
        return switch ((int) code) {
            case FIRST_REGISTRATION -> "DIAMETER_FIRST_REGISTRATION";
            case SUBSEQUENT_REGISTRATION -> "DIAMETER_SUBSEQUENT_REGISTRATION";
            case UNREGISTERED_SERVICE -> "DIAMETER_UNREGISTERED_SERVICE";
            case SUCCESS_SERVER_NAME_NOT_STORED -> "DIAMETER_SUCCESS_SERVER_NAME_NOT_STORED";
            case ERROR_USER_UNKNOWN -> "DIAMETER_ERROR_USER_UNKNOWN";
            case ERROR_IDENTITIES_DONT_MATCH -> "DIAMETER_ERROR_IDENTITIES_DONT_MATCH";
            case ERROR_IDENTITY_NOT_REGISTERED -> "DIAMETER_ERROR_IDENTITY_NOT_REGISTERED";
            case ERROR_ROAMING_NOT_ALLOWED -> "DIAMETER_ERROR_ROAMING_NOT_ALLOWED";
            case ERROR_IDENTITY_ALREADY_REGISTERED -> "DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED";
            case ERROR_AUTH_SCHEME_NOT_SUPPORTED -> "DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED";
            case ERROR_IN_ASSIGNMENT_TYPE -> "DIAMETER_ERROR_IN_ASSIGNMENT_TYPE";
            case ERROR_TOO_MUCH_DATA -> "DIAMETER_ERROR_TOO_MUCH_DATA";
            case ERROR_NOT_SUPPORTED_USER_DATA -> "DIAMETER_ERROR_NOT_SUPPORTED_USER_DATA";
            case ERROR_FEATURE_UNSUPPORTED -> "DIAMETER_ERROR_FEATURE_UNSUPPORTED";
            case ERROR_SERVING_NODE_FEATURE_UNSUPPORTED -> "DIAMETER_ERROR_SERVING_NODE_FEATURE_UNSUPPORTED";
            default -> "CX_RESULT_" + code;
        };
    }
}
