package org.imscore.benchmarks.cscf;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.imscore.benchmarks.HeapUsed;
import org.imscore.cscf.cx.AuthScheme;
import org.imscore.cscf.cx.AuthVector;
import org.imscore.cscf.cx.CxClient;
import org.imscore.cscf.cx.LocationInfoAnswer;
import org.imscore.cscf.cx.LocationInfoRequest;
import org.imscore.cscf.cx.MultimediaAuthAnswer;
import org.imscore.cscf.cx.MultimediaAuthRequest;
import org.imscore.cscf.cx.ServerAssignmentAnswer;
import org.imscore.cscf.cx.ServerAssignmentRequest;
import org.imscore.cscf.cx.UserAuthorizationAnswer;
import org.imscore.cscf.cx.UserAuthorizationRequest;
import org.imscore.cscf.cx.UserProfileXml;
import org.imscore.cscf.node.PcscfServer;
import org.imscore.cscf.pcscf.GmProtection;
import org.imscore.cscf.pcscf.IcidGenerator;
import org.imscore.cscf.pcscf.InMemoryPcscfBindingStore;
import org.imscore.cscf.pcscf.PcscfBinding;
import org.imscore.cscf.pcscf.PcscfConfig;
import org.imscore.cscf.pcscf.PcscfRegistrar;
import org.imscore.cscf.regevent.RegEventConfig;
import org.imscore.cscf.regevent.RegEventNotifier;
import org.imscore.cscf.regevent.WatcherSubscriptions;
import org.imscore.cscf.scscf.InMemoryBindingStore;
import org.imscore.cscf.scscf.InMemoryChallengeStore;
import org.imscore.cscf.scscf.ScscfConfig;
import org.imscore.cscf.scscf.ScscfRegistrar;
import org.imscore.sip.auth.Digest;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;

/**
 * The heap the CSCFs keep per registered user: registers {@code count} users the way the all-in-one core does, then
 * reports the used heap after full collections, minus the same figure before, divided by {@code count}, in all and
 * per holder of state.
 *
 * <p>Each user makes one full AKA registration as bench/register's SIPp does (IMPU
 * {@code sip:00101NNNNNNNNNN@ims.mnc001.mcc001.3gppnetwork.org}, Contact {@code sip:00101NNNNNNNNNN@127.0.0.1:5080;
 * transport=udp}, all from one UDP flow): the REGISTER goes through {@link PcscfRegistrar#forwardRegister}, over the
 * wire (serialised and parsed again, Via of each proxy on top) to {@link ScscfRegistrar#register}, which challenges
 * it (MAR) and then registers it (SAR, with the user data an HSS writes for an imported subscriber); the 200 goes back
 * over the wire to {@link PcscfRegistrar#registered}; the P-CSCF subscribes to the user's reg event
 * ({@link PcscfRegistrar#regEventSubscribe}, {@link WatcherSubscriptions}) and the S-CSCF's
 * {@link RegEventNotifier} accepts it and sends its first NOTIFY. The HSS is a stub answering at once.
 *
 * <p>Then each holder is let go in turn and the heap measured again, which shows what each one keeps: the
 * notifier's subscriptions, the P-CSCF's watcher list, the P-CSCF's bindings, the S-CSCF's registrations. That split
 * needs a collector whose full GC compacts (G1, the default): ZGC frees only pages left wholly empty, so with it only
 * the figure for all is meaningful (bench/register runs the core with {@code -XX:+UseZGC -Xms1g -Xmx1g}).
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar
 * org.imscore.benchmarks.cscf.RegistrationFootprint [count] [ifcs]}; {@code ifcs} adds that many initial filter
 * criteria to every user's service profile (0, like the imported subscribers of bench/register, by default).
 */
public final class RegistrationFootprint {

