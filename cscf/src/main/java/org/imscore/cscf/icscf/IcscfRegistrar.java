package org.imscore.cscf.icscf;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.imscore.cscf.cx.CxClient;
import org.imscore.cscf.cx.CxException;
import org.imscore.cscf.cx.CxFailure;
import org.imscore.cscf.cx.Identities;
import org.imscore.cscf.cx.ScscfCapabilities;
import org.imscore.cscf.cx.UserAuthorizationAnswer;
import org.imscore.cscf.cx.UserAuthorizationRequest.AuthorizationType;
import org.imscore.cscf.cx.UserAuthorizationRequest;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.uri.InvalidUriException;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I-CSCF at REGISTER (TS 24.229 §5.3.1.2): UAR with the identities of the request, then forward to the S-CSCF
 * the HSS names or one chosen by capabilities, or refuse with the response the Cx result calls for.
 */
public final class IcscfRegistrar {

    private static final Logger log = LoggerFactory.getLogger(IcscfRegistrar.class);

    /** What to do with the REGISTER. */
    public sealed interface Decision {
        /** Forward this request (its Request-URI is the S-CSCF, as the captured I-CSCF does). */
        record Forward(SipRequest request, String serverName) implements Decision {
        }

        /** Answer with this. */
        record Reject(SipResponse response) implements Decision {
        }
    }

    /** The UAR parameters of a REGISTER, or the response that refuses a REGISTER they cannot be read from. */
    public sealed interface UarParameters {
        record Read(UserAuthorizationRequest request) implements UarParameters {
        }

        record Unreadable(SipResponse response) implements UarParameters {
        }
    }

    private final IcscfConfig config;
    private final CxClient cx;
    private final ScscfSelector selector;

    public IcscfRegistrar(IcscfConfig config, CxClient cx) {
        this.config = config;
        this.cx = cx;
        this.selector = new ScscfSelector(config.scscfs());
    }

    /** UAR, then {@link #decide} or {@link #failure}. */
    public CompletionStage<Decision> route(SipRequest register) {
        UarParameters p = uarParameters(register);
        if (p instanceof UarParameters.Unreadable u) {
            return CompletableFuture.completedFuture(new Decision.Reject(u.response()));
        }
        UserAuthorizationRequest uar = ((UarParameters.Read) p).request();
        return cx.userAuthorization(uar).handle((uaa, error) -> error != null
                ? new Decision.Reject(failure(register, CxException.failureOf(error)))
                : decide(register, uaa));
    }

    /**
     * TS 29.228 §6.1.1.1: Public-Identity from To, User-Name from the Authorization username (or the IMPI the IMPU
     * implies), Visited-Network-Identifier from P-Visited-Network-ID, and DE_REGISTRATION when the request removes
     * every contact (Expires 0).
     */
    public UarParameters uarParameters(SipRequest register) {
        try {
            Uri impu = register.to().uri();
            Optional<DigestCredentials> auth = register.header(HeaderType.AUTHORIZATION);
            String impi = auth.map(DigestCredentials::username).filter(u -> !u.isEmpty())
                    .orElseGet(() -> Identities.privateIdentityFrom(impu));
            String visited = register.headers(HeaderType.P_VISITED_NETWORK_ID).stream().findFirst()
                    .orElse(config.homeDomain());
            AuthorizationType type = isDeregistration(register) ? AuthorizationType.DE_REGISTRATION
                    : AuthorizationType.REGISTRATION;
            return new UarParameters.Read(new UserAuthorizationRequest(Identities.key(impu), impi, visited, type));
        } catch (MalformedHeaderException e) {
            return new UarParameters.Unreadable(SipResponse.forRequest(register, 400, e.reasonPhrase()).build());
        } catch (IllegalArgumentException e) {
            return new UarParameters.Unreadable(SipResponse.forRequest(register, 403, "Forbidden - No private identity")
                    .build());
        }
    }

    /**
     * A successful UAA: the assigned S-CSCF (Server-Name), else one chosen from Server-Capabilities (TS 24.229
     * §5.3.1.2). No S-CSCF to be had is 480 with Retry-After: a later attempt may find one.
     */
    public Decision decide(SipRequest register, UserAuthorizationAnswer uaa) {
        Optional<String> server = uaa.serverName()
                .or(() -> uaa.capabilities().flatMap(selector::select))
                .or(() -> uaa.capabilities().isEmpty() ? selector.select(
                        new ScscfCapabilities(List.of(), List.of(), List.of())) : Optional.empty());
        if (server.isEmpty()) {
            log.info("REGISTER {}: 480 no S-CSCF with the capabilities {}", register.to().uri(), uaa.capabilities());
            return new Decision.Reject(SipResponse.forRequest(register, 480, "No S-CSCF available")
                    .add(HeaderNames.RETRY_AFTER, Long.toString(config.retryAfterSeconds())).build());
        }
        Uri target;
        try {
            target = Uri.parse(server.get());
        } catch (InvalidUriException e) {
            log.warn("REGISTER {}: Server-Name '{}' is not a URI", register.to().uri(), server.get());
            return new Decision.Reject(SipResponse.forRequest(register, 500, "Bad Server-Name from HSS")
                    .add(HeaderNames.RETRY_AFTER, Long.toString(config.retryAfterSeconds())).build());
        }
        if (log.isInfoEnabled()) {
            log.info("REGISTER {}: {} -> {}", register.to().uri(), uaa.status(), target);
        }
        return new Decision.Forward(register.toBuilder().requestUri(target).build(), server.get());
    }

    /**
     * A failed UAR as SIP (TS 24.229 §5.3.1.2): the HSS's verdicts are 403 with the reason; an HSS that does not
     * answer is 504, one that answers nonsense 480, both with Retry-After, never 403.
     */
    public SipResponse failure(SipRequest register, CxFailure failure) {
        String retry = Long.toString(config.retryAfterSeconds());
        SipResponse response = switch (failure) {
            case BACKEND_UNAVAILABLE -> SipResponse.forRequest(register, 504, failure.reason())
                    .add(HeaderNames.RETRY_AFTER, retry).build();
            case BACKEND_ERROR -> SipResponse.forRequest(register, 480, failure.reason())
                    .add(HeaderNames.RETRY_AFTER, retry).build();
            default -> forbidden(register, failure.reason());
        };
        log.info("REGISTER {}: UAR {}: {} {}", register.to().uri(), failure, response.statusCode(),
                response.reasonPhrase());
        return response;
    }

    private static SipResponse forbidden(SipRequest register, String reason) {
        return SipResponse.forRequest(register, 403, "Forbidden - " + reason).build();
    }

    /** Every Contact has expires 0 (or Contact: * with Expires: 0): the UE is leaving. */
    private static boolean isDeregistration(SipRequest register) {
        List<Contact> contacts = register.contacts();
        if (contacts.isEmpty()) {
            return false;
        }
        long headerExpires = register.header(HeaderType.EXPIRES).orElse(-1L);
        return contacts.stream().allMatch(c -> c.isWildcard() ? headerExpires == 0
                : c.expires().isPresent() ? c.expires().getAsLong() == 0 : headerExpires == 0);
    }
}
