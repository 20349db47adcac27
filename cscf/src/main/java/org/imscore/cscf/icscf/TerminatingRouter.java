package org.imscore.cscf.icscf;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.imscore.cscf.cx.CxClient;
import org.imscore.cscf.cx.CxException;
import org.imscore.cscf.cx.CxFailure;
import org.imscore.cscf.cx.Identities;
import org.imscore.cscf.cx.LocationInfoAnswer;
import org.imscore.cscf.cx.LocationInfoRequest;
import org.imscore.cscf.cx.ScscfCapabilities;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.uri.InvalidUriException;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I-CSCF for an initial request towards a home user (TS 24.229 §5.3.2.1, TS 29.228 §6.1.4): LIR for the
 * Request-URI, then the serving S-CSCF (or one chosen by capabilities for an unregistered user with services) goes on
 * top of the Route set; a user the HSS does not know is 404, one with no services while unregistered 480.
 */
public final class TerminatingRouter {

    private static final Logger log = LoggerFactory.getLogger(TerminatingRouter.class);

    private final IcscfConfig config;
    private final CxClient cx;
    private final ScscfSelector selector;

    public TerminatingRouter(IcscfConfig config, CxClient cx) {
        this.config = config;
        this.cx = cx;
        this.selector = new ScscfSelector(config.scscfs());
    }

    public CompletionStage<IcscfRegistrar.Decision> route(SipRequest request) {
        String impu = Identities.routingKey(request.requestUri());
        return cx.locationInfo(new LocationInfoRequest(impu, false, false))
                .handle((lia, error) -> error != null ? failure(request, CxException.failureOf(error))
                        : decide(request, lia));
    }

    IcscfRegistrar.Decision decide(SipRequest request, LocationInfoAnswer lia) {
        Optional<String> server = lia.serverName().or(() -> lia.capabilities().flatMap(selector::select))
                .or(() -> lia.unregisteredService() && lia.capabilities().isEmpty()
                        ? selector.select(new ScscfCapabilities(List.of(), List.of(), List.of())) : Optional.empty());
        if (server.isEmpty()) {
            return reject(request, SipResponse.forRequest(request, 480, "No S-CSCF available")
                    .add(HeaderNames.RETRY_AFTER, Long.toString(config.retryAfterSeconds())).build());
        }
        Uri scscf;
        try {
            scscf = Uri.parse(server.get());
        } catch (InvalidUriException e) {
            return reject(request, SipResponse.forRequest(request, 500, "Bad Server-Name from HSS").build());
        }
        // TS 24.229 §5.3.2.1: the S-CSCF name becomes the topmost Route, loose-routing so the Request-URI stays.
        Uri route = scscf instanceof SipUri sip && !sip.lr() ? sip.withParameter("lr", null) : scscf;
        log.info("{} {}: -> {}", request.method(), request.requestUri(), route);
        return new IcscfRegistrar.Decision.Forward(request.toBuilder().prepend(HeaderNames.ROUTE, "<" + route + ">")
                .build(), server.get());
    }

    IcscfRegistrar.Decision failure(SipRequest request, CxFailure failure) {
        String retry = Long.toString(config.retryAfterSeconds());
        SipResponse r = switch (failure) {
            case USER_UNKNOWN -> SipResponse.forRequest(request, 404, "Not Found").build();
            case IDENTITY_NOT_REGISTERED -> SipResponse.forRequest(request, 480, "Temporarily Unavailable").build();
            case BACKEND_UNAVAILABLE -> SipResponse.forRequest(request, 504, failure.reason())
                    .add(HeaderNames.RETRY_AFTER, retry).build();
            case BACKEND_ERROR -> SipResponse.forRequest(request, 480, failure.reason())
                    .add(HeaderNames.RETRY_AFTER, retry).build();
            default -> SipResponse.forRequest(request, 403, "Forbidden - " + failure.reason()).build();
        };
        return reject(request, r);
    }

    private static IcscfRegistrar.Decision reject(SipRequest request, SipResponse response) {
        log.info("{} {}: {} {}", request.method(), request.requestUri(), response.statusCode(), response.reasonPhrase());
        return new IcscfRegistrar.Decision.Reject(response);
    }
}
