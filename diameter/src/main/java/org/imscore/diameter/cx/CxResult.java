package org.imscore.diameter.cx;

import java.util.Optional;
import java.util.OptionalLong;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ExperimentalResult;
import org.imscore.diameter.codec.ResultCode;

/**
 * The outcome a Cx answer carries: either a base Result-Code (e.g. 2001 DIAMETER_SUCCESS, 5012) or an
 * Experimental-Result with Vendor-Id 10415 (e.g. 2001 DIAMETER_FIRST_REGISTRATION, 5001 USER_UNKNOWN).
 * The same number means different things in the two, hence the flag (TS 29.229 6.2).
 */
public record CxResult(long code, boolean experimental) {

    public static final CxResult SUCCESS = new CxResult(ResultCode.SUCCESS, false);

    public static CxResult base(long resultCode) {
        return new CxResult(resultCode, false);
    }

    public static CxResult experimental(long cxResultCode) {
        return new CxResult(cxResultCode, true);
    }

    public boolean isSuccess() {
        return code >= 2000 && code < 3000;
    }

    public Avp toAvp() {
        return experimental ? new ExperimentalResult(Cx.VENDOR_ID, code).toAvp()
                : Avp.unsigned32(BaseAvps.RESULT_CODE, code);
    }

    /** Result-Code when present, else a 3GPP Experimental-Result; empty when the answer has neither. */
    public static Optional<CxResult> from(DiameterMessage answer) {
        OptionalLong base = answer.resultCode();
        if (base.isPresent()) {
            return Optional.of(base(base.getAsLong()));
        }
        return ExperimentalResult.from(answer).map(er -> experimental(er.code()));
    }

    @Override
    public String toString() {
        return code + " " + (experimental ? CxResultCode.name(code) : ResultCode.name(code));
    }
}
