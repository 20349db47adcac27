package org.imscore.diameter.codec;

import java.util.List;

/**
 * Why a received message is not acceptable, as the answer must tell it (RFC 6733 section 7):
 * the Result-Code, a human-readable reason for Error-Message, and the AVPs that go into Failed-AVP.
 */
public record DecodeFailure(int resultCode, String reason, List<Avp> failedAvps) {
    public DecodeFailure {
        failedAvps = List.copyOf(failedAvps);
    }

    public static DecodeFailure of(int resultCode, String reason) {
        return new DecodeFailure(resultCode, reason, List.of());
    }

    /** Protocol errors (3xxx) are answered with the E bit set and the generic answer format. */
    public boolean isProtocolError() {
        return ResultCode.isProtocolError(resultCode);
    }

    @Override
    public String toString() {
        return resultCode + " " + ResultCode.name(resultCode) + ": " + reason;
    }
}
