package org.imscore.cscf.cx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.peer.DiameterRequestException;

/**
 * {@link CxClient} over Diameter: each call encodes the diameter module's Cx command, hands it to a
 * {@link RequestSender} (a {@code DiameterNode::send}), and decodes the answer. Results other than success become
 * {@link CxException}s; a request that got no answer is {@link CxFailure#BACKEND_UNAVAILABLE}.
 */
public final class DiameterCxClient implements CxClient {

    /** Sends a request to a Diameter peer and completes with its answer; {@code DiameterNode::send} fits. */
    @FunctionalInterface
    public interface RequestSender {
        CompletionStage<DiameterMessage> send(DiameterMessage request);
    }

    private final CxClientConfig config;
    private final RequestSender sender;
    private final long sessionHigh;
    private final AtomicLong sessionLow = new AtomicLong();

    /**
     * @param sessionHigh the high 32 bits of every Session-Id (RFC 6733 §8.8), e.g. the boot time in seconds,
     *                    so that ids stay unique across restarts
     */
    public DiameterCxClient(CxClientConfig config, RequestSender sender, long sessionHigh) {
        this.config = config;
        this.sender = sender;
        this.sessionHigh = sessionHigh & 0xFFFFFFFFL;
    }

    private CxRequestHeader header() {
        String sessionId = config.originHost() + ";" + sessionHigh + ";" + (sessionLow.incrementAndGet() & 0xFFFFFFFFL);
        return new CxRequestHeader(sessionId, config.originHost(), config.originRealm(), config.destinationHost(),
                config.destinationRealm());
    }

    @Override
    public CompletionStage<UserAuthorizationAnswer> userAuthorization(UserAuthorizationRequest request) {
        return exchange(uarMessage(request), DiameterCxClient::uaa);
    }

    @Override
    public CompletionStage<MultimediaAuthAnswer> multimediaAuth(MultimediaAuthRequest request) {
        return exchange(marMessage(request), answer -> maa(answer, request));
    }

    @Override
    public CompletionStage<ServerAssignmentAnswer> serverAssignment(ServerAssignmentRequest request) {
        return exchange(sarMessage(request), DiameterCxClient::saa);
    }

    @Override
    public CompletionStage<LocationInfoAnswer> locationInfo(LocationInfoRequest request) {
        return exchange(lirMessage(request), DiameterCxClient::lia);
    }

    private <T> CompletionStage<T> exchange(DiameterMessage request, Function<DiameterMessage, T> decode) {
        CompletionStage<DiameterMessage> sent;
        try {
            sent = sender.send(request);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((answer, error) -> {
            if (error != null) {
                throw noAnswer(error);
            }
            return decode.apply(answer);
        });
    }

    private static CxException noAnswer(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof CxException cx) {
            return cx;
        }
        if (t instanceof DiameterRequestException d) {
            return new CxException(CxFailure.BACKEND_UNAVAILABLE, "no answer from the HSS: " + d.reason()
                    + " (" + d.getMessage() + ")");
        }
        return new CxException(CxFailure.BACKEND_UNAVAILABLE, "no answer from the HSS: " + t);
    }

    // ---- encoding (package-private so tests can compare with captured requests)

    DiameterMessage uarMessage(UserAuthorizationRequest r) {
        return new org.imscore.diameter.cx.UserAuthorizationRequest(header(), r.privateIdentity(), r.publicIdentity(),
                r.visitedNetworkId(), r.type().ordinal(), OptionalLong.empty(), List.of()).toMessage();
    }

    DiameterMessage marMessage(MultimediaAuthRequest r) {
        SipAuthDataItem item = r.resynchronization()
                .map(ra -> SipAuthDataItem.resync(r.scheme().cxName(), ra))
                .orElseGet(() -> SipAuthDataItem.request(r.scheme().cxName()));
        return new org.imscore.diameter.cx.MultimediaAuthRequest(header(), r.privateIdentity(), r.publicIdentity(),
                item, r.numberOfVectors(), r.serverName(), List.of()).toMessage();
    }

