package org.imscore.cscf.scscf;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.imscore.cscf.cx.CxFailure;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.sip.message.AuthenticationInfo;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/** The responses of the registrar, each with the headers TS 24.229 §5.4.1.2 asks for. */
final class RegistrarResponses {

    private final ScscfConfig config;

    RegistrarResponses(ScscfConfig config) {
        this.config = config;
    }

    /**
     * 200 OK (TS 24.229 §5.4.1.2.2 items f-i, RFC 3261 §10.3 step 8): every current Contact with its expires, the
     * Path echoed (RFC 3327 §5.3), Service-Route (RFC 3608), P-Associated-URI (the non-barred identities of the
     * implicit set), Authentication-Info when the request carried credentials.
     */
    SipResponse ok(SipRequest request, String toTag, List<ContactBinding> contacts, Instant now,
                   Optional<UserProfile> profile, Optional<AuthenticationInfo> authInfo) {
        SipResponse.Builder b = SipResponse.forRequest(request, 200).toTag(toTag);
        for (ContactBinding c : contacts) {
            b.add(HeaderNames.CONTACT, c.contact().withParameter("expires", Long.toString(c.secondsLeft(now))).toString());
        }
        request.headerFields(HeaderNames.PATH).forEach(b::add);
        b.add(HeaderType.SERVICE_ROUTE, config.serviceRoute());
        profile.map(UserProfile::unbarredIdentities).filter(l -> !l.isEmpty()).ifPresent(ids ->
                b.add(HeaderNames.P_ASSOCIATED_URI, ids.stream().map(id -> "<" + id + ">")
                        .collect(Collectors.joining(", "))));
        authInfo.ifPresent(a -> b.add(HeaderType.AUTHENTICATION_INFO, a));
        return b.build();
    }

    /** 200 OK to a de-registration: no Contact left to list. */
    SipResponse deregistered(SipRequest request, String toTag, List<ContactBinding> remaining, Instant now) {
        SipResponse.Builder b = SipResponse.forRequest(request, 200).toTag(toTag);
        for (ContactBinding c : remaining) {
            b.add(HeaderNames.CONTACT, c.contact().withParameter("expires", Long.toString(c.secondsLeft(now))).toString());
        }
        request.headerFields(HeaderNames.PATH).forEach(b::add);
        return b.build();
    }

    /** 401 with the challenge; the Path is echoed as the captured S-CSCF does. */
    SipResponse unauthorized(SipRequest request, String toTag, DigestChallenge challenge) {
        SipResponse.Builder b = SipResponse.forRequest(request, 401, "Unauthorized - Challenging the UE").toTag(toTag)
                .add(HeaderType.WWW_AUTHENTICATE, challenge);
        request.headerFields(HeaderNames.PATH).forEach(b::add);
        return b.build();
    }

    SipResponse forbidden(SipRequest request, String toTag, String reason) {
        return SipResponse.forRequest(request, 403, "Forbidden - " + reason).toTag(toTag).build();
    }

    /**
     * A Cx failure as SIP: the HSS's verdicts on the user are 403 with the reason; an HSS that does not answer is 504
     * and one that answers nonsense 500, both with Retry-After, so the UE tries again later rather than concluding
     * it has no subscription.
     */
    SipResponse cxFailure(SipRequest request, String toTag, CxFailure failure) {
        return switch (failure) {
            case BACKEND_UNAVAILABLE -> SipResponse.forRequest(request, 504, failure.reason()).toTag(toTag)
                    .add(HeaderNames.RETRY_AFTER, Long.toString(config.retryAfterSeconds())).build();
            case BACKEND_ERROR -> SipResponse.forRequest(request, 500, failure.reason()).toTag(toTag)
                    .add(HeaderNames.RETRY_AFTER, Long.toString(config.retryAfterSeconds())).build();
            default -> forbidden(request, toTag, failure.reason());
        };
    }
}
