package org.imscore.cscf.scscf;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.imscore.cscf.cx.AssignmentType;
import org.imscore.cscf.cx.AuthScheme;
import org.imscore.cscf.cx.AuthVector;
import org.imscore.cscf.cx.CxClient;
import org.imscore.cscf.cx.CxException;
import org.imscore.cscf.cx.CxFailure;
import org.imscore.cscf.cx.Identities;
import org.imscore.cscf.cx.MultimediaAuthRequest;
import org.imscore.cscf.cx.RegistrationTermination;
import org.imscore.cscf.cx.ServerAssignmentRequest;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.cscf.ifc.ProfileCriteria;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.cscf.regevent.RegStateSource;
import org.imscore.cscf.state.Interner;
import org.imscore.cscf.state.Token;
import org.imscore.sip.auth.Aka;
import org.imscore.sip.message.AuthenticationInfo;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S-CSCF registrar (TS 24.229 §5.4.1.2-5.4.1.5, TS 33.203 §6.1). For each REGISTER:
 * <ol>
 * <li>no credentials, or a nonce we do not hold: MAR, then 401 with a fresh challenge ({@code stale=true} when the
 *     UE answered a nonce that is no longer valid);</li>
 * <li>{@code auts}: MAR with RAND||AUTS (resynchronisation), then a new 401;</li>
 * <li>a wrong response: a new challenge, or 403 after {@link ScscfConfig#maxAuthFailures()} (and an SAR
 *     AUTHENTICATION_FAILURE); an empty AKA response (the UE rejected the network) is 403 at once;</li>
 * <li>authenticated (or re-registering over a channel the P-CSCF vouches for): SAR REGISTRATION or
 *     RE_REGISTRATION, the bindings of every identity of the implicit set, 200 OK; or, for Expires 0, the bindings
 *     removed and, when none is left, SAR USER_DEREGISTRATION.</li>
 * </ol>
 * Each result carries the reg-event state to publish when registrations changed ({@link Outcome#regEvent()}).
 */
public final class ScscfRegistrar implements RegStateSource {

    private static final Logger log = LoggerFactory.getLogger(ScscfRegistrar.class);
    /** How many distinct Paths and distinct filter criteria sets are shared; more are kept per registration. */
    private static final int SHARED_VALUES = 4096;

    /**
     * The response to send, and the non-barred registrations of the implicit set to NOTIFY watchers about (empty when
     * nothing changed).
     */
    public record Outcome(SipResponse response, List<RegInfo.Registration> regEvent) {

        public Outcome {
            regEvent = List.copyOf(regEvent);
        }
    }

    private final ScscfConfig config;
    private final CxClient cx;
    private final BindingStore bindings;
    private final ChallengeStore challenges;
    private final Clock clock;
    private final LongSupplier tokens;
    private final RegistrarResponses responses;
    /** The Path of this S-CSCF's P-CSCFs: one list for every binding registered through the same one. */
    private final Interner<List<NameAddress>> paths = new Interner<>(SHARED_VALUES);
    /** The filter criteria of the service profiles in use: most users share one. */
    private final Interner<ProfileCriteria> criteria = new Interner<>(SHARED_VALUES);

    /**
     * @param tokens unguessable 64-bit tokens for To tags, reg-event ids and SIP Digest nonces (at least 32 random
     *               bits each)
     */
    public ScscfRegistrar(ScscfConfig config, CxClient cx, BindingStore bindings, ChallengeStore challenges,
                          Clock clock, LongSupplier tokens) {
        this.config = config;
        this.cx = cx;
        this.bindings = bindings;
        this.challenges = challenges;
        this.clock = clock;
        this.tokens = tokens;
        this.responses = new RegistrarResponses(config);
    }

    /** A fresh token's text: a To tag, a nonce's random part. */
    private String token() {
        return Token.text(tokens.getAsLong());
    }

    public CompletionStage<Outcome> register(SipRequest request) {
        RegisterRequest reg;
        try {
            reg = RegisterRequest.read(request, config);
        } catch (RegisterRequest.Rejected e) {
            return done(request, e.response);
        }
        Instant now = clock.instant();
        Optional<Registration> current = registrationOf(reg);
        boolean registered = current.isPresent() && !current.get().activeContacts(now).isEmpty();
        if (registered && reg.integrityProtected()) {
            // TS 24.229 §5.4.1.2.1: a refresh over the SA (or TLS) the P-CSCF vouches for needs no new challenge.
            return authenticated(reg, Optional.empty(), Optional.empty());
        }
        Optional<DigestCredentials> credentials = reg.credentials()
                .filter(c -> c.nonce() != null && !c.nonce().isEmpty());
        if (credentials.isEmpty()) {
            return challenge(reg, false, 0, Optional.empty(), schemeOf(reg));
        }
        DigestCredentials creds = credentials.get();
        Optional<Challenge> pending = challenges.find(reg.impi(), creds.nonce());
        if (pending.isEmpty()) {
            // A nonce we never gave or already used: the UE should simply answer a new one (RFC 2617 §3.2.1).
            return challenge(reg, true, 0, Optional.empty(), schemeOf(reg));
        }
        Challenge ch = pending.get();
        challenges.remove(ch.privateIdentity(), ch.nonce());
        if (creds.auts().isPresent()) {
            return resynchronise(reg, ch, creds.auts().get());
        }
        if (!ch.issuedAt().plus(config.nonceLifetime()).isAfter(now)) {
            return challenge(reg, true, ch.failures(), Optional.empty(), schemeOf(reg));
        }
        return switch (DigestAuthenticator.verify(ch, creds, config.realm(), request.method(), request.body())) {
            case AUTHENTICATED -> authenticated(reg, Optional.of(ch), Optional.of(creds));
            case NETWORK_NOT_AUTHENTIC -> authenticationFailed(reg, registered, "Network authentication failed");
            case WRONG_RESPONSE -> ch.failures() + 1 >= config.maxAuthFailures()
                    ? authenticationFailed(reg, registered, "Authentication failed")
                    : challenge(reg, false, ch.failures() + 1, Optional.empty(), schemeOf(reg));
        };
    }

    // ---- challenges

    private CompletionStage<Outcome> challenge(RegisterRequest reg, boolean stale, int failures,
                                               Optional<byte[]> resync, AuthScheme scheme) {
        MultimediaAuthRequest mar = resync
                .map(r -> MultimediaAuthRequest.resync(reg.impi(), reg.impuKey(), scheme, config.serverName(), r))
                .orElseGet(() -> MultimediaAuthRequest.fresh(reg.impi(), reg.impuKey(), scheme, config.serverName()));
        return cx.multimediaAuth(mar).handle((maa, error) -> {
            if (error != null) {
                return cxFailed(reg, "MAR", error);
            }
            AuthVector vector = maa.vectors().get(0);
            Challenge ch = new Challenge(reg.impi(), reg.impuKey(), DigestAuthenticator.nonce(vector, token()),
                    vector, clock.instant(), failures);
            challenges.put(ch);
            log.info("REGISTER {} {}: 401 {}{}{}", reg.impi(), reg.impuKey(), vector.scheme().digestAlgorithm(),
                    stale ? " stale" : "", resync.isPresent() ? " after resync" : "");
            return new Outcome(responses.unauthorized(reg.request(), token(),
                    DigestAuthenticator.challenge(ch, config.realm(), config.qopOptions(), stale)), List.of());
        });
    }

    /** RFC 3310 §3.4 / TS 33.203 §6.1.2: the UE's SQN was out of range; the HSS re-aligns with RAND||AUTS. */
    private CompletionStage<Outcome> resynchronise(RegisterRequest reg, Challenge ch, String auts) {
        if (!(ch.vector() instanceof AuthVector.Aka aka)) {
            return done(reg.request(), SipResponse.forRequest(reg.request(), 400, "Bad Authorization header")
                    .toTag(token()).build());
        }
        byte[] autsBytes;
        try {
            autsBytes = Aka.decodeAuts(auts);
        } catch (IllegalArgumentException e) {
            return done(reg.request(), SipResponse.forRequest(reg.request(), 400, "Bad Authorization header")
                    .toTag(token()).build());
        }
        byte[] randAuts = new byte[30];
        System.arraycopy(aka.rand(), 0, randAuts, 0, 16);
        System.arraycopy(autsBytes, 0, randAuts, 16, 14);
        // The resync MAR names the scheme of the vector that failed, whatever the UE wrote this time.
        return challenge(reg, false, ch.failures(), Optional.of(randAuts), aka.scheme());
    }

    /**
     * 403 after failed authentication. While the user is not registered the HSS hears of it (SAR
     * AUTHENTICATION_FAILURE, TS 29.228 §6.1.2), so it can release the S-CSCF it assigned at MAR time.
     */
    private CompletionStage<Outcome> authenticationFailed(RegisterRequest reg, boolean registered, String reason) {
        SipResponse forbidden = responses.forbidden(reg.request(), token(), reason);
        log.info("REGISTER {} {}: 403 {}", reg.impi(), reg.impuKey(), reason);
        if (registered) {
            return CompletableFuture.completedFuture(new Outcome(forbidden, List.of()));
        }
        return cx.serverAssignment(ServerAssignmentRequest.of(reg.impi(), reg.impuKey(), config.serverName(),
                        AssignmentType.AUTHENTICATION_FAILURE, false))
                .handle((saa, error) -> new Outcome(forbidden, List.of()));
    }

    // ---- authenticated requests

    private CompletionStage<Outcome> authenticated(RegisterRequest reg, Optional<Challenge> ch,
                                                   Optional<DigestCredentials> creds) {
        Instant now = clock.instant();
        Optional<Registration> current = registrationOf(reg);
        var authInfo = ch.flatMap(c -> creds.map(d ->
                DigestAuthenticator.authenticationInfo(c, d, reg.request().body())));
        if (reg.isQuery()) {
            List<ContactBinding> contacts = current.map(r -> r.activeContacts(now)).orElse(List.of());
            return done(reg.request(), responses.ok(reg.request(), token(), contacts, now,
                    current.map(Registration::profile), authInfo));
        }
        if (reg.isDeregistration()) {
            return deregister(reg, now);
        }
        boolean registered = current.isPresent() && !current.get().activeContacts(now).isEmpty();
        AssignmentType type = registered ? AssignmentType.RE_REGISTRATION : AssignmentType.REGISTRATION;
        return cx.serverAssignment(ServerAssignmentRequest.of(reg.impi(), reg.impuKey(), config.serverName(), type,
                        registered))
                .handle((saa, error) -> {
                    if (error != null) {
                        return CompletableFuture.completedFuture(cxFailed(reg, "SAR", error));
                    }
                    Optional<UserProfile> profile = saa.profile().or(() -> current.map(Registration::profile));
                    if (profile.isEmpty()) {
                        log.warn("REGISTER {} {}: SAA without user profile", reg.impi(), reg.impuKey());
                        return CompletableFuture.completedFuture(cxFailed(reg, "SAR",
                                new CxException(CxFailure.BACKEND_ERROR, "SAA without User-Data")));
                    }
                    if (profile.get().unbarredIdentities().isEmpty()) {
                        return allBarred(reg);
                    }
                    return CompletableFuture.completedFuture(store(reg, profile.get(), authInfo));
                })
                .thenCompose(stage -> stage);
    }

    /** TS 24.229 §5.4.1.2.1: with every identity of the set barred, registration is refused and undone at the HSS. */
    private CompletionStage<Outcome> allBarred(RegisterRequest reg) {
        SipResponse forbidden = responses.forbidden(reg.request(), token(), "All public identities barred");
        log.info("REGISTER {} {}: 403 all identities barred", reg.impi(), reg.impuKey());
        return cx.serverAssignment(ServerAssignmentRequest.of(reg.impi(), reg.impuKey(), config.serverName(),
                        AssignmentType.USER_DEREGISTRATION, true))
                .handle((saa, error) -> new Outcome(forbidden, List.of()));
    }

    /** Writes the merged bindings for every identity of the implicit set and answers 200. */
    private synchronized Outcome store(RegisterRequest reg, UserProfile received,
                                       Optional<AuthenticationInfo> authInfo) {
        Instant now = clock.instant();
        // An unchanged profile (the usual refresh) stays the instance held, with all its text; a new one shares its
        // filter criteria with the other users of the same service profile.
        UserProfile profile = registrationOf(reg).map(Registration::profile).filter(received::equals)
                .orElseGet(() -> shared(received));
        // The IMPI is held once, by the profile, when the HSS writes it as the UE did.
        String impi = profile.privateIdentity().equals(reg.impi()) ? profile.privateIdentity() : reg.impi();
        // Read again under the lock: another REGISTER of the same identity may have landed during the SAR.
        List<ContactBinding> base = registrationOf(reg).map(Registration::contacts).orElse(List.of());
        ContactMerge.Result merged = ContactMerge.apply(base, reg, paths.intern(List.copyOf(reg.path())), now, tokens);
        List<RegInfo.Registration> regEvent = new ArrayList<>();
        for (String identity : implicitSet(profile, reg)) {
            String key = Identities.key(identity);
            Registration r = bindings.find(key).filter(x -> x.privateIdentity().equalsIgnoreCase(reg.impi()))
                    .orElseGet(() -> new Registration(identity, impi, tokens.getAsLong(), List.of(), profile))
                    .withContacts(merged.contacts()).withProfile(profile);
            bindings.put(r);
            if (!r.isBarred()) {
                regEvent.add(RegInfoView.registration(identity, r.id(), merged.contacts(), merged.removed(),
                        RegInfo.ContactEvent.UNREGISTERED, now));
            }
        }
        log.info("REGISTER {} {}: 200, {} contact(s), {} identities", reg.impi(), reg.impuKey(),
                merged.contacts().size(), regEvent.size());
        return new Outcome(responses.ok(reg.request(), token(), merged.contacts(), now, Optional.of(profile),
                authInfo), regEvent);
    }

    /**
     * Expires 0 (RFC 3261 §10.3, TS 24.229 §5.4.1.4): the named contacts go; when none is left the whole implicit set
     * is de-registered at the HSS. A failing HSS does not keep the bindings alive: the UE asked to leave.
     */
    private CompletionStage<Outcome> deregister(RegisterRequest reg, Instant now) {
        ContactMerge.Result merged;
        List<RegInfo.Registration> regEvent;
        synchronized (this) {
            Optional<Registration> current = registrationOf(reg);
            if (current.isEmpty()) {
                return done(reg.request(), responses.deregistered(reg.request(), token(), List.of(), now));
            }
            merged = ContactMerge.apply(current.get().contacts(), reg, paths.intern(List.copyOf(reg.path())), now,
                    tokens);
            regEvent = replaceContacts(current.get(), merged, RegInfo.ContactEvent.UNREGISTERED, now);
        }
        SipResponse ok = responses.deregistered(reg.request(), token(), merged.contacts(), now);
        if (!merged.contacts().isEmpty()) {
            return CompletableFuture.completedFuture(new Outcome(ok, regEvent));
        }
        log.info("REGISTER {} {}: de-registered", reg.impi(), reg.impuKey());
        return cx.serverAssignment(ServerAssignmentRequest.of(reg.impi(), reg.impuKey(), config.serverName(),
                        AssignmentType.USER_DEREGISTRATION, true))
                .handle((saa, error) -> {
                    if (error != null) {
                        log.warn("SAR USER_DEREGISTRATION {} failed: {}", reg.impuKey(), error.getMessage());
                    }
                    return new Outcome(ok, regEvent);
                });
    }

    // ---- expiry and network-initiated de-registration

    /**
     * Removes contacts whose expiry has passed; an implicit set left without contacts is de-registered at the HSS
     * (SAR TIMEOUT_DEREGISTRATION, TS 24.229 §5.4.1.4). Challenges never answered within the nonce lifetime are
     * dropped too. Completes with the reg-event state of each changed set. Meant for a periodic timer.
     */
    public CompletionStage<List<List<RegInfo.Registration>>> expireBindings() {
        Instant now = clock.instant();
        challenges.removeIssuedBefore(now.minus(config.nonceLifetime()));
        List<CompletableFuture<List<RegInfo.Registration>>> changes = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Registration found : bindings.withExpiredContacts(now)) {
            if (!done.add(setKey(found))) {
                continue;
            }
            Registration r;
            List<ContactBinding> active;
            List<RegInfo.Registration> state;
            synchronized (this) {
                // Read again under the lock: a refresh may have come in since the scan.
                Optional<Registration> fresh = bindings.find(Identities.key(found.publicIdentity()));
                if (fresh.isEmpty()) {
                    continue;
                }
                r = fresh.get();
                active = r.activeContacts(now);
                List<ContactBinding> expired = r.contacts().stream().filter(c -> !active.contains(c)).toList();
                if (expired.isEmpty()) {
                    continue;
                }
                state = replaceContacts(r, new ContactMerge.Result(active, expired), RegInfo.ContactEvent.EXPIRED,
                        now);
            }
            if (!active.isEmpty()) {
                changes.add(CompletableFuture.completedFuture(state));
                continue;
            }
            log.info("registration {} {} expired", r.privateIdentity(), r.publicIdentity());
            changes.add(cx.serverAssignment(ServerAssignmentRequest.of(r.privateIdentity(),
                            Identities.key(r.publicIdentity()), config.serverName(),
                            AssignmentType.TIMEOUT_DEREGISTRATION, true))
                    .handle((saa, error) -> state).toCompletableFuture());
        }
        return CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new))
                .thenApply(v -> changes.stream().map(CompletableFuture::join).toList());
    }

    /**
     * An RTR from the HSS (TS 24.229 §5.4.1.5, TS 29.228 §6.5.1): the named identities (with their implicit sets),
     * or every identity of the private identities, are de-registered at once. Contacts end with event
     * {@code deactivated} when the UE may register again, {@code rejected} when the subscription is gone. No SAR
     * follows: the HSS already knows. Returns the reg-event state of each set.
     */
    public synchronized List<List<RegInfo.Registration>> terminate(RegistrationTermination rtr) {
        Instant now = clock.instant();
        List<Registration> targets = new ArrayList<>();
        if (rtr.publicIdentities().isEmpty()) {
            targets.addAll(bindings.byPrivateIdentity(rtr.privateIdentity()));
            rtr.associatedPrivateIdentities().forEach(i -> targets.addAll(bindings.byPrivateIdentity(i)));
        } else {
            rtr.publicIdentities().forEach(i -> bindings.find(Identities.key(i)).ifPresent(targets::add));
        }
        RegInfo.ContactEvent event = rtr.reason().mayReregister() ? RegInfo.ContactEvent.DEACTIVATED
                : RegInfo.ContactEvent.REJECTED;
        List<List<RegInfo.Registration>> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (Registration r : targets) {
            if (done.add(setKey(r))) {
                out.add(replaceContacts(r, new ContactMerge.Result(List.of(), r.activeContacts(now)), event, now));
            }
        }
        log.info("RTR {} ({}): {} registration set(s) removed", rtr.privateIdentity(), rtr.reason(), out.size());
        return out;
    }

    /** Gives every identity of r's implicit set the merged contacts (removing records left empty). */
    private synchronized List<RegInfo.Registration> replaceContacts(Registration r, ContactMerge.Result merged,
                                                       RegInfo.ContactEvent removedEvent, Instant now) {
        List<RegInfo.Registration> regEvent = new ArrayList<>();
        for (String identity : r.implicitSet()) {
            String key = Identities.key(identity);
            Optional<Registration> member = bindings.find(key)
                    .filter(x -> x.privateIdentity().equalsIgnoreCase(r.privateIdentity()));
            if (member.isEmpty()) {
                continue;
            }
            if (merged.contacts().isEmpty()) {
                bindings.remove(key);
            } else {
                bindings.put(member.get().withContacts(merged.contacts()));
            }
            if (!member.get().isBarred()) {
                regEvent.add(RegInfoView.registration(identity, member.get().id(), merged.contacts(),
                        merged.removed(), removedEvent, now));
            }
        }
        return regEvent;
    }

    // ---- reg-event source

    @Override
    public List<RegInfo.Registration> registrations(String aorKey) {
        Optional<Registration> r = bindings.find(aorKey);
        if (r.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<RegInfo.Registration> out = new ArrayList<>();
        for (String identity : r.get().implicitSet()) {
            bindings.find(Identities.key(identity)).filter(m -> !m.isBarred()).ifPresent(m ->
                    out.add(RegInfoView.registration(m.publicIdentity(), m.id(), m.activeContacts(now), List.of(),
                            RegInfo.ContactEvent.EXPIRED, now)));
        }
        return out;
    }

    @Override
    public String heldKey(String aorKey) {
        return bindings.find(aorKey).map(Registration::publicIdentity).filter(aorKey::equals).orElse(aorKey);
    }

    @Override
    public boolean mayWatch(String aorKey, Uri watcher) {
        Optional<Registration> r = bindings.find(aorKey);
        if (r.isEmpty()) {
            return false;
        }
        String watcherKey = Identities.key(watcher);
        if (r.get().profile().publicIdentities().stream()
                .anyMatch(p -> !p.barred() && Identities.key(p.identity()).equals(watcherKey))) {
            return true;
        }
        // The P-CSCF subscribes with its own URI; it is the one in the Path of a contact (TS 24.229 §5.4.2.1.1).
        if (watcher instanceof SipUri w) {
            return r.get().contacts().stream().flatMap(c -> c.path().stream())
                    .anyMatch(p -> p.uri() instanceof SipUri s && s.host().equalsIgnoreCase(w.host()));
        }
        return false;
    }

    // ---- helpers

    private Optional<Registration> registrationOf(RegisterRequest reg) {
        return bindings.find(reg.impuKey()).filter(r -> r.privateIdentity().equalsIgnoreCase(reg.impi()));
    }

    private AuthScheme schemeOf(RegisterRequest reg) {
        return reg.credentials().filter(c -> c.parameters().has("algorithm"))
                .flatMap(c -> AuthScheme.ofDigestAlgorithm(c.algorithm()))
                .orElse(config.defaultScheme());
    }

    /** The profile with the filter criteria every user of the same service profile shares. */
    private UserProfile shared(UserProfile profile) {
        return new UserProfile(profile.privateIdentity(), profile.serviceProfiles().stream()
                .map(p -> p.withCriteria(criteria.intern(p.criteria()))).toList());
    }

    private static List<String> implicitSet(UserProfile profile, RegisterRequest reg) {
        List<String> set = new ArrayList<>(profile.publicIdentities().stream()
                .map(UserProfile.PublicIdentity::identity).toList());
        if (profile.find(reg.impuKey()).isEmpty()) {
            set.add(0, reg.impuKey());
        }
        return set;
    }

    private static String setKey(Registration r) {
        return r.privateIdentity().toLowerCase(Locale.ROOT) + "|" + String.join("|", r.implicitSet());
    }

    private Outcome cxFailed(RegisterRequest reg, String command, Throwable error) {
        CxFailure failure = CxException.failureOf(error);
        log.info("REGISTER {} {}: {} failed: {}", reg.impi(), reg.impuKey(), command, error.getMessage());
        return new Outcome(responses.cxFailure(reg.request(), token(), failure), List.of());
    }

    private CompletionStage<Outcome> done(SipRequest request, SipResponse response) {
        log.info("REGISTER {}: {} {}", request.callId(), response.statusCode(), response.reasonPhrase());
        return CompletableFuture.completedFuture(new Outcome(response, List.of()));
    }
}
