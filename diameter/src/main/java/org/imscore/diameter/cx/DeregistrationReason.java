package org.imscore.diameter.cx;

import java.util.Optional;
import java.util.OptionalInt;

import org.imscore.diameter.codec.Avp;

/** Deregistration-Reason (TS 29.229 6.3.16): { Reason-Code } [ Reason-Info ]. */
public record DeregistrationReason(int reasonCode, Optional<String> reasonInfo) {

    public static DeregistrationReason of(ReasonCode code, String info) {
        return new DeregistrationReason(code.value(), Optional.ofNullable(info));
    }

    public Optional<ReasonCode> reason() {
        return ReasonCode.of(reasonCode);
    }

    public Avp toAvp() {
        Avp code = Avp.enumerated(CxAvps.REASON_CODE, reasonCode);
        return reasonInfo.map(info -> Avp.grouped(CxAvps.DEREGISTRATION_REASON, code,
                        Avp.utf8(CxAvps.REASON_INFO, info)))
                .orElseGet(() -> Avp.grouped(CxAvps.DEREGISTRATION_REASON, code));
    }

    public static Optional<DeregistrationReason> fromAvp(Avp group) {
        OptionalInt code = group.integer32(CxAvps.REASON_CODE);
        return code.isPresent()
                ? Optional.of(new DeregistrationReason(code.getAsInt(), group.utf8(CxAvps.REASON_INFO)))
                : Optional.empty();
    }
}
