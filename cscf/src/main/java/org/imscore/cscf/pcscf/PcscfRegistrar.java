package org.imscore.cscf.pcscf;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.imscore.cscf.cx.Identities;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.cscf.state.Interner;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.PChargingVector;
import org.imscore.sip.message.SipMessageBuilder;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF's part in registration (TS 24.229 §5.2.2) and its gate for everything else (§5.2.6.3): see the package
 * comment. Methods are pure transformations of messages plus updates of the binding store.
 */
public final class PcscfRegistrar {

    private static final Logger log = LoggerFactory.getLogger(PcscfRegistrar.class);
    private static final HexFormat HEX = HexFormat.of();
    /** How many distinct Service-Routes and flows are shared; more are kept per binding. */
    private static final int SHARED_VALUES = 4096;
    /** Flows shared by many UEs are few; a UE with a flow of its own gains nothing from sharing it. */
    private static final int SHARED_FLOWS = 256;

    /** What to do with a REGISTER from a UE. */
    public sealed interface RegisterDecision {
        /** Forward this request to the I-CSCF (its top Route). */
        record Forward(SipRequest request) implements RegisterDecision {
        }

        /** Answer the UE with this. */
        record Reject(SipResponse response) implements RegisterDecision {
        }
    }

    /** The 401 for the UE, and the keys taken out of it. */
    public record ChallengeRelay(SipResponse toUe, Optional<AkaKeys> keys) {
    }

    /** What to do with a request other than REGISTER from a UE. */
    public sealed interface Admission {
        /** Forward this (identity asserted, originating route set) for this registered UE. */
        record Admitted(SipRequest request, PcscfBinding binding) implements Admission {
        }

        /** Answer with this (403: not registered). */
        record Rejected(SipResponse response) implements Admission {
        }

        /** Drop silently: an ACK cannot be answered. */
        record Discarded(String why) implements Admission {
        }
    }

    private final PcscfConfig config;
    private final PcscfBindingStore store;
    private final Clock clock;
    private final Supplier<String> icids;
    /** The S-CSCFs' Service-Routes: every UE registered at one S-CSCF gets the same. */
    private final Interner<List<NameAddress>> serviceRoutes = new Interner<>(SHARED_VALUES);
    /** The UEs' flows: many UEs may share one (behind a NAT, or a test tool playing many). */
    private final Interner<Endpoint> sources = new Interner<>(SHARED_FLOWS);

