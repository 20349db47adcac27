package org.imscore.sip.proxy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.uri.Hosts;
import org.imscore.sip.uri.SipUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy logic of RFC 3261 §16 over immutable messages, without sockets or transactions: validation
 * (§16.3), route preprocessing (§16.4), target determination (§16.5), the forwarded copy (§16.6) and the
 * handling of our Via on responses (§16.7 step 3). {@link StatefulProxy} runs it on the transaction layer; the
 * CSCFs run it with their own {@link TargetResolver}.
 */
public final class ProxyCore {

    private static final Logger log = LoggerFactory.getLogger(ProxyCore.class);

    private final LocalAddresses local;
    private final RequestValidator validator;
    private final RoutePreprocessor preprocessor;
    private final RequestForwarder forwarder;
    private final TargetResolver resolver;

    /**
     * @param local our listening points and domains
     * @param resolver the routing function for requests to our domains
     * @param nextHops how a URI becomes a transport address
     * @param recordRoute whether to Record-Route dialog-creating requests
     * @param supportedExtensions option tags accepted in Proxy-Require; with "path" a REGISTER from a UA that
     *     supports it gets our Path (RFC 3327)
     */
    public ProxyCore(LocalAddresses local, TargetResolver resolver, NextHopResolver nextHops, boolean recordRoute,
                     Set<String> supportedExtensions) {
        this.local = local;
        this.validator = new RequestValidator(local, supportedExtensions);
        this.preprocessor = new RoutePreprocessor(local);
        this.forwarder = new RequestForwarder(local, nextHops, recordRoute, supportedExtensions.contains("path"));
        this.resolver = resolver;
    }

    public LocalAddresses local() {
        return local;
    }

    /** §16.3 to §16.5 for a request as received on {@code receivedOn}. */
    public RequestDecision decide(SipRequest received, ListeningPoint receivedOn) {
        Optional<SipResponse> invalid = validator.validate(received);
        if (invalid.isPresent()) {
            return new RequestDecision.Respond(invalid.get());
        }
        SipRequest request = preprocessor.preprocess(received, receivedOn);
        if (request.isMethod(SipRequest.OPTIONS) && RequestValidator.isAddressedToUs(request, local)) {
            return new RequestDecision.Local(request);
        }
        return toRequestDecision(received, request, targets(request));
    }

    private static RequestDecision toRequestDecision(SipRequest received, SipRequest request, TargetDecision d) {
        return switch (d) {
            case TargetDecision.Forward f -> new RequestDecision.Forward(request, f.targets());
            case TargetDecision.Reject r -> new RequestDecision.Respond(
                    SipResponse.forRequest(received, r.statusCode(), r.reasonPhrase())
                            .toTag(RequestValidator.newTag()).build());
            case TargetDecision.Answer a -> new RequestDecision.Respond(a.response());
            case TargetDecision.Pending p -> new RequestDecision.Pending(
                    p.decision().thenApply(later -> toRequestDecision(received, request, later)));
        };
    }

    /**
     * §16.5: a Request-URI with {@code maddr}, one outside our domains, or one followed by Route values is the
     * only target; the routing function decides for the rest.
     */
    TargetDecision targets(SipRequest request) {
        boolean maddr = request.requestUri() instanceof SipUri sip && sip.maddr().isPresent();
        if (maddr || !request.routes().isEmpty() || !local.isResponsibleFor(request.requestUri())) {
            return TargetDecision.forward(List.of(Target.of(request.requestUri())));
        }
        return resolver.resolve(request);
    }

    /** §16.6: the copy of {@code request} for {@code target}, with a new loop-detecting branch. */
    public ForwardedRequest forward(SipRequest received, SipRequest request, Target target, ListeningPoint receivedOn)
            throws UnreachableTargetException {
        String branch = LoopDetection.stateful(LoopDetection.loopHash(received));
        return forwarder.forward(request, target, branch, receivedOn);
    }

    /**
     * §16.11: the copy of a request forwarded without a transaction (ACK for a 2xx, a CANCEL we know nothing
     * of), with a branch that is the same for each retransmission of it.
     */
    public ForwardedRequest forwardStateless(SipRequest received, SipRequest request, Target target,
                                             ListeningPoint receivedOn) throws UnreachableTargetException {
        return forwarder.forward(request, target, LoopDetection.stateless(received), receivedOn);
    }

    /**
     * §16.7 step 3: the response with our top Via removed, or empty when the top Via is not ours or none is
     * left under it (then the response was meant for this proxy as a UAC and goes no further). Empty too when the
     * next Via does not parse or names a broadcast address: the response has nowhere to go.
     */
    public Optional<SipResponse> withoutOurVia(SipResponse response) {
        Optional<Via> next;
        try {
            if (!local.isOurVia(response.topVia())) {
                return Optional.empty();
            }
            next = response.secondVia(); // the Vias under it are not read: they are the next hops' business
        } catch (MalformedHeaderException e) {
            log.debug("dropping {}: {}", response.startLine(), e.getMessage());
            return Optional.empty();
        }
        if (next.isEmpty() || isBroadcast(next.get())) {
            return Optional.empty();
        }
        return Optional.of(response.toBuilder().removeFirstValue(HeaderNames.VIA).build());
    }

    /**
     * A next Via naming a broadcast or multicast address without {@code maddr} would make us spray the response
     * over a network (RFC 4475 §3.3.10): such a response is dropped.
     */
    private static boolean isBroadcast(Via next) {
        if (next.maddr().isPresent()) {
            return false;
        }
        String host = next.received().orElse(next.host());
        if (!Hosts.isIpv4Address(host)) {
            return false;
        }
        int first = Integer.parseInt(host.substring(0, host.indexOf('.')));
        return host.equals("255.255.255.255") || (first >= 224 && first <= 239);
    }
}
