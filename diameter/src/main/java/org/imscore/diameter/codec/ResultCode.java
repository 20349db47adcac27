package org.imscore.diameter.codec;

/**
 * Base protocol Result-Code values (RFC 6733 section 7.1). Application result codes of 3GPP travel in
 * Experimental-Result with a Vendor-Id and are named in the application's package (e.g. Cx).
 */
public final class ResultCode {

    private ResultCode() {
    }

    public static final int MULTI_ROUND_AUTH = 1001;
    public static final int SUCCESS = 2001;
    public static final int LIMITED_SUCCESS = 2002;
    public static final int COMMAND_UNSUPPORTED = 3001;
    public static final int UNABLE_TO_DELIVER = 3002;
    public static final int REALM_NOT_SERVED = 3003;
    public static final int TOO_BUSY = 3004;
    public static final int LOOP_DETECTED = 3005;
    public static final int REDIRECT_INDICATION = 3006;
    public static final int APPLICATION_UNSUPPORTED = 3007;
    public static final int INVALID_HDR_BITS = 3008;
    public static final int INVALID_AVP_BITS = 3009;
    public static final int UNKNOWN_PEER = 3010;
    public static final int AUTHENTICATION_REJECTED = 4001;
    public static final int OUT_OF_SPACE = 4002;
    public static final int ELECTION_LOST = 4003;
    public static final int AVP_UNSUPPORTED = 5001;
    public static final int UNKNOWN_SESSION_ID = 5002;
    public static final int AUTHORIZATION_REJECTED = 5003;
    public static final int INVALID_AVP_VALUE = 5004;
    public static final int MISSING_AVP = 5005;
    public static final int RESOURCES_EXCEEDED = 5006;
    public static final int CONTRADICTING_AVPS = 5007;
    public static final int AVP_NOT_ALLOWED = 5008;
    public static final int AVP_OCCURS_TOO_MANY_TIMES = 5009;
    public static final int NO_COMMON_APPLICATION = 5010;
    public static final int UNSUPPORTED_VERSION = 5011;
    public static final int UNABLE_TO_COMPLY = 5012;
    public static final int INVALID_BIT_IN_HEADER = 5013;
    public static final int INVALID_AVP_LENGTH = 5014;
    public static final int INVALID_MESSAGE_LENGTH = 5015;
    public static final int INVALID_AVP_BIT_COMBO = 5016;
    public static final int NO_COMMON_SECURITY = 5017;

    public static boolean isSuccess(long code) {
        return code >= 2000 && code < 3000;
    }

    /** 3xxx: protocol errors, answered with the E bit (RFC 6733 7.1.3). */
    public static boolean isProtocolError(long code) {
        return code >= 3000 && code < 4000;
    }

    public static String name(long code) {
        return switch ((int) code) {
            case MULTI_ROUND_AUTH -> "DIAMETER_MULTI_ROUND_AUTH";
            case SUCCESS -> "DIAMETER_SUCCESS";
            case LIMITED_SUCCESS -> "DIAMETER_LIMITED_SUCCESS";
            case COMMAND_UNSUPPORTED -> "DIAMETER_COMMAND_UNSUPPORTED";
            case UNABLE_TO_DELIVER -> "DIAMETER_UNABLE_TO_DELIVER";
            case REALM_NOT_SERVED -> "DIAMETER_REALM_NOT_SERVED";
            case TOO_BUSY -> "DIAMETER_TOO_BUSY";
            case LOOP_DETECTED -> "DIAMETER_LOOP_DETECTED";
            case REDIRECT_INDICATION -> "DIAMETER_REDIRECT_INDICATION";
            case APPLICATION_UNSUPPORTED -> "DIAMETER_APPLICATION_UNSUPPORTED";
            case INVALID_HDR_BITS -> "DIAMETER_INVALID_HDR_BITS";
            case INVALID_AVP_BITS -> "DIAMETER_INVALID_AVP_BITS";
            case UNKNOWN_PEER -> "DIAMETER_UNKNOWN_PEER";
            case AUTHENTICATION_REJECTED -> "DIAMETER_AUTHENTICATION_REJECTED";
            case OUT_OF_SPACE -> "DIAMETER_OUT_OF_SPACE";
            case ELECTION_LOST -> "ELECTION_LOST";
            case AVP_UNSUPPORTED -> "DIAMETER_AVP_UNSUPPORTED";
            case UNKNOWN_SESSION_ID -> "DIAMETER_UNKNOWN_SESSION_ID";
            case AUTHORIZATION_REJECTED -> "DIAMETER_AUTHORIZATION_REJECTED";
            case INVALID_AVP_VALUE -> "DIAMETER_INVALID_AVP_VALUE";
            case MISSING_AVP -> "DIAMETER_MISSING_AVP";
            case RESOURCES_EXCEEDED -> "DIAMETER_RESOURCES_EXCEEDED";
            case CONTRADICTING_AVPS -> "DIAMETER_CONTRADICTING_AVPS";
            case AVP_NOT_ALLOWED -> "DIAMETER_AVP_NOT_ALLOWED";
            case AVP_OCCURS_TOO_MANY_TIMES -> "DIAMETER_AVP_OCCURS_TOO_MANY_TIMES";
            case NO_COMMON_APPLICATION -> "DIAMETER_NO_COMMON_APPLICATION";
            case UNSUPPORTED_VERSION -> "DIAMETER_UNSUPPORTED_VERSION";
            case UNABLE_TO_COMPLY -> "DIAMETER_UNABLE_TO_COMPLY";
            case INVALID_BIT_IN_HEADER -> "DIAMETER_INVALID_BIT_IN_HEADER";
            case INVALID_AVP_LENGTH -> "DIAMETER_INVALID_AVP_LENGTH";
            case INVALID_MESSAGE_LENGTH -> "DIAMETER_INVALID_MESSAGE_LENGTH";
            case INVALID_AVP_BIT_COMBO -> "DIAMETER_INVALID_AVP_BIT_COMBO";
            case NO_COMMON_SECURITY -> "DIAMETER_NO_COMMON_SECURITY";
            default -> "RESULT_" + code;
        };
    }
}
