package org.imscore.cscf.cx;

import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.CxResultCode;

/** Maps the result of a Cx answer to a {@link CxFailure} (TS 29.229 §6.2, RFC 6733 §7.1). */
final class CxResults {

    private CxResults() {
    }

    static CxFailure failureOf(CxResult result) {
        long code = result.code();
        if (result.experimental()) {
            return switch ((int) code) {
                case CxResultCode.ERROR_USER_UNKNOWN -> CxFailure.USER_UNKNOWN;
                case CxResultCode.ERROR_IDENTITIES_DONT_MATCH -> CxFailure.IDENTITIES_DONT_MATCH;
                case CxResultCode.ERROR_IDENTITY_NOT_REGISTERED -> CxFailure.IDENTITY_NOT_REGISTERED;
                case CxResultCode.ERROR_ROAMING_NOT_ALLOWED -> CxFailure.ROAMING_NOT_ALLOWED;
                case CxResultCode.ERROR_IDENTITY_ALREADY_REGISTERED -> CxFailure.IDENTITY_ALREADY_REGISTERED;
                case CxResultCode.ERROR_AUTH_SCHEME_NOT_SUPPORTED -> CxFailure.AUTH_SCHEME_NOT_SUPPORTED;
                case CxResultCode.ERROR_IN_ASSIGNMENT_TYPE -> CxFailure.IN_ASSIGNMENT_TYPE;
                case CxResultCode.ERROR_TOO_MUCH_DATA -> CxFailure.TOO_MUCH_DATA;
                default -> code >= 5000 && code < 6000 ? CxFailure.REJECTED : CxFailure.BACKEND_ERROR;
            };
        }
        if (code == ResultCode.AUTHORIZATION_REJECTED || code == ResultCode.AUTHENTICATION_REJECTED) {
            return CxFailure.AUTHORIZATION_REJECTED;
        }
        // 3xxx: the request did not reach a working HSS (UNABLE_TO_DELIVER, TOO_BUSY, ...); 4xxx: transient.
        if (code >= 3000 && code < 5000) {
            return CxFailure.BACKEND_UNAVAILABLE;
        }
        return CxFailure.BACKEND_ERROR;
    }

    static CxException exception(String command, CxResult result) {
        String name = result.experimental() ? CxResultCode.name(result.code()) : ResultCode.name(result.code());
        return new CxException(failureOf(result), command + " answered " + result.code() + " " + name);
    }
}