    DiameterMessage sarMessage(ServerAssignmentRequest r) {
        return new org.imscore.diameter.cx.ServerAssignmentRequest(header(), r.privateIdentity(),
                r.publicIdentities(), Optional.empty(), r.serverName(), r.type().value(),
                r.userDataAlreadyAvailable(), OptionalInt.empty(), OptionalLong.empty(), List.of()).toMessage();
    }

    DiameterMessage lirMessage(LocationInfoRequest r) {
        OptionalInt type = r.includeCapabilities()
                ? OptionalInt.of(UserAuthorizationRequest.AuthorizationType.REGISTRATION_AND_CAPABILITIES.ordinal())
                : OptionalInt.empty();
        return new org.imscore.diameter.cx.LocationInfoRequest(header(), r.publicIdentity(), r.originating(), type,
                OptionalInt.empty()).toMessage();
    }

    // ---- decoding

    static UserAuthorizationAnswer uaa(DiameterMessage m) {
        var a = org.imscore.diameter.cx.UserAuthorizationAnswer.from(m)
                .orElseThrow(() -> unreadable("UAA", m));
        CxResult r = a.result();
        if (!r.isSuccess()) {
            throw CxResults.exception("UAA", r);
        }
        UserAuthorizationAnswer.RegistrationStatus status;
        if (!r.experimental()) {
            // A base 2001 is not what TS 29.229 specifies, but says "go ahead"; read it by Server-Name.
            status = a.serverName().isPresent() ? UserAuthorizationAnswer.RegistrationStatus.SUBSEQUENT_REGISTRATION
                    : UserAuthorizationAnswer.RegistrationStatus.FIRST_REGISTRATION;
        } else {
            status = switch ((int) r.code()) {
                case CxResultCode.FIRST_REGISTRATION -> UserAuthorizationAnswer.RegistrationStatus.FIRST_REGISTRATION;
                case CxResultCode.SUBSEQUENT_REGISTRATION ->
                        UserAuthorizationAnswer.RegistrationStatus.SUBSEQUENT_REGISTRATION;
                case CxResultCode.UNREGISTERED_SERVICE -> UserAuthorizationAnswer.RegistrationStatus.UNREGISTERED_SERVICE;
                case CxResultCode.SUCCESS_SERVER_NAME_NOT_STORED ->
                        UserAuthorizationAnswer.RegistrationStatus.SERVER_NAME_NOT_STORED;
                default -> throw new CxException(CxFailure.BACKEND_ERROR, "UAA with unknown success code " + r.code());
            };
        }
        return new UserAuthorizationAnswer(status, a.serverName(), a.serverCapabilities().map(c ->
                new ScscfCapabilities(c.mandatoryCapabilities(), c.optionalCapabilities(), c.serverNames())));
    }

    static MultimediaAuthAnswer maa(DiameterMessage m, MultimediaAuthRequest request) {
        var a = org.imscore.diameter.cx.MultimediaAuthAnswer.from(m).orElseThrow(() -> unreadable("MAA", m));
        if (!a.result().isSuccess()) {
            throw CxResults.exception("MAA", a.result());
        }
        List<AuthVector> vectors = new ArrayList<>();
        for (SipAuthDataItem item : a.authDataItems()) {
            vectors.add(vector(item, request.scheme()));
        }
        if (vectors.isEmpty()) {
            throw new CxException(CxFailure.BACKEND_ERROR, "MAA success without SIP-Auth-Data-Item");
        }
        return new MultimediaAuthAnswer(a.userName().orElse(request.privateIdentity()),
                a.publicIdentity().orElse(request.publicIdentity()), vectors);
    }

