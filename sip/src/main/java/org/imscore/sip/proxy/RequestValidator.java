package org.imscore.sip.proxy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * Request validation of a proxy, RFC 3261 §16.3, steps 1 to 5 (step 6, Proxy-Authorization, belongs to the
 * roles that authenticate). A request that fails is answered by the proxy with the response returned here;
 * the parser has already checked the start line and the headers every message has.
 *
 * @param local our addresses, for loop detection and to recognise requests addressed to us
 * @param supportedExtensions the option tags this proxy implements; any other in Proxy-Require gets 420
 */
public record RequestValidator(LocalAddresses local, Set<String> supportedExtensions) {

    /** URI schemes a proxy can route (§16.3 step 2); tel is handed to the target resolver. */
    public static final Set<String> UNDERSTOOD_SCHEMES = Set.of("sip", "sips", "tel");

    public RequestValidator {
        supportedExtensions = Set.copyOf(supportedExtensions);
    }

    /** The response to reject {@code request} with, or empty when it may be processed further. */
    public Optional<SipResponse> validate(SipRequest request) {
        // Step 1, reasonable syntax: the headers a proxy acts on must parse; others travel untouched.
        try {
            request.routes();
            request.headers(HeaderType.PROXY_REQUIRE);
            request.vias();
        } catch (MalformedHeaderException e) {
            return reject(request, 400, e.reasonPhrase());
        }
        // Step 2, URI scheme.
        if (!UNDERSTOOD_SCHEMES.contains(request.requestUri().scheme())) {
            return reject(request, 416, "Unsupported URI Scheme");
        }
        // Step 3, Max-Forwards. An OPTIONS for the proxy itself is answered by it as a UAS instead (§11, §16.3).
        if (request.maxForwards().orElse(1) == 0
                && !(request.isMethod(SipRequest.OPTIONS) && isAddressedToUs(request, local))) {
            return reject(request, 483, "Too Many Hops");
        }
        // Step 4, loop detection by the branch of our own Via (§16.6 item 8).
        if (LoopDetection.isLoop(request, local)) {
            return reject(request, 482, "Loop Detected");
        }
        // Step 5, Proxy-Require.
        List<String> required = request.headers(HeaderType.PROXY_REQUIRE);
        if (required.isEmpty()) {
            return Optional.empty(); // nearly every request: no stream to make
        }
        List<String> unsupported = required.stream()
                .filter(tag -> !supportedExtensions.contains(tag))
                .distinct()
                .toList();
        if (!unsupported.isEmpty()) {
            SipResponse r = SipResponse.forRequest(request, 420, "Bad Extension")
                    .toTag(newTag())
                    .add(HeaderNames.UNSUPPORTED, String.join(", ", unsupported))
                    .build();
            return Optional.of(r);
        }
        return Optional.empty();
    }

    /**
     * Whether the request is for this proxy as a UAS: its Request-URI names one of our listening points and
     * every Route value left names us too (so it goes nowhere else).
     */
    public static boolean isAddressedToUs(SipRequest request, LocalAddresses local) {
        if (!local.isUs(request.requestUri())) {
            return false;
        }
        for (NameAddress route : request.routes()) {
            if (!local.isUs(route.uri())) {
                return false;
            }
        }
        return true;
    }

    private static Optional<SipResponse> reject(SipRequest request, int status, String reason) {
        return Optional.of(SipResponse.forRequest(request, status, reason).toTag(newTag()).build());
    }

    /** A To tag for a response this proxy generates (RFC 3261 §8.2.6.2, §16.7 step 6 for 408 and 503 too). */
    static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }
}
