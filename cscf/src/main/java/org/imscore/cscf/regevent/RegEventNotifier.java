package org.imscore.cscf.regevent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.imscore.cscf.cx.Identities;
import org.imscore.cscf.state.Interner;
import org.imscore.cscf.state.OneOrMoreIndex;
import org.imscore.cscf.state.Token;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.EventHeader;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S-CSCF's reg-event notifier (RFC 3680, RFC 6665, TS 24.229 §5.4.2.1): answers SUBSCRIBE requests for
 * {@code Event: reg} from UEs and P-CSCFs, and turns registration changes into NOTIFY requests. It does no I/O: the
 * caller sends what it returns (the client transaction adds the Via) and reports each NOTIFY's fate back through
 * {@link #notifyAnswered} or {@link #notifyTimedOut}; a failed NOTIFY ends its subscription (RFC 6665 §4.2.2).
 *
 * <p>The NOTIFY that follows a SUBSCRIBE (initial or refresh) carries full state; the ones that report a change carry
 * partial state (RFC 3680 §5.2): only the registrations that changed, each with only the contacts that changed
 * (registered, refreshed, shortened, expired, deactivated, unregistered...), diffed against what the subscription was
 * told before ({@link ReportedState}). A change that leaves a watcher's view as it was sends that watcher nothing.
 * Each NOTIFY's version is one higher than the last of its subscription, so a watcher that misses one notices the
 * gap and can refresh for full state. With {@link RegEventConfig#partialState()} off every NOTIFY is full. When
 * every reported registration is terminated (de-registration, expiry, an HSS RTR), the NOTIFY says
 * {@code Subscription-State: terminated} and the subscription is gone.
 */
public final class RegEventNotifier {

    private static final Logger log = LoggerFactory.getLogger(RegEventNotifier.class);
    public static final String EVENT_PACKAGE = "reg";

    /** A NOTIFY to send for a subscription. */
    public record Notify(String subscriptionId, SipRequest request) {
    }

    /** The answer to a SUBSCRIBE, and the NOTIFY that must follow a 2xx (RFC 6665 §4.2.1.2). */
    public record SubscribeResult(SipResponse response, Optional<Notify> firstNotify) {
    }

    private final RegEventConfig config;
    private final RegStateSource source;
    private final Clock clock;
    private final LongSupplier tags;
    /**
     * Every live subscription by its tag, our To tag of its dialog, which also names it: a refresh (RFC 6665
     * §4.1.2.1) names its subscription by that tag, so this map is also the dialog index. The boxed tag is the one
     * {@link #byWatchedAor} holds too. Read without the lock by {@link #subscription} and {@link #subscriptions}.
     */
    private final Map<Long, RegSubscription> subscriptions = new ConcurrentHashMap<>();
    /**
     * The ids of the subscriptions watching each identity key, in the order they were made: a registration change
     * reaches its watchers without looking at anyone else's (the S-CSCF holds one subscription per registered user
     * for the P-CSCF alone, so nearly always one id per identity). Keyed by the subscription's own
     * {@code watchedAor}. Guarded by {@code this}, like every write.
     */
    private final OneOrMoreIndex<String, Long> byWatchedAor = new OneOrMoreIndex<>();
    /** The subscribers' Contact URIs: a P-CSCF subscribes for every user with the same one. */
    private final Interner<String> targets = new Interner<>(1024);
    /** The subscribers' From without its tag: the same for every subscription of a P-CSCF. */
    private final Interner<String> parties = new Interner<>(1024);

    /**
     * @param tags makes our To tags (written as {@link Token}s), which also name the subscriptions; each value must be
     *             unique and unguessable enough for a tag (RFC 3261 §19.3: at least 32 bits of randomness)
     */
    public RegEventNotifier(RegEventConfig config, RegStateSource source, Clock clock, LongSupplier tags) {
        this.config = config;
        this.source = source;
        this.clock = clock;
        this.tags = tags;
    }

    /** Handles a SUBSCRIBE (initial, refresh, or Expires 0 to end it) addressed to this notifier. */
    public synchronized SubscribeResult subscribe(SipRequest request) {
        try {
            return handleSubscribe(request);
        } catch (MalformedHeaderException e) {
            return new SubscribeResult(SipResponse.forRequest(request, 400, e.reasonPhrase()).build(), Optional.empty());
        }
    }

    private SubscribeResult handleSubscribe(SipRequest request) {
        Optional<EventHeader> event = request.header(HeaderType.EVENT);
        if (event.isEmpty() || !event.get().eventType().equalsIgnoreCase(EVENT_PACKAGE)) {
            // RFC 6665 §4.2.1: an event package we do not serve.
            return reject(request, SipResponse.forRequest(request, 489).add(HeaderNames.ALLOW_EVENTS, EVENT_PACKAGE));
        }
        if (!acceptsReginfo(request)) {
            return reject(request, SipResponse.forRequest(request, 406).add(HeaderNames.ACCEPT, RegInfo.CONTENT_TYPE));
        }
        long expires = request.header(HeaderType.EXPIRES).orElse(config.defaultExpires());
        if (expires != 0 && expires < config.minExpires()) {
            return reject(request, SipResponse.forRequest(request, 423)
                    .add(HeaderNames.MIN_EXPIRES, Long.toString(config.minExpires())));
        }
        expires = Math.min(expires, config.maxExpires());
        List<Contact> contacts = request.contacts();
        if (contacts.size() != 1 || contacts.get(0).isWildcard()) {
            return reject(request, SipResponse.forRequest(request, 400, "Bad Contact header"));
        }
        Uri target = contacts.get(0).address().uri();
        Instant now = clock.instant();
        if (request.to().tag().isPresent()) {
            return refresh(request, expires, target, now);
        }
        String aor = source.heldKey(Identities.key(request.requestUri()));
        Uri watcher = watcherOf(request);
        if (!source.mayWatch(aor, watcher)) {
            log.info("SUBSCRIBE reg {} from {}: 403 not allowed to watch", aor, watcher);
            return reject(request, SipResponse.forRequest(request, 403, "Not allowed to watch " + aor));
        }
        long tag = tags.getAsLong();
        NameAddress from = request.from();
        String remoteParty = RegSubscription.heldRemoteParty(from);
        RegSubscription sub = new RegSubscription(tag, aor, request.callId(),
                RegSubscription.heldLocalParty(request.to().withTag(Token.text(tag)), aor, tag),
                parties.intern(remoteParty), RegSubscription.heldRemotePartyTag(from, remoteParty),
                targets.intern(target.toString()),
                request.recordRoutes(), 1, 0, RegSubscription.epochMillisRoundedUp(now.plusSeconds(expires)),
                event.get().id(), ReportedState.NOTHING);
        add(sub);
        log.info("SUBSCRIBE reg {} from {}: 200, expires {}", aor, watcher, expires);
        SipResponse ok = accepted(request, sub.localTag(), expires);
        return new SubscribeResult(ok, Optional.of(notifyCurrent(sub, now)));
    }

    private SubscribeResult refresh(SipRequest request, long expires, Uri target, Instant now) {
        // RFC 3261 §12: the dialog is the Call-ID, our To tag (the subscription's id) and the subscriber's From tag.
        Optional<RegSubscription> found = held(request.to().tag().get())
                .filter(s -> s.callId().equals(request.callId()) && s.remoteTag().equals(request.from().tag()));
        if (found.isEmpty()) {
            return reject(request, SipResponse.forRequest(request, 481));
        }
        RegSubscription sub = found.get().refreshed(now.plusSeconds(expires), targets.intern(target.toString()));
        subscriptions.put(sub.tag(), sub);
        SipResponse ok = accepted(request, sub.localTag(), expires);
        return new SubscribeResult(ok, Optional.of(notifyCurrent(sub, now)));
    }

    private SipResponse accepted(SipRequest request, String tag, long expires) {
        SipResponse.Builder b = SipResponse.forRequest(request, 200).toTag(tag);
        // RFC 3261 §12.1.1: the UAS copies Record-Route into the response that creates the dialog.
        request.headerFields(HeaderNames.RECORD_ROUTE).forEach(b::add);
        return b.add(HeaderNames.EXPIRES, Long.toString(expires))
                .add(HeaderNames.CONTACT, "<" + config.contact() + ">")
                .build();
    }

    /**
     * A full-state NOTIFY with the registrations as they stand; Expires 0 (a fetch or an unsubscribe) ends the
     * subscription.
     */
    private Notify notifyCurrent(RegSubscription sub, Instant now) {
        List<RegInfo.Registration> state = source.registrations(sub.watchedAor());
        if (!sub.activeAt(now)) {
            remove(sub.tag());
            return full(sub, state, "terminated;reason=timeout");
        }
        return full(sub, state, active(sub, now));
    }

    /**
     * The registrations of an implicit set changed (registration, refresh, de-registration, expiry, RTR): a NOTIFY
     * for every subscription watching one of them. {@code state} holds the non-barred identities of the set with
     * their contacts; when all are terminated, the subscriptions end (reason from the contacts' events).
     */
    public synchronized List<Notify> stateChanged(List<RegInfo.Registration> state) {
        boolean allTerminated = !state.isEmpty()
                && state.stream().allMatch(r -> r.state() == RegInfo.RegistrationState.TERMINATED);
        Instant now = clock.instant();
        List<Notify> out = new ArrayList<>();
        for (RegSubscription sub : watchersOf(state)) {
            String subscriptionState = allTerminated ? "terminated;reason=" + terminationReason(state)
                    : active(sub, now);
            if (allTerminated) {
                remove(sub.tag());
            }
            if (!config.partialState()) {
                out.add(full(sub, state, subscriptionState));
                continue;
            }
            List<RegInfo.Registration> changes = sub.reported().changes(state);
            if (changes.isEmpty() && !allTerminated) {
                continue;
            }
            out.add(buildNotify(sub, new RegInfo(sub.version(), RegInfo.DocumentState.PARTIAL, changes),
                    sub.reported().after(changes), subscriptionState));
        }
        return out;
    }

    /** Subscriptions whose time ran out: a final NOTIFY each (RFC 6665 §4.2.2: reason=timeout). */
    public synchronized List<Notify> expire() {
        Instant now = clock.instant();
        List<Notify> out = new ArrayList<>();
        // No copy of the map to loop over: this runs every few seconds over every subscription, and the map's
        // iterator stays valid while the loop removes (every write holds this object's lock anyway).
        for (RegSubscription sub : subscriptions.values()) {
            if (!sub.activeAt(now)) {
                remove(sub.tag());
                out.add(full(sub, source.registrations(sub.watchedAor()), "terminated;reason=timeout"));
            }
        }
        return out;
    }

    /**
     * The final response to a NOTIFY. A non-2xx ends the subscription: 481 says the dialog is gone, and any other
     * failure leaves the watcher without our state, which RFC 6665 §4.2.2 lets the notifier treat the same way.
     *
     * @return whether the subscription ended
     */
    public synchronized boolean notifyAnswered(String subscriptionId, int statusCode) {
        if (statusCode >= 200 && statusCode < 300) {
            return false;
        }
        boolean removed = Token.isToken(subscriptionId) && remove(Token.parse(subscriptionId));
        if (removed) {
            log.info("reg subscription {} ended: NOTIFY answered {}", subscriptionId, statusCode);
        }
        return removed;
    }

    /** A NOTIFY got no answer (Timer F, transport error): the subscription ends. */
    public synchronized boolean notifyTimedOut(String subscriptionId) {
        boolean removed = Token.isToken(subscriptionId) && remove(Token.parse(subscriptionId));
        if (removed) {
            log.info("reg subscription {} ended: NOTIFY timed out", subscriptionId);
        }
        return removed;
    }

    /** The subscriptions watching an identity of {@code state}, each once, in the order they were made. */
    private List<RegSubscription> watchersOf(List<RegInfo.Registration> state) {
        Set<String> aors = new LinkedHashSet<>();
        state.forEach(r -> aors.add(Identities.key(r.aor())));
        List<RegSubscription> watchers = new ArrayList<>();
        for (String aor : aors) {
            byWatchedAor.get(aor).forEach(id -> watchers.add(subscriptions.get(id)));
        }
        return watchers;
    }

    private void add(RegSubscription sub) {
        Long tag = sub.tag(); // one box for both indexes
        subscriptions.put(tag, sub);
        byWatchedAor.add(sub.watchedAor(), tag);
    }

    /** Ends a subscription in every index; false when it was already gone. */
    private boolean remove(long tag) {
        RegSubscription gone = subscriptions.remove(tag);
        if (gone == null) {
            return false;
        }
        byWatchedAor.remove(gone.watchedAor(), tag);
        return true;
    }

    /** The subscription a To tag (or a {@link Notify#subscriptionId}) names: a tag of ours is a token's text. */
    private Optional<RegSubscription> held(String tag) {
        return Token.isToken(tag) ? Optional.ofNullable(subscriptions.get(Token.parse(tag))) : Optional.empty();
    }

    public Optional<RegSubscription> subscription(String id) {
        return held(id);
    }

    public Collection<RegSubscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    private static String active(RegSubscription sub, Instant now) {
        long left = Math.max(0, Duration.between(now, sub.expiresAt()).toSeconds());
        return "active;expires=" + left;
    }

    private Notify full(RegSubscription sub, List<RegInfo.Registration> state, String subscriptionState) {
        return buildNotify(sub, new RegInfo(sub.version(), RegInfo.DocumentState.FULL, state),
                ReportedState.of(state), subscriptionState);
    }

    /** Builds the NOTIFY and records that it went out (CSeq and version move on, the watcher knows more). */
    private Notify buildNotify(RegSubscription sub, RegInfo document, ReportedState reportedAfter,
                               String subscriptionState) {
        String body = RegInfoXml.write(document);
        SipRequest.Builder b = SipRequest.builder(SipRequest.NOTIFY, Uri.parse(sub.remoteTarget()));
        sub.routeSet().forEach(r -> b.add(HeaderType.ROUTE, r));
        b.add(HeaderNames.FROM, sub.notifyFrom())
                .add(HeaderNames.TO, sub.notifyTo())
                .add(HeaderNames.CALL_ID, sub.callId())
                .add(HeaderNames.CSEQ, sub.nextCseq() + " " + SipRequest.NOTIFY)
                .add(HeaderNames.MAX_FORWARDS, "70")
                .add(HeaderNames.CONTACT, "<" + config.contact() + ">")
                .add(HeaderNames.EVENT, EVENT_PACKAGE + sub.eventId().map(id -> ";id=" + id).orElse(""))
                .add(HeaderNames.SUBSCRIPTION_STATE, subscriptionState)
                .body(RegInfo.CONTENT_TYPE, body);
        if (subscriptions.containsKey(sub.tag())) {
            subscriptions.put(sub.tag(), sub.afterNotify(reportedAfter));
        }
        return new Notify(sub.id(), b.build());
    }

    /**
     * RFC 6665 §4.1.3 reasons for a registration that ended: "rejected" when the HSS removed the user for good,
     * "deactivated"/"probation" when it may come back, "noresource" after its own de-registration or expiry.
     */
    private static String terminationReason(List<RegInfo.Registration> state) {
        Set<RegInfo.ContactEvent> events = state.stream().flatMap(r -> r.contacts().stream())
                .map(RegInfo.Contact::event).collect(Collectors.toSet());
        if (events.contains(RegInfo.ContactEvent.REJECTED)) {
            return "rejected";
        }
        if (events.contains(RegInfo.ContactEvent.DEACTIVATED)) {
            return "deactivated";
        }
        if (events.contains(RegInfo.ContactEvent.PROBATION)) {
            return "probation";
        }
        return "noresource";
    }

    private static SubscribeResult reject(SipRequest request, SipResponse.Builder response) {
        return reject(request, response.build());
    }

    private static SubscribeResult reject(SipRequest request, SipResponse response) {
        log.info("SUBSCRIBE {} {}: {} {}", request.requestUri(), request.callId(), response.statusCode(),
                response.reasonPhrase());
        return new SubscribeResult(response, Optional.empty());
    }

    private static boolean acceptsReginfo(SipRequest request) {
        List<String> accept = request.headerFields(HeaderNames.ACCEPT).stream()
                .flatMap(f -> List.of(f.value().split(",")).stream())
                .map(v -> v.split(";")[0].strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty())
                .toList();
        // RFC 3680 §4.2: no Accept means application/reginfo+xml.
        return accept.isEmpty() || accept.contains(RegInfo.CONTENT_TYPE) || accept.contains("*/*")
                || accept.contains("application/*");
    }

    /** The subscriber: the asserted identity within the trust domain (RFC 3325), else the From URI. */
    private static Uri watcherOf(SipRequest request) {
        List<NameAddress> asserted = request.headers(HeaderType.P_ASSERTED_IDENTITY);
        return asserted.isEmpty() ? request.from().uri() : asserted.get(0).uri();
    }
}