    static final String DOMAIN = "ims.mnc001.mcc001.3gppnetwork.org";
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] XRES = HEX.parseHex("a54211d5e3ba50bf");
    private static final byte[] AUTN = HEX.parseHex("b9b9a3f3d58e0000e8f1a1f6a3a1b2c3");
    private static final byte[] CK = HEX.parseHex("b40ba9a3c58b2a05bbf0d987b21bf8cb");
    private static final byte[] IK = HEX.parseHex("f769bcd751044604127672711c6d3441");

    private RegistrationFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int ifcs = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Core core = new Core(ifcs);
        // Warm the code paths (and their class loading) before the first measurement, with users of their own.
        for (int i = 0; i < 1_000; i++) {
            core.register(1_000_000_000L + i);
        }
        Core measured = new Core(ifcs);
        long before = HeapUsed.afterGc();
        for (int i = 0; i < count; i++) {
            measured.register(i);
        }
        Map<String, Long> heap = new LinkedHashMap<>();
        heap.put("all", HeapUsed.afterGc());
        measured.check(count);
        // -Dfootprint.pauseSeconds=N leaves time for "jcmd PID GC.class_histogram" of the whole state.
        Thread.sleep(Long.getLong("footprint.pauseSeconds", 0) * 1000);
        measured.notifier = null;
        heap.put("S-CSCF reg-event subscriptions", HeapUsed.afterGc());
        measured.watched = null;
        heap.put("P-CSCF reg-event watcher", HeapUsed.afterGc());
        measured.pcscf = null;
        measured.pcscfBindings = null;
        heap.put("P-CSCF bindings", HeapUsed.afterGc());
        measured.scscf = null;
        measured.scscfBindings = null;
        heap.put("S-CSCF registrations", HeapUsed.afterGc());

        System.out.printf("%d users, %d iFC(s) each%n", count, ifcs);
        System.out.printf("%-32s %12s%n", "state", "bytes/user");
        long previous = heap.get("all");
        for (Map.Entry<String, Long> e : heap.entrySet()) {
            if (e.getKey().equals("all")) {
                System.out.printf("%-32s %12.0f%n", "all", (e.getValue() - before) / (double) count);
            } else {
                System.out.printf("  %-30s %12.0f%n", e.getKey(), (previous - e.getValue()) / (double) count);
                previous = e.getValue();
            }
        }
        Reference.reachabilityFence(core);
        Reference.reachabilityFence(measured);
    }


    /** The P-CSCF's and the S-CSCF's registration state, wired as the core wires them, on a clock that stands. */
    private static final class Core {
        final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        final SecureRandom random = new SecureRandom();
        final AtomicLong branches = new AtomicLong();
        final int ifcs;
        InMemoryPcscfBindingStore pcscfBindings = new InMemoryPcscfBindingStore();
        PcscfRegistrar pcscf;
        WatcherSubscriptions watched = new WatcherSubscriptions();
        InMemoryBindingStore scscfBindings = new InMemoryBindingStore();
        ScscfRegistrar scscf;
        RegEventNotifier notifier;

        Core(int ifcs) {
            this.ifcs = ifcs;
            PcscfConfig pcscfConfig = new PcscfConfig(DOMAIN, NameAddress.parse("<sip:term@127.0.0.1:5060;lr>"),
                    DOMAIN, NameAddress.parse("<sip:127.0.0.1:4060;lr>"), "127.0.0.1", DOMAIN);
            pcscf = new PcscfRegistrar(pcscfConfig, pcscfBindings, clock, new IcidGenerator(clock, random));
            ScscfConfig scscfConfig = new ScscfConfig("sip:scscf." + DOMAIN + ":6060", DOMAIN,
                    NameAddress.parse("<sip:orig@127.0.0.1:6060;lr>"), AuthScheme.UNKNOWN, "auth,auth-int", 3600,
                    60, 600_000, Duration.ofSeconds(30), 3, 30);
            scscf = new ScscfRegistrar(scscfConfig, new StubHss(), scscfBindings, new InMemoryChallengeStore(), clock,
                    random::nextLong);
            notifier = new RegEventNotifier(RegEventConfig.defaults(SipUri.parse("sip:127.0.0.1:6060")), scscf,
                    clock, random::nextLong);
        }

        /** What Core's token supplier makes: 64 random bits in hex. */
        String token() {
            byte[] b = new byte[8];
            random.nextBytes(b);
            return HEX.formatHex(b);
        }

        void register(long n) {
            String user = String.format("00101%010d", n);
            String callId = token() + "@127.0.0.1";
            SipRequest first = ueRegister(user, callId, 1, "");
            SipResponse challenge = scscf.register(toScscf(first)).toCompletableFuture().join().response();
            if (challenge.statusCode() != 401) {
                throw new IllegalStateException(user + ": first REGISTER answered " + challenge.statusCode());
            }
            String nonce = challenge.header(HeaderType.WWW_AUTHENTICATE).orElseThrow().nonce();
            SipRequest second = ueRegister(user, callId, 2, authorization(user, nonce));
            ScscfRegistrar.Outcome outcome = scscf.register(toScscf(second)).toCompletableFuture().join();
            if (outcome.response().statusCode() != 200) {
                throw new IllegalStateException(user + ": second REGISTER answered " + outcome.response().statusCode());
            }
            notifier.stateChanged(outcome.regEvent());
            SipResponse ok = (SipResponse) wire(outcome.response().toBuilder().removeFirstValue(HeaderNames.VIA)
                    .removeFirstValue(HeaderNames.VIA).build());
            // The transport makes an Endpoint for every datagram it receives.
            pcscf.registered(second, Endpoint.udp("127.0.0.1", 5080), ok);
            String identity = second.to().uri().toString();
            if (!watched.watches(identity)) {
                subscribe(pcscfBindings.ofContact(second.contacts().get(0).address().uri()).orElseThrow());
            }
        }

        /** As PcscfServer subscribes, and the S-CSCF's node hands the SUBSCRIBE to its notifier. */
        private void subscribe(PcscfBinding binding) {
            String callId = PcscfServer.regEventCallId(random);
            SipRequest draft = pcscf.regEventSubscribe(binding, callId,
                    UUID.randomUUID().toString().substring(0, 8), 600_000);
            SipRequest subscribe = draft.toBuilder().set(HeaderNames.CONTACT, "<sip:127.0.0.1:5060>")
                    .prepend(HeaderNames.VIA, via(5060)).build();
            watched.add(callId, binding.publicIdentity());
            RegEventNotifier.SubscribeResult result = notifier.subscribe((SipRequest) wire(subscribe));
            if (result.response().statusCode() != 200 || result.firstNotify().isEmpty()) {
                throw new IllegalStateException("SUBSCRIBE for " + binding.publicIdentity() + " answered "
                        + result.response().statusCode());
            }
            notifier.notifyAnswered(result.firstNotify().get().subscriptionId(), 200);
        }

        /** The REGISTER bench/register's SIPp sends, as the P-CSCF receives it. */
        private SipRequest ueRegister(String user, String callId, int cseq, String authorization) {
            String text = "REGISTER sip:" + DOMAIN + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-" + branches.incrementAndGet() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + user + "@" + DOMAIN + ">;tag=4711SIPpTag" + cseq + "\r\n"
                    + "To: <sip:" + user + "@" + DOMAIN + ">\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " REGISTER\r\n"
                    + "Contact: <sip:" + user + "@127.0.0.1:5080;transport=udp>;expires=600\r\n"
                    + "Supported: path\r\n"
                    + authorization
                    + "Content-Length: 0\r\n\r\n";
            return (SipRequest) parse(text.getBytes(StandardCharsets.UTF_8));
        }

        /** What SIPp's [authentication] writes for AKAv1-MD5 with RES = XRES. */
        private static String authorization(String user, String nonce) {
            String impi = user + "@" + DOMAIN;
            String uri = "sip:" + DOMAIN;
            String response = Digest.response(Digest.ha1(impi, DOMAIN, XRES), nonce, "00000001", "6b8b4567", "auth",
                    Digest.ha2("REGISTER", uri, "auth", new byte[0]));
            return "Authorization: Digest username=\"" + impi + "\",realm=\"" + DOMAIN + "\",cnonce=\"6b8b4567\","
                    + "nc=00000001,qop=auth,uri=\"" + uri + "\",nonce=\"" + nonce + "\",response=\"" + response
                    + "\",algorithm=AKAv1-MD5\r\n";
        }

        /** The P-CSCF's REGISTER as the S-CSCF receives it: P-CSCF and I-CSCF Vias on top, through the wire. */
        private SipRequest toScscf(SipRequest fromUe) {
            PcscfRegistrar.RegisterDecision decision = pcscf.forwardRegister(fromUe, GmProtection.NONE);
            if (!(decision instanceof PcscfRegistrar.RegisterDecision.Forward forward)) {
                throw new IllegalStateException("P-CSCF refused the REGISTER: " + decision);
            }
            SipRequest out = forward.request().toBuilder().prepend(HeaderNames.VIA, via(5060))
                    .prepend(HeaderNames.VIA, via(4060))
                    .set(HeaderNames.ROUTE, "<sip:scscf." + DOMAIN + ":6060;lr>").build();
            return (SipRequest) wire(out);
        }

        private String via(int port) {
            return "SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK" + token();
        }

        void check(int users) {
            if (pcscfBindings.all().size() != users || watched.size() != users
                    || notifier.subscriptions().size() != users) {
                throw new IllegalStateException("expected " + users + " users everywhere, have "
                        + pcscfBindings.all().size() + " P-CSCF bindings, " + watched.size() + " watched, "
                        + notifier.subscriptions().size() + " subscriptions");
            }
        }

        /** The user data an HSS writes for an imported subscriber (hss/profile/UserDataXml's layout). */
        private String userData(String impi, String impu) {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><IMSSubscription>"
                    + "<PrivateID>" + impi + "</PrivateID><ServiceProfile><PublicIdentity><Identity>" + impu
                    + "</Identity><Extension><IdentityType>0</IdentityType></Extension></PublicIdentity>");
            for (int i = 0; i < ifcs; i++) {
                xml.append("<InitialFilterCriteria><Priority>").append(i).append("</Priority><TriggerPoint>"
                        + "<ConditionTypeCNF>0</ConditionTypeCNF><SPT><ConditionNegated>0</ConditionNegated>"
                        + "<Group>0</Group><Method>INVITE</Method></SPT><SPT><ConditionNegated>0</ConditionNegated>"
                        + "<Group>0</Group><SessionCase>0</SessionCase></SPT></TriggerPoint><ApplicationServer>"
                        + "<ServerName>sip:as").append(i).append(".").append(DOMAIN).append(":5090</ServerName>"
                        + "<DefaultHandling>0</DefaultHandling></ApplicationServer>"
                        + "<ProfilePartIndicator>0</ProfilePartIndicator></InitialFilterCriteria>");
            }
            return xml.append("</ServiceProfile></IMSSubscription>").toString();
        }

        /** An HSS answering at once: one AKAv1-MD5 vector per MAR (RAND from a counter), the profile per SAR. */
        private final class StubHss implements CxClient {
            private long rands;

            @Override
            public CompletionStage<MultimediaAuthAnswer> multimediaAuth(MultimediaAuthRequest request) {
                byte[] rand = new byte[16];
                long r = ++rands;
                for (int i = 0; i < 8; i++) {
                    rand[15 - i] = (byte) (r >>> (8 * i));
                }
                rand[0] = 0x23;
                return CompletableFuture.completedFuture(new MultimediaAuthAnswer(request.privateIdentity(),
                        request.publicIdentity(), List.of(new AuthVector.Aka(AuthScheme.AKAV1_MD5, rand, AUTN, XRES,
                        CK, IK))));
            }

            @Override
            public CompletionStage<ServerAssignmentAnswer> serverAssignment(ServerAssignmentRequest request) {
                // Parsed from text, as DiameterCxClient does with the User-Data AVP.
                String impi = request.privateIdentity().orElseThrow();
                return CompletableFuture.completedFuture(new ServerAssignmentAnswer(Optional.of(impi),
                        Optional.of(UserProfileXml.parse(userData(impi, request.publicIdentities().get(0)))),
                        List.of()));
            }

            @Override
            public CompletionStage<UserAuthorizationAnswer> userAuthorization(UserAuthorizationRequest request) {
                throw new UnsupportedOperationException("the S-CSCF makes no UAR");
            }

            @Override
            public CompletionStage<LocationInfoAnswer> locationInfo(LocationInfoRequest request) {
                throw new UnsupportedOperationException("the S-CSCF makes no LIR");
            }
        }
    }

    static SipMessage wire(SipMessage message) {
        return parse(SipSerializer.serialize(message));
    }

    static SipMessage parse(byte[] bytes) {
        SipParseResult parsed = SipParser.parse(bytes);
        if (!parsed.isSuccess()) {
            throw new IllegalStateException("not a SIP message: " + parsed.error() + "\n"
                    + new String(bytes, StandardCharsets.UTF_8));
        }
        return parsed.message();
    }
}
