package org.imscore.cscf.scscf;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.imscore.cscf.cx.Identities;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.ForkTimers;
import org.imscore.sip.proxy.ForkingMode;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.TelUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S-CSCF's session routing for initial requests (TS 24.229 §5.4.3), plain logic over messages and the binding
 * store:
 * <ul>
 * <li>originating (the request came in on the Service-Route, {@code sip:orig@...}): the served user is the
 *     P-Asserted-Identity the P-CSCF wrote, which must be registered here and not barred; a target in the home
 *     network (its domain, or a number) goes to the I-CSCF for the LIR, any other to its Request-URI
 *     (§5.4.3.2);</li>
 * <li>terminating (from the I-CSCF): one branch per active contact of the addressed identity, each with the
 *     contact as Request-URI, the Path of its registration as Route and the original Request-URI in
 *     P-Called-Party-ID (§5.4.3.3); no active contact is 480, a barred identity 404. The branches are forked as
 *     {@link ForkingConfig} says, or as the caller's Request-Disposition asks (RFC 3841 §9.1): in parallel, or in
 *     sequence by q-value, highest first, the contacts of equal q-value together (RFC 3261 §16.6); an INVITE that
 *     rings unanswered for the no-answer time is cancelled and answered 480.</li>
 * </ul>
 * Initial filter criteria (ISC to application servers) are evaluated before, by the node's ISC router.
 */
public final class SessionRouter {

    private static final Logger log = LoggerFactory.getLogger(SessionRouter.class);

    /** What to do with an initial request. */
    public sealed interface Decision {
        /**
         * Forward one copy per leg: the tiers one after the other, the legs of a tier at once (RFC 3261 §16.6), with
         * the branch and no-answer times of {@code timers}.
         */
        record Fork(List<List<SipRequest>> tiers, ForkTimers timers) implements Decision {
            public Fork {
                tiers = tiers.stream().map(List::copyOf).toList();
                if (tiers.isEmpty() || tiers.stream().anyMatch(List::isEmpty)) {
                    throw new IllegalArgumentException("a fork needs at least one leg, and no empty tier");
                }
                Objects.requireNonNull(timers, "timers");
            }

            /** One leg, no forking timers. */
            public static Fork of(SipRequest leg) {
                return new Fork(List.of(List.of(leg)), ForkTimers.NONE);
            }

            /** Every leg, tier by tier. */
            public List<SipRequest> legs() {
                return tiers.stream().flatMap(List::stream).toList();
            }
        }

        /** Answer with this. */
        record Reject(SipResponse response) implements Decision {
        }
    }

    /**
     * @param homeDomain the home network domain: targets in it are looked up at the HSS through the I-CSCF
     * @param icscfRoute the I-CSCF as a loose route, e.g. {@code <sip:127.0.0.1:4060;lr>}
     * @param serverName our Server-Name, e.g. {@code sip:scscf.DOMAIN:6060}: the Route the I-CSCF writes for us
     * @param forking    how a callee's contacts are tried
     * @param numbers    numbers translated before routing (the local ENUM of §5.4.3.2)
     */
    public record Config(String homeDomain, NameAddress icscfRoute, String serverName, ForkingConfig forking,
                         NumberTable numbers) {
        public Config {
            Objects.requireNonNull(homeDomain, "homeDomain");
            Objects.requireNonNull(icscfRoute, "icscfRoute");
            Objects.requireNonNull(serverName, "serverName");
            Objects.requireNonNull(forking, "forking");
            Objects.requireNonNull(numbers, "numbers");
        }

        /** Without a number table. */
        public Config(String homeDomain, NameAddress icscfRoute, String serverName, ForkingConfig forking) {
            this(homeDomain, icscfRoute, serverName, forking, NumberTable.empty());
        }

        /** With {@link ForkingConfig#defaults()}. */
        public Config(String homeDomain, NameAddress icscfRoute, String serverName) {
            this(homeDomain, icscfRoute, serverName, ForkingConfig.defaults());
        }
    }