    private static AuthVector vector(SipAuthDataItem item, AuthScheme asked) {
        AuthScheme scheme = item.scheme().flatMap(AuthScheme::ofCxName).orElse(asked);
        if (scheme == AuthScheme.UNKNOWN) {
            throw bad("SIP-Auth-Data-Item names no usable scheme: " + item.scheme().orElse("(none)"));
        }
        if (scheme.isAka()) {
            byte[] randAutn = item.authenticate().orElseThrow(() -> bad("AKA item without SIP-Authenticate"));
            if (randAutn.length < 32) {
                throw bad("SIP-Authenticate is " + randAutn.length + " octets, RAND||AUTN needs 32");
            }
            byte[] xres = item.authorization().orElseThrow(() -> bad("AKA item without SIP-Authorization (XRES)"));
            byte[] ck = item.confidentialityKey().orElseThrow(() -> bad("AKA item without Confidentiality-Key"));
            byte[] ik = item.integrityKey().orElseThrow(() -> bad("AKA item without Integrity-Key"));
            try {
                return new AuthVector.Aka(scheme, Arrays.copyOfRange(randAutn, 0, 16),
                        Arrays.copyOfRange(randAutn, 16, 32), xres, ck, ik);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }
        Avp digest = item.otherAvps().stream().filter(x -> x.is(CxAvps.SIP_DIGEST_AUTHENTICATE)).findFirst()
                .orElseThrow(() -> bad("SIP Digest item without SIP-Digest-Authenticate"));
        return new AuthVector.Digest(digest.utf8(CxAvps.DIGEST_REALM).orElseThrow(() -> bad("no Digest-Realm")),
                digest.utf8(CxAvps.DIGEST_ALGORITHM).orElse("MD5"), digest.utf8(CxAvps.DIGEST_QOP).orElse(""),
                digest.utf8(CxAvps.DIGEST_HA1).orElseThrow(() -> bad("no Digest-HA1")));
    }

    static ServerAssignmentAnswer saa(DiameterMessage m) {
        var a = org.imscore.diameter.cx.ServerAssignmentAnswer.from(m).orElseThrow(() -> unreadable("SAA", m));
        if (!a.result().isSuccess()) {
            throw CxResults.exception("SAA", a.result());
        }
        Optional<UserProfile> profile;
        try {
            profile = a.userData().map(UserProfileXml::parse);
        } catch (IllegalArgumentException e) {
            throw bad("SAA User-Data: " + e.getMessage());
        }
        return new ServerAssignmentAnswer(a.userName(), profile, a.associatedIdentities());
    }

    static LocationInfoAnswer lia(DiameterMessage m) {
        var a = org.imscore.diameter.cx.LocationInfoAnswer.from(m).orElseThrow(() -> unreadable("LIA", m));
        CxResult r = a.result();
        if (!r.isSuccess()) {
            throw CxResults.exception("LIA", r);
        }
        boolean unregistered = r.experimental() && r.code() == CxResultCode.UNREGISTERED_SERVICE;
        return new LocationInfoAnswer(unregistered, a.serverName(), a.serverCapabilities().map(c ->
                new ScscfCapabilities(c.mandatoryCapabilities(), c.optionalCapabilities(), c.serverNames())),
                a.wildcardedPublicIdentity());
    }

    /** An RTR from the HSS as the S-CSCF registrar takes it; the RTA is answered by the wiring. */
    public static RegistrationTermination registrationTermination(
            org.imscore.diameter.cx.RegistrationTerminationRequest rtr) {
        RegistrationTermination.Reason[] reasons = RegistrationTermination.Reason.values();
        int code = rtr.reason().reasonCode();
        // An unknown Reason-Code is read as permanent: the safe side is not to invite the UE back.
        RegistrationTermination.Reason reason = code >= 0 && code < reasons.length ? reasons[code]
                : RegistrationTermination.Reason.PERMANENT_TERMINATION;
        return new RegistrationTermination(rtr.userName(), rtr.associatedIdentities(), rtr.publicIdentities(), reason,
                rtr.reason().reasonInfo());
    }

    private static CxException unreadable(String command, DiameterMessage m) {
        String what = m.isRequest() ? " request" : " answer";
        return new CxException(CxFailure.BACKEND_ERROR, "expected a " + command + ", got command " + m.commandCode()
                + what + " (or one without Result-Code and Experimental-Result)");
    }

    private static CxException bad(String what) {
        return new CxException(CxFailure.BACKEND_ERROR, what);
    }
}
