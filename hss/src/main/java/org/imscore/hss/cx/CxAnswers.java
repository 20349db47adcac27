package org.imscore.hss.cx;

import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.CxResultCode;

/** The results the Cx procedures answer with (TS 29.229 §6.2); Cx codes are experimental. */
final class CxAnswers {

  private CxAnswers() {}

  static final CxResult SUCCESS = CxResult.SUCCESS;
  static final CxResult FIRST_REGISTRATION = CxResult.experimental(CxResultCode.FIRST_REGISTRATION);
  static final CxResult SUBSEQUENT_REGISTRATION =
      CxResult.experimental(CxResultCode.SUBSEQUENT_REGISTRATION);
  static final CxResult UNREGISTERED_SERVICE = CxResult.experimental(CxResultCode.UNREGISTERED_SERVICE);
  static final CxResult USER_UNKNOWN = CxResult.experimental(CxResultCode.ERROR_USER_UNKNOWN);
  static final CxResult IDENTITIES_DONT_MATCH =
      CxResult.experimental(CxResultCode.ERROR_IDENTITIES_DONT_MATCH);
  static final CxResult IDENTITY_NOT_REGISTERED =
      CxResult.experimental(CxResultCode.ERROR_IDENTITY_NOT_REGISTERED);
  static final CxResult ROAMING_NOT_ALLOWED =
      CxResult.experimental(CxResultCode.ERROR_ROAMING_NOT_ALLOWED);
  static final CxResult AUTH_SCHEME_NOT_SUPPORTED =
      CxResult.experimental(CxResultCode.ERROR_AUTH_SCHEME_NOT_SUPPORTED);
  static final CxResult IN_ASSIGNMENT_TYPE = CxResult.experimental(CxResultCode.ERROR_IN_ASSIGNMENT_TYPE);
  /** Base protocol code: barred identities and failed resynchronisation. */
  static final CxResult AUTHORIZATION_REJECTED = CxResult.base(ResultCode.AUTHORIZATION_REJECTED);
  static final CxResult UNABLE_TO_COMPLY = CxResult.base(ResultCode.UNABLE_TO_COMPLY);
}
