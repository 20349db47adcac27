package org.imscore.diameter.codec;

import java.util.List;

/**
 * Builds the answer a node sends back when a request fails decoding or validation (RFC 6733 7.2):
 * Session-Id copied, Origin-Host/Realm of this node, Result-Code, Error-Message, Failed-AVP, and
 * the request's Proxy-Info. Protocol errors (3xxx) get the E bit and the generic answer format; other
 * errors keep the command's answer format, so application AVPs the peer needs are copied too
 * (Vendor-Specific-Application-Id, Auth-Session-State).
 */
public final class ErrorAnswers {

    private ErrorAnswers() {
    }

    public static DiameterMessage answer(DiameterMessage request, DecodeFailure failure,
                                         String originHost, String originRealm) {
        return answer(request, failure.resultCode(), failure.reason(), failure.failedAvps(), originHost, originRealm);
    }

    public static DiameterMessage answer(DiameterMessage request, int resultCode, String errorMessage,
                                         List<Avp> failedAvps, String originHost, String originRealm) {
        DiameterMessage.Builder answer = DiameterMessage.answerTo(request)
                .error(ResultCode.isProtocolError(resultCode));
        request.find(BaseAvps.SESSION_ID).ifPresent(answer::add);
        if (!ResultCode.isProtocolError(resultCode)) {
            request.find(BaseAvps.VENDOR_SPECIFIC_APPLICATION_ID).ifPresent(answer::add);
            request.find(BaseAvps.AUTH_APPLICATION_ID).ifPresent(answer::add);
            request.find(BaseAvps.AUTH_SESSION_STATE).ifPresent(answer::add);
        }
        answer.add(Avp.unsigned32(BaseAvps.RESULT_CODE, resultCode))
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, originHost))
                .add(Avp.utf8(BaseAvps.ORIGIN_REALM, originRealm));
        if (errorMessage != null && !errorMessage.isEmpty()) {
            answer.add(Avp.utf8(BaseAvps.ERROR_MESSAGE, errorMessage));
        }
        if (!failedAvps.isEmpty()) {
            answer.add(Avp.grouped(BaseAvps.FAILED_AVP, failedAvps));
        }
        answer.addAll(request.findAll(BaseAvps.PROXY_INFO));
        return answer.build();
    }
}