    public PcscfRegistrar(PcscfConfig config, PcscfBindingStore store, Clock clock, Supplier<String> icids) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.icids = icids;
    }

    /**
     * Prepares a UE's REGISTER for the home network (TS 24.229 §5.2.2.1): Authorization with
     * {@code integrity-protected} (one made from the From IMPU if the UE sent none), our Path on top, Supported and
     * Require {@code path}, P-Visited-Network-ID, a fresh P-Charging-Vector, the I-CSCF as Route; identity and
     * charging headers from the UE, sec-agree headers and option tags removed (this P-CSCF ends sec-agree).
     */
    public RegisterDecision forwardRegister(SipRequest register, GmProtection protection) {
        if (!register.isMethod(SipRequest.REGISTER)) {
            throw new IllegalArgumentException("not a REGISTER: " + register.method());
        }
        try {
            DigestCredentials auth = register.header(HeaderType.AUTHORIZATION).filter(DigestCredentials::isDigest)
                    .orElseGet(() -> initialCredentials(register));
            SipRequest.Builder b = register.toBuilder();
            b.set(HeaderNames.AUTHORIZATION, auth.with("integrity-protected", protection.parameter()).toString());
            b.prepend(HeaderNames.PATH, config.path().toString());
            addOptionTag(b, register, HeaderType.SUPPORTED, "path");
            List<String> require = withoutSecAgree(register.headers(HeaderType.REQUIRE));
            if (require.stream().noneMatch("path"::equalsIgnoreCase)) {
                require = new ArrayList<>(require);
                require.add("path");
            }
            b.set(HeaderNames.REQUIRE, String.join(", ", require));
            List<String> proxyRequire = withoutSecAgree(register.headers(HeaderType.PROXY_REQUIRE));
            b.remove(HeaderNames.PROXY_REQUIRE);
            if (!proxyRequire.isEmpty()) {
                b.add(HeaderNames.PROXY_REQUIRE, String.join(", ", proxyRequire));
            }
            b.remove(HeaderNames.SECURITY_CLIENT).remove(HeaderNames.SECURITY_VERIFY);
            b.remove(HeaderNames.P_ASSERTED_IDENTITY).remove(HeaderNames.P_PREFERRED_IDENTITY);
            b.set(HeaderNames.P_VISITED_NETWORK_ID, config.visitedNetworkId());
            b.set(HeaderNames.P_CHARGING_VECTOR, chargingVector().toString());
            b.remove(HeaderNames.ROUTE).add(HeaderNames.ROUTE, config.icscfRoute().toString());
            SipRequest out = b.build();
            if (log.isInfoEnabled()) {
                log.info("REGISTER {} from UE: forwarded to {}", register.to().uri(), config.icscfRoute().uri());
            }
            return new RegisterDecision.Forward(out);
        } catch (MalformedHeaderException e) {
            return new RegisterDecision.Reject(SipResponse.forRequest(register, 400, e.reasonPhrase()).build());
        } catch (IllegalArgumentException e) {
            // No Authorization and no IMPI to derive (a tel: IMPU): the home network could not authenticate it.
            log.info("REGISTER {} from UE: 403 {}", register.to().uri(), e.getMessage());
            return new RegisterDecision.Reject(SipResponse.forRequest(register, 403, "Forbidden - No private identity")
                    .build());
        }
    }

    /**
     * TS 24.229 §5.2.2.1: a REGISTER without Authorization gets one naming the IMPI derived from the public
     * identity, with the home domain as realm and empty nonce and response, so the S-CSCF can start a challenge.
     */
    private DigestCredentials initialCredentials(SipRequest register) {
        String impi = Identities.privateIdentityFrom(register.from().uri());
        return DigestCredentials.digest().with("username", impi).with("realm", config.homeDomain())
                .with("uri", "sip:" + config.homeDomain()).with("nonce", "").with("response", "");
    }

    private PChargingVector chargingVector() {
        return PChargingVector.of(icids.get()).with("icid-generated-at", config.chargingHost())
                .with("orig-ioi", config.originatingIoi());
    }

    /**
     * A 401 on its way to the UE (TS 33.203 §7.1, TS 24.229 §5.2.2.1): ck and ik are removed from WWW-Authenticate
     * and returned, for the sec-agree code to key the SAs and add Security-Server.
     */
    public ChallengeRelay relayChallenge(SipResponse unauthorized) {
        List<DigestChallenge> challenges = unauthorized.headerFields(HeaderNames.WWW_AUTHENTICATE).stream()
                .map(f -> DigestChallenge.parse(f.value())).toList();
        Optional<AkaKeys> keys = Optional.empty();
        SipResponse.Builder b = unauthorized.toBuilder().remove(HeaderNames.WWW_AUTHENTICATE);
        for (DigestChallenge c : challenges) {
            if (c.ck().isPresent() && c.ik().isPresent() && keys.isEmpty()) {
                try {
                    keys = Optional.of(new AkaKeys(HEX.parseHex(c.ck().get()), HEX.parseHex(c.ik().get())));
                } catch (IllegalArgumentException e) {
                    log.warn("401 for {} with unusable ck/ik: {}", unauthorized.to().uri(), e.getMessage());
                }
            }
            b.add(HeaderType.WWW_AUTHENTICATE, c.without("ck").without("ik"));
        }
        return new ChallengeRelay(b.build(), keys);
    }

    /**
     * The final response to a REGISTER this P-CSCF forwarded (TS 24.229 §5.2.2.1): on 2xx, each Contact of the UE's
     * request that the 200 lists with a non-zero expires becomes (or stays) a binding with the P-Associated-URI and
     * Service-Route of the 200; a contact the 200 no longer lists, or lists with expires 0, is removed.
     *
     * @return the response to forward to the UE, unchanged
     */
    public SipResponse registered(SipRequest ueRegister, Endpoint source, SipResponse response) {
        if (!response.isSuccess()) {
            return response;
        }
        Instant now = clock.instant();
        String impu = ueRegister.to().uri().toString();
        // The default identity is usually the IMPU itself: the binding then holds its text once.
        List<String> associated = response.headers(HeaderType.P_ASSOCIATED_URI).stream()
                .map(a -> a.uri().toString()).map(a -> a.equals(impu) ? impu : a).toList();
        List<NameAddress> serviceRoute = serviceRoutes.intern(
                List.copyOf(response.headers(HeaderType.SERVICE_ROUTE)));
        Endpoint flow = sources.intern(source);
        OptionalLong headerExpires = response.header(HeaderType.EXPIRES).map(OptionalLong::of).orElse(OptionalLong.empty());
        List<Contact> granted = response.contacts();
        for (Contact asked : ueRegister.contacts()) {
            if (asked.isWildcard()) {
                store.fromHost(source.address().getHostString()).forEach(x -> store.remove(x.contact()));
                continue;
            }
            Uri uri = asked.address().uri();
            Optional<Contact> match = granted.stream().filter(g -> !g.isWildcard() && g.address().uri().equivalent(uri))
                    .findFirst();
            long expires = match.map(m -> m.expires().isPresent() ? m.expires().getAsLong()
                    : headerExpires.orElse(0)).orElse(0L);
            if (expires <= 0) {
                store.remove(uri);
                continue;
            }
            store.put(new PcscfBinding(uri, flow, impu, associated, serviceRoute, now.plusSeconds(expires)));
        }
        if (log.isInfoEnabled()) {
            // The count takes the store's lock: not for a line nobody reads.
            log.info("REGISTER {} {}: {} binding(s) from {}", ueRegister.to().uri(), response.statusCode(),
                    store.countFromHost(source.address().getHostString()), source);
        }
        return response;
    }

    /**
     * The gate for requests from UEs (TS 24.229 §5.2.6.3): only a registered UE, recognised by where the request
     * came from, may send anything but REGISTER; others get 403. An initial request then gets the asserted identity
     * (the P-Preferred-Identity if it is one of the UE's associated URIs, else the default one; a preferred identity
     * outside that set is refused with 403, as a UE has no business claiming someone else's), its Route replaced by
     * the stored Service-Route, and a fresh P-Charging-Vector.
     */
    public Admission admit(SipRequest request, Endpoint source) {
        Instant now = clock.instant();
        Optional<PcscfBinding> binding = bindingFor(request, source, now);
        if (binding.isEmpty()) {
            if (request.isMethod(SipRequest.ACK)) {
                return new Admission.Discarded("ACK from an unregistered UE at " + source);
            }
            log.info("{} from {}: 403 not registered", request.method(), source);
            return new Admission.Rejected(SipResponse.forRequest(request, 403, "Forbidden - Not registered")
                    .toTag(icids.get()).build());
        }
        PcscfBinding b = binding.get();
        boolean initial = request.to().tag().isEmpty();
        if (!initial) {
            return new Admission.Admitted(request, b);
        }
        try {
            Optional<String> claimed = assertedIdentity(request, b);
            if (claimed.isEmpty()) {
                log.info("{} from {}: 403 P-Preferred-Identity not in the registered set", request.method(), source);
                return new Admission.Rejected(SipResponse.forRequest(request, 403,
                        "Forbidden - P-Preferred-Identity not registered").toTag(icids.get()).build());
            }
            String asserted = claimed.get();
            SipRequest.Builder out = request.toBuilder()
                    .remove(HeaderNames.P_PREFERRED_IDENTITY)
                    .set(HeaderNames.P_ASSERTED_IDENTITY, "<" + asserted + ">")
                    .set(HeaderNames.P_CHARGING_VECTOR, chargingVector().toString())
                    .remove(HeaderNames.ROUTE);
            b.serviceRoute().forEach(r -> out.add(HeaderType.ROUTE, r));
            return new Admission.Admitted(out.build(), b);
        } catch (MalformedHeaderException e) {
            return new Admission.Rejected(SipResponse.forRequest(request, 400, e.reasonPhrase()).build());
        }
    }

    /**
     * The P-CSCF's own subscription to the reg event of a UE it registered (TS 24.229 §5.2.3): SUBSCRIBE for the
     * registered public identity, from and asserted as this P-CSCF (the host of its Path entry, which the S-CSCF
     * recognises), routed along the UE's Service-Route to the S-CSCF.
     *
     * @param expires longer than the registration, so the subscription outlives refreshes (TS 24.229 uses 600 000)
     */
    public SipRequest regEventSubscribe(PcscfBinding binding, String callId, String fromTag, long expires) {
        SipUri self = SipUri.of(null, ((SipUri) config.path().uri()).host());
        Uri target = Uri.parse(binding.associatedUris().isEmpty() ? binding.publicIdentity()
                : binding.associatedUris().get(0));
        SipRequest.Builder b = SipRequest.builder(SipRequest.SUBSCRIBE, target);
        binding.serviceRoute().forEach(r -> b.add(HeaderType.ROUTE, r));
        return b.add(HeaderNames.FROM, "<" + self + ">;tag=" + fromTag)
                .add(HeaderNames.TO, "<" + target + ">")
                .add(HeaderNames.CALL_ID, callId)
                .add(HeaderNames.CSEQ, "1 " + SipRequest.SUBSCRIBE)
                .add(HeaderNames.MAX_FORWARDS, "70")
                .add(HeaderNames.CONTACT, "<" + self + ">")
                .add(HeaderNames.EVENT, "reg")
                .add(HeaderNames.ACCEPT, RegInfo.CONTENT_TYPE)
                .add(HeaderNames.EXPIRES, Long.toString(expires))
                .add(HeaderNames.P_ASSERTED_IDENTITY, "<" + self + ">")
                .add(HeaderNames.P_CHARGING_VECTOR, chargingVector().toString())
                .build();
    }

    /**
     * A reg-event NOTIFY from the S-CSCF (TS 24.229 §5.2.3): contacts reported terminated lose their binding here
     * too, so the UE is treated as unregistered at once (network-initiated de-registration).
     *
     * @return how many bindings were removed
     */
    public int applyRegEvent(RegInfo info) {
        int removed = 0;
        for (RegInfo.Registration r : info.registrations()) {
            for (RegInfo.Contact c : r.contacts()) {
                if (c.state() != RegInfo.ContactState.TERMINATED) {
                    continue;
                }
                Uri uri;
                try {
                    uri = Uri.parse(c.uri());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (store.remove(uri)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * Whether {@code route} is our Path entry: the S-CSCF sends a terminating request to a UE registered through us
     * with it as top Route (RFC 3327 §5.3, TS 24.229 §5.2.6.4).
     */
    public boolean isOurPath(Uri route) {
        return route instanceof SipUri r && config.path().uri() instanceof SipUri p && "term".equals(r.user())
                && r.host().equalsIgnoreCase(p.host()) && r.portOrDefault() == p.portOrDefault();
    }

    /** Whether {@code source} is the flow a UE registered from (a UE must not pose as the S-CSCF). */
    public boolean isUeFlow(Endpoint source) {
        return store.hasSource(source);
    }

    /** The live binding of a registered contact: where a request for it is sent (its registered flow). */
    public Optional<PcscfBinding> bindingOfContact(Uri contact) {
        Instant now = clock.instant();
        return store.ofContact(contact).filter(b -> b.activeAt(now));
    }

    private Optional<PcscfBinding> bindingFor(SipRequest request, Endpoint source, Instant now) {
        // The binding of the request's Contact when it came from this very flow: several UEs may share one flow (UEs
        // behind one NAT binding, a test tool playing many UEs), and the Contact says whose request it is, so which
        // identity to assert. Else any UE of the flow (UDP, the flow is the UE).
        Optional<PcscfBinding> ofContact = ofContact(request, now);
        if (ofContact.isPresent() && ofContact.get().source().equals(source)) {
            return ofContact;
        }
        Optional<PcscfBinding> sameFlow = store.firstFromSource(source, b -> b.activeAt(now));
        if (sameFlow.isPresent()) {
            return sameFlow;
        }
        // A stream from another port of the UE's host: the binding of its Contact (TCP, new connection).
        String host = source.address().getHostString();
        if (ofContact.isPresent() && ofContact.get().source().address().getHostString().equalsIgnoreCase(host)) {
            return ofContact;
        }
        // Over UDP a UE sends from the port it registered from (RFC 3581 symmetric response): another port of the
        // host is another UE or another SIP element (in a lab many share one address), not ours to vouch for.
        // A stream may come on a new connection from any port (RFC 3261 §18.1.1 large requests), so there the
        // host's UE stands for it until sec-agree or outbound flows (RFC 5626) identify the flow itself.
        if (source.transport() == Transport.UDP) {
            return Optional.empty();
        }
        return store.firstFromHost(host, b -> b.activeAt(now));
    }

    /** The live binding of the first of the request's Contacts that has one. */
    private Optional<PcscfBinding> ofContact(SipRequest request, Instant now) {
        for (Contact c : request.contacts()) {
            if (!c.isWildcard()) {
                Optional<PcscfBinding> b = store.ofContact(c.address().uri()).filter(x -> x.activeAt(now));
                if (b.isPresent()) {
                    return b;
                }
            }
        }
        return Optional.empty();
    }

    /** The identity to assert, or empty when the UE prefers one that is not among its associated URIs. */
    private static Optional<String> assertedIdentity(SipRequest request, PcscfBinding b) {
        List<NameAddress> preferred = request.headers(HeaderType.P_PREFERRED_IDENTITY);
        if (preferred.isEmpty()) {
            return Optional.of(b.associatedUris().isEmpty() ? b.publicIdentity() : b.associatedUris().get(0));
        }
        for (NameAddress candidate : preferred) {
            String key = Identities.key(candidate.uri());
            for (String associated : b.associatedUris()) {
                if (Identities.key(associated).equals(key)) {
                    return Optional.of(associated);
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> withoutSecAgree(List<String> tags) {
        return tags.stream().filter(t -> !t.toLowerCase(Locale.ROOT).equals("sec-agree")).toList();
    }

    private static void addOptionTag(SipMessageBuilder<?> b, SipRequest request,
                                     HeaderType<String> type, String tag) {
        List<String> tags = new ArrayList<>(withoutSecAgree(request.headers(type)));
        if (tags.stream().noneMatch(tag::equalsIgnoreCase)) {
            tags.add(tag);
        }
        b.set(type.name(), String.join(", ", tags));
    }
}
