package org.imscore.testkit.ue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imscore.sip.auth.Aka;
import org.imscore.sip.message.CSeq;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.Branches;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.WheelTimerService;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.ListeningPoint;
import org.imscore.sip.transport.NettySipTransport;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import org.imscore.sip.ua.Dialog;
import org.imscore.sip.ua.IncomingRequest;
import org.imscore.sip.ua.UaConfig;
import org.imscore.sip.ua.UserAgent;
import org.imscore.sip.uri.Parameter;
import org.imscore.sip.uri.Parameters;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scriptable IMS UE on its own transport and {@link UserAgent}. Each method blocks until the network answered
 * (at most {@link UeConfig#responseTimeout()} per request), so a test reads as the phone's story:
 *
 * <pre>{@code
 * try (TestUe ue = TestUe.start(UeConfig.of(impi, impu, domain, pcscf, UeCredentials.aka(k, opc, "8000")))) {
 *     Registration reg = ue.register().registration();
 *     RegEventSubscription sub = ue.subscribeRegEvent();
 *     RegInfo info = sub.next(Duration.ofSeconds(5)).reginfo();
 * }
 * }</pre>
 *
 * <p>REGISTER follows TS 24.229 §5.1.1.2 as the captured phone does it: Request-URI {@code sip:domain}, an
 * Authorization with empty nonce and response (so the S-CSCF knows the IMPI), Contact with {@code +sip.instance},
 * {@code Supported: path}, one Call-ID for all REGISTERs of the UE (RFC 3261 §10.2.4). Each 401 is answered by
 * {@link ChallengeAnswerer} (AKA, resync with auts, MAC failure, MD5), at most {@link UeConfig#maxChallenges()}
 * times per attempt.
 */
public final class TestUe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestUe.class);
    /** The MMTel feature tag (ICSI of TS 24.173) the captured phone registers. */
    private static final String MMTEL_ICSI = "urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel";
    private static final String ACCESS_NETWORK_INFO = "3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=001010001000019B";

    private final UeConfig config;
    private final WheelTimerService timers;
    private final NettySipTransport transport;
    private final UserAgent ua;
    private final String registerCallId;
    private final String registerFromTag = Branches.randomHex(6);
    private final Map<String, RegEventSubscription> subscriptions = new ConcurrentHashMap<>();
    private final BlockingQueue<IncomingCall> incomingCalls = new LinkedBlockingQueue<>();
    private long registerCSeq;
    private volatile Registration registration;

    private TestUe(UeConfig config) {
        this.config = config;
        this.timers = new WheelTimerService();
        this.transport = new NettySipTransport(TransportConfig.ephemeral(config.localHost()));
        this.ua = new UserAgent(transport, timers, TransactionConfig.DEFAULT, new UaConfig(Set.of("path"),
                List.of("application/sdp", RegEventSubscription.REGINFO_TYPE), Set.of("sip", "sips", "tel"),
                "application/sdp", "imscore-test-ue"));
        this.registerCallId = Branches.randomHex(12) + "@" + config.localHost();
        ua.handle(SipRequest.NOTIFY, this::onNotify)
                .handle(SipRequest.INVITE, this::onInvite)
                .handle(SipRequest.BYE, bye -> bye.respond(200));
    }

    /** Binds an ephemeral UDP and TCP port on {@link UeConfig#localHost()} and starts listening. */
    public static TestUe start(UeConfig config) {
        TestUe ue = new TestUe(config);
        ue.transport.start(ue.ua.layer());
        return ue;
    }

    public UeConfig config() {
        return config;
    }

    /** Where the UE listens for the transport it uses. */
    public ListeningPoint listeningPoint() {
        return transport.listeningPoint(config.transport());
    }

    /** The UE's own user agent, for requests the scripted methods do not cover. */
    public UserAgent userAgent() {
        return ua;
    }

    /** The current registration (from the last 2xx to a REGISTER with non-zero expiry). */
    public Optional<Registration> registration() {
        return Optional.ofNullable(registration);
    }

    /** The Contact the UE registers (without expires). */
    public Contact contact() {
        SipUri uri = (SipUri) ua.contact(NameAddress.of(config.impu()), listeningPoint()).uri();
        Parameters parameters = Parameters.EMPTY
                .with(Parameter.quoted("+sip.instance", config.instanceId()))
                .with(Parameter.quoted("+g.3gpp.icsi-ref", MMTEL_ICSI));
        if (config.contactQ().isPresent()) {
            parameters = parameters.with(Parameter.of("q", Double.toString(config.contactQ().getAsDouble())));
        }
        return new Contact(new NameAddress(null, uri, parameters));
    }

    // ------------------------------------------------------------------------------------------ registration

    /** Initial registration (or re-registration) for {@link UeConfig#expires()} seconds. */
    public synchronized RegisterResult register() {
        return registerFor(config.expires());
    }

    /** Re-registration before expiry (TS 24.229 §5.1.1.4): the same as {@link #register()}, same Call-ID. */
    public synchronized RegisterResult refresh() {
        return registerFor(config.expires());
    }

    /** De-registration (TS 24.229 §5.1.1.6): REGISTER with Expires 0 for our contact. */
    public synchronized RegisterResult deregister() {
        return registerFor(0);
    }

    private RegisterResult registerFor(long asked) {
        List<Exchange> exchanges = new ArrayList<>();
        long expires = asked;
        SipRequest request = firstRegister(expires);
        boolean intervalRaised = false;
        int challenges = 0;
        while (true) {
            SipResponse response = await(ua.send(request, config.pcscf()), "REGISTER");
            registerCSeq = request.cseq().number();
            exchanges.add(new Exchange(request, response));
            LOG.info("REGISTER {} expires={}: {} {}", config.impu(), expires, response.statusCode(),
                    response.reasonPhrase());
            if (response.isSuccess()) {
                Registration r = Registration.from(response, contact());
                registration = expires == 0 ? null : r;
                return new RegisterResult.Registered(r, exchanges);
            }
            Optional<Long> minExpires = minExpires(response);
            if (response.statusCode() == 423 && !intervalRaised && minExpires.isPresent()) {
                // RFC 3261 §10.2.8: ask again with the registrar's Min-Expires (once; a second 423 is a failure).
                intervalRaised = true;
                expires = minExpires.get();
                request = firstRegister(expires);
                continue;
            }
            if (response.statusCode() != 401) {
                return new RegisterResult.Failed(RegisterResult.Reason.REJECTED,
                        response.statusCode() + " " + response.reasonPhrase(), exchanges);
            }
            if (challenges >= config.maxChallenges()) {
                return new RegisterResult.Failed(RegisterResult.Reason.TOO_MANY_CHALLENGES,
                        "still challenged after " + challenges + " answers", exchanges);
            }
            Optional<DigestChallenge> challenge = challengeOf(response);
            if (challenge.isEmpty()) {
                return new RegisterResult.Failed(RegisterResult.Reason.UNANSWERABLE_CHALLENGE,
                        "401 without a readable WWW-Authenticate", exchanges);
            }
            ChallengeAnswerer.Answer answer = ChallengeAnswerer.answer(challenge.get(), config.credentials(),
                    config.impi(), SipRequest.REGISTER, digestUri(), request.body(), Branches.randomHex(16));
            DigestCredentials credentials;
            switch (answer) {
                case ChallengeAnswerer.Unanswerable u -> {
                    return new RegisterResult.Failed(RegisterResult.Reason.UNANSWERABLE_CHALLENGE, u.reason(),
                            exchanges);
                }
                case ChallengeAnswerer.Authenticated a -> credentials = a.credentials();
                case ChallengeAnswerer.Resync r -> {
                    LOG.info("REGISTER {}: SQN not fresh ({}), sending auts", config.impu(), r.failure().reason());
                    credentials = r.credentials();
                }
                case ChallengeAnswerer.NetworkNotAuthentic n -> {
                    return reportNetworkNotAuthentic(request, n.credentials(), exchanges);
                }
            }
            challenges++;
            request = ua.followUp(request)
                    .set(HeaderNames.AUTHORIZATION, config.tamper().apply(credentials).toString()).build();
        }
    }

    /**
     * The USIM rejected the network: the REGISTER with the empty response tells the S-CSCF (which answers 403 and
     * reports the failure to the HSS), and the attempt ends whatever the answer.
     */
    private RegisterResult reportNetworkNotAuthentic(SipRequest previous, DigestCredentials report,
                                                     List<Exchange> exchanges) {
        SipRequest request = ua.followUp(previous).set(HeaderNames.AUTHORIZATION, report.toString()).build();
        SipResponse answered = await(ua.send(request, config.pcscf()), "REGISTER");
        registerCSeq = request.cseq().number();
        exchanges.add(new Exchange(request, answered));
        LOG.info("REGISTER {}: network not authentic (MAC failure) reported: {} {}", config.impu(),
                answered.statusCode(), answered.reasonPhrase());
        return new RegisterResult.Failed(RegisterResult.Reason.NETWORK_NOT_AUTHENTIC,
                "MAC-A of the challenge did not verify", exchanges);
    }

    private static Optional<Long> minExpires(SipResponse response) {
        try {
            return response.header(HeaderType.MIN_EXPIRES);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<DigestChallenge> challengeOf(SipResponse response) {
        try {
            return response.header(HeaderType.WWW_AUTHENTICATE);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String digestUri() {
        return "sip:" + config.domain();
    }

    /** The REGISTER of a new attempt, laid out as the captured phone's (TS 24.229 §5.1.1.2.1). */
    private SipRequest firstRegister(long expires) {
        NameAddress impu = NameAddress.of(config.impu());
        SipRequest.Builder b = ua.newRequest(SipRequest.REGISTER, SipUri.of(null, config.domain()),
                impu.withTag(registerFromTag), impu, config.transport());
        b.set(HeaderNames.CALL_ID, registerCallId);
        b.set(HeaderType.CSEQ, new CSeq(registerCSeq + 1, SipRequest.REGISTER));
        Contact contact = contact();
        b.set(HeaderNames.CONTACT, contact + ";expires=" + expires);
        DigestCredentials empty = DigestCredentials.digest().with("username", config.impi())
                .with("realm", config.domain()).with("uri", digestUri()).with("nonce", "").with("response", "");
        // The algorithm tells the S-CSCF which scheme to ask the HSS for (Cx SIP-Authentication-Scheme).
        empty = empty.with("algorithm", config.credentials() instanceof UeCredentials.Aka
                ? Aka.AKAV1_MD5 : "MD5");
        b.add(HeaderNames.AUTHORIZATION, empty.toString());
        b.add(HeaderNames.EXPIRES, Long.toString(expires));
        b.add(HeaderNames.SUPPORTED, "path");
        b.add(HeaderNames.ALLOW, String.join(",", ua.allowedMethods()));
        b.add(HeaderNames.P_ACCESS_NETWORK_INFO, ACCESS_NETWORK_INFO);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ reg event

    /**
     * Subscribes to the reg event of the IMPU (TS 24.229 §5.1.1.3): SUBSCRIBE to the IMPU with the P-CSCF and the
     * Service-Route as preloaded Route, Event reg, Accept application/reginfo+xml. Returns once the SUBSCRIBE is
     * answered; NOTIFYs (also any that overtook the 2xx) are in the subscription's queue.
     */
    public RegEventSubscription subscribeRegEvent() {
        return subscribeRegEvent(config.expires());
    }

    /** As {@link #subscribeRegEvent()} asking for {@code expires} seconds. */
    public RegEventSubscription subscribeRegEvent(long expires) {
        NameAddress impu = NameAddress.of(config.impu());
        String tag = Branches.randomHex(6);
        SipRequest.Builder b = ua.newRequest(SipRequest.SUBSCRIBE, config.impu(), impu.withTag(tag), impu,
                config.transport());
        preloadRoutes(b);
        addSubscribeHeaders(b, expires);
        SipRequest subscribe = b.build();
        RegEventSubscription subscription = new RegEventSubscription(this, subscribe.callId(), tag);
        subscriptions.put(subscription.callId(), subscription);
        SipResponse response = await(ua.send(subscribe, config.pcscf()), "SUBSCRIBE");
        LOG.info("SUBSCRIBE reg {}: {} {}", config.impu(), response.statusCode(), response.reasonPhrase());
        subscription.answered(subscribe, response);
        return subscription;
    }

    void addSubscribeHeaders(SipRequest.Builder b, long expires) {
        b.set(HeaderNames.CONTACT, ua.contact(NameAddress.of(config.impu()), listeningPoint()).toString());
        b.set(HeaderNames.EVENT, RegEventSubscription.EVENT);
        b.set(HeaderNames.ACCEPT, RegEventSubscription.REGINFO_TYPE);
        b.set(HeaderNames.EXPIRES, Long.toString(expires));
        b.set(HeaderNames.P_ACCESS_NETWORK_INFO, ACCESS_NETWORK_INFO);
    }

    /** Route: the P-CSCF, then the Service-Route of the registration (TS 24.229 §5.1.2A.1.1). */
    private void preloadRoutes(SipRequest.Builder b) {
        Endpoint p = config.pcscf();
        SipUri pcscf = SipUri.of(null, p.address().getHostString(), p.address().getPort()).withParameter("lr", null);
        if (p.transport() != Transport.UDP) {
            pcscf = pcscf.withParameter("transport", p.transport().viaToken().toLowerCase(Locale.ROOT));
        }
        b.add(HeaderNames.ROUTE, NameAddress.of(pcscf).toString());
        Registration r = registration;
        if (r != null) {
            r.serviceRoutes().forEach(route -> b.add(HeaderNames.ROUTE, route.toString()));
        }
    }

    private void onNotify(IncomingRequest incoming) {
        SipRequest notify = incoming.request();
        for (RegEventSubscription s : subscriptions.values()) {
            if (s.matches(notify)) {
                s.onNotify(incoming);
                return;
            }
        }
        // RFC 6665 §4.1.3: a NOTIFY that matches no subscription we hold.
        incoming.respond(incoming.response(481).build());
    }

    SipResponse sendInDialog(Dialog dialog, SipRequest.Builder request) {
        return await(ua.sendInDialog(dialog, request, config.pcscf()), request.build().cseq().method());
    }

    // ------------------------------------------------------------------------------------------ calls

    /**
     * Calls {@code target}: INVITE with a minimal audio SDP offer through the P-CSCF and the Service-Route; returns
     * when the INVITE has its final response (the 2xx already ACKed).
     */
    public Call call(Uri target) {
        NameAddress from = NameAddress.of(config.impu()).withTag(Branches.randomHex(6));
        SipRequest.Builder b = ua.newRequest(SipRequest.INVITE, target, from, NameAddress.of(target),
                config.transport());
        preloadRoutes(b);
        b.add(HeaderNames.P_ACCESS_NETWORK_INFO, ACCESS_NETWORK_INFO);
        b.body("application/sdp", sdp().getBytes(StandardCharsets.US_ASCII));
        List<SipResponse> provisional = new CopyOnWriteArrayList<>();
        UserAgent.InviteResult result = await(ua.invite(b.build(), config.pcscf(), provisional::add), "INVITE");
        LOG.info("INVITE {} -> {}: {}", config.impu(), target, result.response().statusCode());
        return new Call(this, provisional, result.response(), result.dialog());
    }

    /** The next INVITE the UE received, waiting up to {@code timeout}. */
    public Optional<IncomingCall> nextIncomingCall(Duration timeout) {
        try {
            return Optional.ofNullable(incomingCalls.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void onInvite(IncomingRequest invite) {
        if (!config.autoAnswer()) {
            invite.respond(486);
            incomingCalls.add(new IncomingCall(invite.request(), 486, Optional.empty()));
            return;
        }
        invite.respond(180);
        SipResponse ok = invite.response(200)
                .add(HeaderNames.CONTACT, ua.contact(NameAddress.of(config.impu()), listeningPoint()).toString())
                .body("application/sdp", sdp().getBytes(StandardCharsets.US_ASCII))
                .build();
        invite.respond(ok);
        Optional<Dialog> dialog;
        try {
            dialog = Optional.of(Dialog.asUas(invite.request(), invite.toTag()));
        } catch (MalformedHeaderException e) {
            dialog = Optional.empty(); // an INVITE without Contact: answered, but there is no dialog to keep
        }
        incomingCalls.add(new IncomingCall(invite.request(), 200, dialog));
    }

    /** An audio offer/answer with AMR-WB and telephone-event (RFC 4566), on a port nobody sends to. */
    private String sdp() {
        String host = listeningPoint().host();
        String ipVersion = host.contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=- 1 1 IN " + ipVersion + " " + host + "\r\n"
                + "s=-\r\n"
                + "c=IN " + ipVersion + " " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio 40000 RTP/AVP 116 118\r\n"
                + "a=rtpmap:116 AMR-WB/16000\r\n"
                + "a=rtpmap:118 telephone-event/16000\r\n"
                + "a=sendrecv\r\n";
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no final response to " + what + " within " + config.responseTimeout(), e);
        }
    }

    @Override
    public void close() {
        transport.close();
        timers.close();
    }

    @Override
    public String toString() {
        return "TestUe[" + config.impu() + " via " + config.pcscf() + "]";
    }
}