    private final Config config;
    private final SipUri ownName;
    private final BindingStore bindings;
    private final Clock clock;

    public SessionRouter(Config config, BindingStore bindings, Clock clock) {
        this.config = config;
        this.ownName = SipUri.parse(config.serverName());
        this.bindings = bindings;
        this.clock = clock;
    }

    /** Whether the request came along the Service-Route we hand out ({@code sip:orig@...}, RFC 3608). */
    public static boolean isOriginating(SipRequest received) {
        List<NameAddress> routes = received.routes();
        return !routes.isEmpty() && routes.get(0).uri() instanceof SipUri top && "orig".equals(top.user());
    }

    /**
     * The request without a top Route naming us by our Server-Name (the I-CSCF routes by name, RFC 3261 §16.4; our
     * own addresses the node removes itself).
     */
    public SipRequest withoutOwnName(SipRequest request) {
        List<NameAddress> routes = request.routes();
        if (routes.isEmpty() || !(routes.get(0).uri() instanceof SipUri top)
                || !top.host().equalsIgnoreCase(ownName.host()) || top.portOrDefault() != ownName.portOrDefault()) {
            return request;
        }
        return request.toBuilder().removeFirstValue(HeaderNames.ROUTE).build();
    }

    /**
     * The served user of an initial request (TS 24.229 §5.4.3.2, §5.4.3.3), whose filter criteria apply: the asserted
     * originator, registered and not barred, or the callee we hold a registration for. Empty when there is none;
     * {@link #originating} and {@link #terminating} then answer the request.
     */
    public Optional<Registration> servedUser(SipRequest request, boolean originating) {
        Instant now = clock.instant();
        if (!originating) {
            return bindings.find(Identities.routingKey(request.requestUri())).filter(r -> !r.isBarred());
        }
        try {
            return request.header(HeaderType.P_ASSERTED_IDENTITY)
                    .flatMap(a -> bindings.find(Identities.key(a.uri())))
                    .filter(r -> !r.activeContacts(now).isEmpty() && !r.isBarred());
        } catch (MalformedHeaderException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code served} has a contact to reach it now (terminating registered or unregistered case). */
    public boolean reachable(Registration served) {
        return !served.activeContacts(clock.instant()).isEmpty();
    }

    /** TS 24.229 §5.4.3.2: an initial request from a served user, its own Route values already removed. */
    public Decision originating(SipRequest request) {
        Optional<NameAddress> asserted;
        try {
            asserted = request.header(HeaderType.P_ASSERTED_IDENTITY);
        } catch (MalformedHeaderException e) {
            return reject(request, 400, e.reasonPhrase());
        }
        if (asserted.isEmpty()) {
            return reject(request, 403, "Forbidden - No P-Asserted-Identity");
        }
        Instant now = clock.instant();
        Optional<Registration> served = bindings.find(Identities.key(asserted.get().uri()))
                .filter(r -> !r.activeContacts(now).isEmpty());
        if (served.isEmpty()) {
            return reject(request, 403, "Forbidden - Not registered");
        }
        if (served.get().isBarred()) {
            return reject(request, 403, "Forbidden - Identity barred");
        }
        SipRequest out = request;
        Optional<Uri> translated = config.numbers().translate(request.requestUri());
        if (translated.isPresent()) {
            // §5.4.3.2 step 10: a dialled number is translated (ENUM) before the target's network is decided.
            log.info("{} {} translated to {}", request.method(), request.requestUri(), translated.get());
            out = request.toBuilder().requestUri(translated.get()).build();
        }
        if (isHome(out.requestUri())) {
            // §5.4.3.2 step 10: a target of our own network is found through the I-CSCF (LIR at the HSS).
            out = out.toBuilder().prepend(HeaderNames.ROUTE, config.icscfRoute().toString()).build();
        }
        log.info("{} {} originating for {}", request.method(), request.requestUri(), served.get().publicIdentity());
        return Decision.Fork.of(out);
    }

    /** TS 24.229 §5.4.3.3: an initial request for a user we serve, routed here by the I-CSCF. */
    public Decision terminating(SipRequest request) {
        String key = Identities.routingKey(request.requestUri());
        Instant now = clock.instant();
        Optional<Registration> callee = bindings.find(key);
        if (callee.isPresent() && callee.get().isBarred()) {
            return reject(request, 404, "Not Found");
        }
        List<ContactBinding> contacts = callee.map(r -> r.activeContacts(now)).orElse(List.of());
        if (contacts.isEmpty()) {
            return reject(request, 480, "Temporarily Unavailable");
        }
        ForkingMode mode = requestedForking(request).orElse(config.forking().defaultMode());
        // Highest q first; contacts of equal q keep their registration order (a stable sort).
        List<ContactBinding> ordered = contacts.stream()
                .sorted(Comparator.comparingDouble(ContactBinding::q).reversed()).toList();
        List<List<SipRequest>> tiers = new ArrayList<>();
        double tierQ = Double.NaN;
        for (ContactBinding c : ordered) {
            if (tiers.isEmpty() || mode == ForkingMode.SEQUENTIAL && c.q() != tierQ) {
                tiers.add(new ArrayList<>());
                tierQ = c.q();
            }
            tiers.get(tiers.size() - 1).add(leg(request, c));
        }
        ForkTimers timers = ForkTimers.NONE.withNoAnswer(config.forking().noAnswer());
        if (tiers.size() > 1) {
            timers = timers.withBranchTimeout(config.forking().branchTimeout());
        }
        if (log.isInfoEnabled()) {
            log.info("{} {} terminating: {} contact(s), {} in {} tier(s)", request.method(), request.requestUri(),
                    ordered.size(), mode.name().toLowerCase(Locale.ROOT), tiers.size());
        }
        return new Decision.Fork(tiers, timers);
    }

    /** The copy for one contact: its URI, its registration's Path as Route, the callee's identity named. */
    private static SipRequest leg(SipRequest request, ContactBinding contact) {
        SipRequest.Builder b = request.toBuilder().requestUri(contact.uri()).remove(HeaderNames.ROUTE);
        contact.path().forEach(p -> b.add(HeaderType.ROUTE, p));
        b.set("P-Called-Party-ID", "<" + request.requestUri() + ">");
        return b.build();
    }

    /**
     * RFC 3841 §9.1: the caller's "parallel" or "sequential" search directive in Request-Disposition (compact form
     * {@code d}), the first one given; other directives (proxy, cancel, fork, recurse, queue) and unknown ones leave
     * the choice to us.
     */
    static Optional<ForkingMode> requestedForking(SipRequest request) {
        for (HeaderField field : request.headerFields(HeaderNames.REQUEST_DISPOSITION)) {
            for (String directive : field.value().split(",")) {
                switch (directive.trim().toLowerCase(Locale.ROOT)) {
                    case "parallel" -> {
                        return Optional.of(ForkingMode.PARALLEL);
                    }
                    case "sequential" -> {
                        return Optional.of(ForkingMode.SEQUENTIAL);
                    }
                    default -> {
                        // not about the search order
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean isHome(Uri uri) {
        if (uri instanceof TelUri) {
            return true;
        }
        return uri instanceof SipUri sip
                && sip.host().toLowerCase(Locale.ROOT).equals(config.homeDomain().toLowerCase(Locale.ROOT));
    }

    private static Decision reject(SipRequest request, int status, String reason) {
        log.info("{} {}: {} {}", request.method(), request.requestUri(), status, reason);
        return new Decision.Reject(SipResponse.forRequest(request, status, reason)
                .toTag(Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)).build());
    }
}
