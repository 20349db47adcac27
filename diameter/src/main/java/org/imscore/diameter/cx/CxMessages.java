package org.imscore.diameter.cx;

import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.VendorSpecificApplicationId;

/**
 * Starts Cx messages with the AVPs every one of them carries, in the order of TS 29.229 6.1:
 * Session-Id first, Vendor-Specific-Application-Id {10415, 16777216} (not a bare Auth-Application-Id),
 * Auth-Session-State NO_STATE_MAINTAINED, Origin-Host/Realm. Requests get R and P; answers P.
 */
public final class CxMessages {

    private CxMessages() {
    }

    public static final VendorSpecificApplicationId CX_APPLICATION =
            VendorSpecificApplicationId.auth(Cx.VENDOR_ID, Cx.APPLICATION_ID);

    // The two AVPs every Cx message carries with the same value, made once: AVPs are immutable, and
    // building the grouped one per message cost three AVPs and their arrays.
    private static final Avp CX_APPLICATION_AVP = CX_APPLICATION.toAvp();
    private static final Avp NO_STATE_MAINTAINED =
            Avp.enumerated(BaseAvps.AUTH_SESSION_STATE, BaseAvps.NO_STATE_MAINTAINED);

    /** A request builder with the header AVPs of {@code header}; add the command's own AVPs, then build. */
    public static DiameterMessage.Builder request(CxCommand command, CxRequestHeader header) {
        if (!command.isRequest()) {
            throw new IllegalArgumentException(command + " is not a request");
        }
        DiameterMessage.Builder b = DiameterMessage.request(command.code(), Cx.APPLICATION_ID).proxiable(true)
                .add(Avp.utf8(BaseAvps.SESSION_ID, header.sessionId()))
                .add(CX_APPLICATION_AVP)
                .add(NO_STATE_MAINTAINED)
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, header.originHost()))
                .add(Avp.utf8(BaseAvps.ORIGIN_REALM, header.originRealm()));
        header.destinationHost().ifPresent(h -> b.add(Avp.utf8(BaseAvps.DESTINATION_HOST, h)));
        return b.add(Avp.utf8(BaseAvps.DESTINATION_REALM, header.destinationRealm()));
    }

    /**
     * An answer builder for {@code request}: identifiers copied, Session-Id copied, the result,
     * Auth-Session-State, Origin-Host/Realm. Finish with {@link #finish} to append Proxy-Info.
     */
    public static DiameterMessage.Builder answer(DiameterMessage request, CxResult result,
                                                 String originHost, String originRealm) {
        DiameterMessage.Builder b = DiameterMessage.answerTo(request);
        request.find(BaseAvps.SESSION_ID).ifPresent(b::add);
        return b.add(CX_APPLICATION_AVP)
                .add(result.toAvp())
                .add(NO_STATE_MAINTAINED)
                .add(Avp.utf8(BaseAvps.ORIGIN_HOST, originHost))
                .add(Avp.utf8(BaseAvps.ORIGIN_REALM, originRealm));
    }

    /** Appends the request's Proxy-Info AVPs in order (RFC 6733 6.2) and builds the answer. */
    public static DiameterMessage finish(DiameterMessage.Builder answer, DiameterMessage request) {
        return answer.addAll(request.findAll(BaseAvps.PROXY_INFO)).build();
    }
}
