package org.imscore.cscf.scscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imscore.cscf.CaptureVectors.IMPI;
import static org.imscore.cscf.CaptureVectors.REALM;
import static org.imscore.cscf.CaptureVectors.SERVER_NAME;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.imscore.cscf.CaptureVectors;
import org.imscore.cscf.Counter;
import org.imscore.cscf.MutableClock;
import org.imscore.cscf.ScriptedHss;
import org.imscore.cscf.TestMessages;
import org.imscore.cscf.cx.AssignmentType;
import org.imscore.cscf.cx.AuthScheme;
import org.imscore.cscf.cx.AuthVector;
import org.imscore.cscf.cx.CxClient;
import org.imscore.cscf.cx.CxFailure;
import org.imscore.cscf.cx.LocationInfoAnswer;
import org.imscore.cscf.cx.LocationInfoRequest;
import org.imscore.cscf.cx.MultimediaAuthAnswer;
import org.imscore.cscf.cx.MultimediaAuthRequest;
import org.imscore.cscf.cx.RegistrationTermination;
import org.imscore.cscf.cx.ServerAssignmentAnswer;
import org.imscore.cscf.cx.ServerAssignmentRequest;
import org.imscore.cscf.cx.UserAuthorizationAnswer;
import org.imscore.cscf.cx.UserAuthorizationRequest;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.cscf.cx.UserProfileXml;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.sip.auth.Aka;
import org.imscore.sip.auth.Digest;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The S-CSCF registrar driven by the captured REGISTERs and by hand-written ones, against a scripted HSS. */
class ScscfRegistrarTest {

    static final NameAddress SERVICE_ROUTE = NameAddress.parse("<sip:orig@scscf." + REALM + ":6060;lr>");

    final MutableClock clock = new MutableClock(Instant.parse("2020-04-17T08:00:34Z"));
    final ScriptedHss hss = new ScriptedHss();
    final InMemoryBindingStore bindings = new InMemoryBindingStore();
    final InMemoryChallengeStore challenges = new InMemoryChallengeStore();
    ScscfConfig config = ScscfConfig.defaults(SERVER_NAME, REALM, SERVICE_ROUTE);
    ScscfRegistrar registrar;

    @BeforeEach
    void setUp() {
        hss.onMar = r -> new MultimediaAuthAnswer(r.privateIdentity(), r.publicIdentity(),
                List.of(CaptureVectors.NONIPSEC));
        hss.onSar = r -> new ServerAssignmentAnswer(Optional.of(IMPI),
                r.type() == AssignmentType.REGISTRATION || r.type() == AssignmentType.RE_REGISTRATION
                        ? Optional.of(CaptureVectors.profile()) : Optional.empty(), List.of());
        registrar = new ScscfRegistrar(config, hss, bindings, challenges, clock, new Counter());
    }

    ScscfRegistrar.Outcome register(SipRequest request) {
        return registrar.register(request).toCompletableFuture().join();
    }

    // ---- the captured registration, hop by hop

    @Test
    void capturedFirstRegisterIsChallengedExactlyAsTheCapturedScscfDid() {
        SipResponse captured401 = TestMessages.response("nonipsec/426-401-scscf-to-icscf.sip");

        SipResponse r = register(TestMessages.request("nonipsec/308-register-icscf-to-scscf.sip")).response();

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headerValue("WWW-Authenticate")).isEqualTo(captured401.headerValue("WWW-Authenticate"));
        assertThat(r.headerValue("Path")).isEqualTo(captured401.headerValue("Path"));
        assertThat(r.to().tag()).isPresent();
        assertThat(hss.mars).singleElement().satisfies(mar -> {
            assertThat(mar.privateIdentity()).isEqualTo(IMPI);
            assertThat(mar.publicIdentity()).isEqualTo(CaptureVectors.IMPU);
            // No algorithm in the phone's Authorization: the HSS chooses, as with the captured S-CSCF.
            assertThat(mar.scheme()).isEqualTo(AuthScheme.UNKNOWN);
            assertThat(mar.serverName()).isEqualTo(SERVER_NAME);
            assertThat(mar.resynchronization()).isEmpty();
        });
        assertThat(bindings.find(CaptureVectors.IMPU)).isEmpty();
    }

    @Test
    void capturedSecondRegisterAuthenticatesWithThePhonesRealResponseAndRegistersTheImplicitSet() {
        register(TestMessages.request("nonipsec/308-register-icscf-to-scscf.sip"));
        clock.advance(Duration.ofMillis(115));
        SipResponse captured200 = TestMessages.response("nonipsec/706-200-scscf-to-icscf.sip");

        ScscfRegistrar.Outcome out = register(TestMessages.request("nonipsec/501-register-auth-icscf-to-scscf.sip"));
        SipResponse r = out.response();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headerValue("P-Associated-URI")).isEqualTo(captured200.headerValue("P-Associated-URI"));
        assertThat(r.headerValue("Service-Route")).isEqualTo(captured200.headerValue("Service-Route"));
        assertThat(r.headerValue("Path")).isEqualTo(captured200.headerValue("Path"));
        assertThat(r.contacts()).singleElement().satisfies(c -> {
            assertThat(c.address().uri().toString()).isEqualTo("sip:192.168.101.2:5060;alias=192.168.101.2~5060~1");
            assertThat(c.expires()).hasValue(600_000);
            assertThat(c.instance()).hasValue("<urn:gsma:imei:86728703-952237-0>");
        });
        assertThat(r.header(HeaderType.AUTHENTICATION_INFO)).hasValueSatisfying(a -> {
            assertThat(a.qop()).hasValue("auth");
            assertThat(a.cnonce()).hasValue("4130282079");
            assertThat(a.rspauth()).get().asString().hasSize(32);
        });
        assertThat(hss.sars).singleElement().satisfies(sar -> {
            assertThat(sar.type()).isEqualTo(AssignmentType.REGISTRATION);
            assertThat(sar.userDataAlreadyAvailable()).isFalse();
            assertThat(sar.privateIdentity()).hasValue(IMPI);
        });
        // Every identity of the implicit set is registered, the barred IMSI one included.
        assertThat(bindings.find("tel:0598765432100")).isPresent();
        assertThat(bindings.find("sip:0598765432100")).isPresent();
        assertThat(bindings.find(CaptureVectors.IMPU)).hasValueSatisfying(reg -> assertThat(reg.isBarred()).isTrue());
        // reg-event: the two unbarred identities, as in the captured NOTIFY.
        assertThat(out.regEvent()).extracting(RegInfo.Registration::aor)
                .containsExactly("tel:0598765432100", "sip:0598765432100");
        assertThat(out.regEvent()).allSatisfy(reg -> {
            assertThat(reg.state()).isEqualTo(RegInfo.RegistrationState.ACTIVE);
            assertThat(reg.contacts()).singleElement().satisfies(c -> {
                assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.REGISTERED);
                assertThat(c.expires()).hasValue(600_000);
                assertThat(c.uri()).isEqualTo("sip:192.168.101.2:5060;alias=192.168.101.2~5060~1");
            });
        });
    }

    @Test
    void authIntResponseOfTheIpsecCaptureIsVerified() {
        challenges.put(new Challenge("001011234567893@" + REALM, "sip:001011234567893@" + REALM,
                Aka.nonce(CaptureVectors.IPSEC.rand(), CaptureVectors.IPSEC.autn()), CaptureVectors.IPSEC,
                clock.instant(), 0));
        hss.onSar = r -> new ServerAssignmentAnswer(Optional.empty(), Optional.of(profileOf(
                "001011234567893@" + REALM, "sip:001011234567893@" + REALM, "tel:0398765432100")), List.of());

        SipResponse r = register(TestMessages.request("ipsec/487-register-auth-icscf-to-scscf.sip")).response();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header(HeaderType.AUTHENTICATION_INFO).orElseThrow().qop()).hasValue("auth-int");
    }

    // ---- challenges that go wrong

    @Test
    void wrongResponseIsChallengedAgainThen403AfterTheConfiguredNumberOfFailures() {
        SipResponse first = register(register(null, "auth")).response();
        String nonce = first.header(HeaderType.WWW_AUTHENTICATE).orElseThrow().nonce();

        SipResponse second = register(register(akaAnswer(nonce, "00000000000000000000000000000000"), "auth"))
                .response();
        assertThat(second.statusCode()).isEqualTo(401);
        assertThat(second.header(HeaderType.WWW_AUTHENTICATE).orElseThrow().stale()).isFalse();
        assertThat(hss.mars.get(1).scheme()).isEqualTo(AuthScheme.AKAV1_MD5);

        String nonce2 = second.header(HeaderType.WWW_AUTHENTICATE).orElseThrow().nonce();
        SipResponse third = register(register(akaAnswer(nonce2, "11111111111111111111111111111111"), "auth"))
                .response();
        assertThat(third.statusCode()).isEqualTo(401);

        String nonce3 = third.header(HeaderType.WWW_AUTHENTICATE).orElseThrow().nonce();
        SipResponse fourth = register(register(akaAnswer(nonce3, "22222222222222222222222222222222"), "auth"))
                .response();
        assertThat(fourth.statusCode()).isEqualTo(403);
        assertThat(fourth.reasonPhrase()).contains("Authentication failed");
        assertThat(hss.sars).extracting(s -> s.type()).containsExactly(AssignmentType.AUTHENTICATION_FAILURE);
        assertThat(bindings.find("tel:0598765432100")).isEmpty();
    }

    @Test
    void emptyAkaResponseMeansTheUeRejectedTheNetworkAnd403sAtOnce() {
        String nonce = register(register(null, "auth")).response().header(HeaderType.WWW_AUTHENTICATE).orElseThrow()
                .nonce();

        SipResponse r = register(register("Digest username=\"" + IMPI + "\",realm=\"" + REALM + "\",uri=\"sip:"
                + REALM + "\",nonce=\"" + nonce + "\",response=\"\",algorithm=AKAv1-MD5", "auth")).response();

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(hss.mars).hasSize(1);
    }

    @Test
    void answerAfterTheNonceLifetimeGetsAStaleChallenge() {
        String nonce = register(register(null, "auth")).response().header(HeaderType.WWW_AUTHENTICATE).orElseThrow()
                .nonce();
        clock.advance(config.nonceLifetime().plusSeconds(1));

        SipResponse r = register(register(akaAnswer(nonce, correctResponse(nonce, "auth")), "auth")).response();

        assertThat(r.statusCode()).isEqualTo(401);
        DigestChallenge c = r.header(HeaderType.WWW_AUTHENTICATE).orElseThrow();
        assertThat(c.stale()).isTrue();
        assertThat(r.headerValue("WWW-Authenticate").orElseThrow()).contains("stale=true");
        assertThat(hss.mars).hasSize(2);
    }

    @Test
    void nonceThatWasNeverIssuedGetsAStaleChallenge() {
        SipResponse r = register(register(akaAnswer("bm90IG91ciBub25jZQ==", "0123"), "auth")).response();

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.header(HeaderType.WWW_AUTHENTICATE).orElseThrow().stale()).isTrue();
    }

    @Test
    void correctAnswerWithinTheLifetimeRegisters() {
        String nonce = register(register(null, "auth")).response().header(HeaderType.WWW_AUTHENTICATE).orElseThrow()
                .nonce();
        clock.advance(Duration.ofSeconds(5));

        SipResponse r = register(register(akaAnswer(nonce, correctResponse(nonce, "auth")), "auth")).response();

        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void autsStartsAResynchronisationMarWithRandAndAutsAndANewChallenge() {
        String nonce = register(register(null, "auth")).response().header(HeaderType.WWW_AUTHENTICATE).orElseThrow()
                .nonce();
        // AUTS of aka-digest.md §7.1: 451e8beca42488a6464fad3ec18d.
        String auts = "RR6L7KQkiKZGT60+wY0=";
        hss.onMar = r -> new MultimediaAuthAnswer(r.privateIdentity(), r.publicIdentity(),
                List.of(CaptureVectors.IPSEC));

        SipResponse r = register(register("Digest username=\"" + IMPI + "\",realm=\"" + REALM + "\",uri=\"sip:"
                + REALM + "\",nonce=\"" + nonce + "\",response=\"whatever\",auts=\"" + auts + "\",qop=auth,"
                + "nc=00000001,cnonce=\"abc\"", "auth")).response();

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.header(HeaderType.WWW_AUTHENTICATE).orElseThrow().nonce())
                .isEqualTo("oJRMdf88TwhTovkQqh8QT8bi9GyPQoAAfzu5uEt8P/Y=");
        assertThat(hss.mars).hasSize(2);
        // No algorithm in this Authorization: the resync still names the scheme of the vector that failed.
        assertThat(hss.mars.get(1).scheme()).isEqualTo(AuthScheme.AKAV1_MD5);
        assertThat(hss.mars.get(1).resynchronization()).hasValueSatisfying(b -> assertThat(HexFormat.of()
                .formatHex(b)).isEqualTo("f12034a7faa5b4832506ac8033fbea00451e8beca42488a6464fad3ec18d"));
    }

    @Test
    void malformedAutsIs400() {
        String nonce = register(register(null, "auth")).response().header(HeaderType.WWW_AUTHENTICATE).orElseThrow()
                .nonce();

        SipResponse r = register(register("Digest username=\"" + IMPI + "\",realm=\"" + REALM + "\",uri=\"sip:"
                + REALM + "\",nonce=\"" + nonce + "\",response=\"\",auts=\"AAAA\"", "auth")).response();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).isEqualTo("Bad Authorization header");
    }

    // ---- Cx failures

    @Test
    void userUnknownAtTheHssIs403() {
        hss.onMar = ScriptedHss.failing(CxFailure.USER_UNKNOWN);

        SipResponse r = register(register(null, "auth")).response();

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.reasonPhrase()).isEqualTo("Forbidden - User unknown");
    }

    @Test
    void unreachableHssIs504WithRetryAfterNever403() {
        hss.onMar = ScriptedHss.failing(CxFailure.BACKEND_UNAVAILABLE);

        SipResponse r = register(register(null, "auth")).response();

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.headerValue("Retry-After")).hasValue("30");
    }

    @Test
    void hssThatAnswersNonsenseIs500WithRetryAfter() {
        hss.onMar = ScriptedHss.failing(CxFailure.BACKEND_ERROR);

        SipResponse r = register(register(null, "auth")).response();

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headerValue("Retry-After")).hasValue("30");
    }

    @Test
    void sarFailureAfterAuthenticationIsAnsweredAndNothingIsStored() {
        hss.onSar = ScriptedHss.failing(CxFailure.BACKEND_UNAVAILABLE);

        SipResponse r = registerFully("sip:192.0.2.10:5060", 3600);

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(bindings.find("tel:0598765432100")).isEmpty();
    }

    // ---- request checks

    @Test
    void expiresBelowTheMinimumIs423WithMinExpires() {
        SipResponse r = register(register(null, "auth", "<sip:192.0.2.10:5060>", "Expires: 30\n")).response();

        assertThat(r.statusCode()).isEqualTo(423);
        assertThat(r.headerValue("Min-Expires")).hasValue("60");
        assertThat(hss.mars).isEmpty();
    }

    @Test
    void expiresAboveTheMaximumIsShortened() {
        SipResponse r = registerFully("<sip:192.0.2.10:5060>;expires=9999999", -1);

        assertThat(r.contacts()).singleElement().satisfies(c -> assertThat(c.expires()).hasValue(600_000));
    }

    @Test
    void unsupportedRequireIs420() {
        SipResponse r = register(register(null, "auth", "<sip:192.0.2.10:5060>", "Require: path, foo\n"))
                .response();

        assertThat(r.statusCode()).isEqualTo(420);
        assertThat(r.headerValue("Unsupported")).hasValue("foo");
    }

    @Test
    void wildcardWithoutExpiresZeroIs400() {
        SipResponse r = register(register(null, "auth", "*", "Expires: 3600\n")).response();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).isEqualTo("Bad Contact header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "-0.5", "high"})
    void aQValueThatIsNoQValueIs400NamingTheHeader(String q) {
        SipResponse r = register(register(null, "auth", "<sip:192.0.2.10:5060>;q=" + q, "Expires: 3600\n"))
                .response();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).startsWith("Bad Contact header - ").contains(q);
    }

    @Test
    void malformedContactIs400NamingTheHeader() {
        SipResponse r = register(register(null, "auth", "<sip:192.0.2.10:5060;expires=abc", "")).response();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).isEqualTo("Bad Contact header");
    }

    @Test
    void malformedAuthorizationIs400AndSoIsBasic() {
        SipResponse bad = register(register("Digest username=\"" + IMPI, "auth")).response();
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.reasonPhrase()).isEqualTo("Bad Authorization header");

        // RFC 3261 §22.1 retired Basic; its token68 is not a SIP auth-param list.
        SipResponse basic = register(register("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "auth")).response();
        assertThat(basic.statusCode()).isEqualTo(400);
        assertThat(hss.mars).isEmpty();
    }

    // ---- what a registration keeps

    @Test
    void registrationsShareWhatUsersHaveInCommonAndKeepTheirOwnTextOnce() {
        String criterion = "<InitialFilterCriteria><Priority>0</Priority><TriggerPoint>"
                + "<ConditionTypeCNF>0</ConditionTypeCNF><SPT><Group>0</Group><RequestURI>^sip:</RequestURI></SPT>"
                + "</TriggerPoint><ApplicationServer><ServerName>sip:as." + REALM + "</ServerName>"
                + "</ApplicationServer></InitialFilterCriteria>";
        List<String> identities = new ArrayList<>(List.of(CaptureVectors.IMPU));
        // Each SAA's User-Data read anew, as from the network: equal criteria, distinct instances.
        hss.onSar = r -> new ServerAssignmentAnswer(Optional.of(IMPI), Optional.of(UserProfileXml.parse(
                "<IMSSubscription><PrivateID>" + IMPI + "</PrivateID><ServiceProfile>"
                        + identities.stream().map(i -> "<PublicIdentity><Identity>" + i + "</Identity>"
                                + "</PublicIdentity>").collect(Collectors.joining())
                        + criterion + "</ServiceProfile></IMSSubscription>")), List.of());
        registerFully("<sip:192.0.2.10:5060>", 3600);
        Registration first = bindings.find(CaptureVectors.IMPU).orElseThrow();

        // A refresh with the same profile keeps the profile held; a changed one shares the criteria.
        registerFully("<sip:192.0.2.10:5060>", 3600);
        assertThat(bindings.find(CaptureVectors.IMPU).orElseThrow().profile()).isSameAs(first.profile());
        identities.add("tel:+15550100");
        registerFully("<sip:192.0.2.11:5060>;+sip.instance=\"<urn:uuid:1>\"", 3600);
        Registration second = bindings.find(CaptureVectors.IMPU).orElseThrow();
        Registration tel = bindings.find("tel:+15550100").orElseThrow();

        assertThat(second.profile()).isNotEqualTo(first.profile()).isSameAs(tel.profile());
        assertThat(second.profile().serviceProfiles().get(0).criteria())
                .isSameAs(first.profile().serviceProfiles().get(0).criteria());
        assertThat(tel.profile().criteriaFor("tel:+15550100")).singleElement()
                .satisfies(c -> assertThat(c.applicationServer().serverName()).isEqualTo("sip:as." + REALM));
        assertThat(second.contacts()).hasSize(2);
        assertThat(second.contacts().get(1).path()).isSameAs(second.contacts().get(0).path())
                .containsExactly(NameAddress.parse("<sip:term@pcscf." + REALM + ";lr>"));
        // The IMPI is the first IMPU without its sip: here, so the profile derives it and no record holds its text.
        assertThat(second.privateIdentity()).isEqualTo(IMPI).isEqualTo(second.profile().privateIdentity());
        assertThat(tel.privateIdentity()).isEqualTo(IMPI);
        assertThat(tel.publicIdentity()).isSameAs(tel.profile().publicIdentities().get(1).identity());
    }

    @Test
    void contactsKeepTheirUriTextAndGiveBackTheContactAsRegistered() {
        registerFully("\"Bob\" <sip:192.0.2.11:5060;transport=tcp>;+sip.instance=\"<urn:uuid:1>\";q=0.5", 3600);

        ContactBinding b = bindings.find("tel:0598765432100").orElseThrow().contacts().get(0);
        assertThat(b.uriText()).isEqualTo("sip:192.0.2.11:5060;transport=tcp");
        assertThat(b.contact()).isEqualTo(NameAddress.parse(
                "\"Bob\" <sip:192.0.2.11:5060;transport=tcp>;+sip.instance=\"<urn:uuid:1>\";q=0.5"));
        assertThat(b.q()).isEqualTo(0.5);
        assertThat(registrar.registrations("tel:0598765432100").get(0).contacts().get(0).uri())
                .isSameAs(b.uriText());
    }


    @Test
    void reRegistrationOverAProtectedChannelSkipsTheChallengeAndRefreshesTheContact() {
        registerFully("<sip:192.0.2.10:5060>", 3600);
        long id = bindings.find("tel:0598765432100").orElseThrow().contacts().get(0).id();
        clock.advance(Duration.ofSeconds(1000));
        hss.mars.clear();

        ScscfRegistrar.Outcome out = register(register("Digest username=\"" + IMPI + "\",realm=\"" + REALM
                + "\",uri=\"sip:" + REALM + "\",nonce=\"\",response=\"\",integrity-protected=\"yes\"", "auth",
                "<sip:192.0.2.10:5060>", "Expires: 3600\n"));

        assertThat(out.response().statusCode()).isEqualTo(200);
        assertThat(hss.mars).isEmpty();
        assertThat(hss.sars).last().satisfies(s -> {
            assertThat(s.type()).isEqualTo(AssignmentType.RE_REGISTRATION);
            assertThat(s.userDataAlreadyAvailable()).isTrue();
        });
        ContactBinding b = bindings.find("tel:0598765432100").orElseThrow().contacts().get(0);
        assertThat(b.id()).isEqualTo(id);
        assertThat(b.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        assertThat(out.regEvent().get(0).contacts().get(0).event()).isEqualTo(RegInfo.ContactEvent.REFRESHED);
    }

    @Test
    void reRegistrationOverAnUnprotectedChannelIsChallenged() {
        registerFully("<sip:192.0.2.10:5060>", 3600);

        SipResponse r = register(register("Digest username=\"" + IMPI + "\",realm=\"" + REALM + "\",uri=\"sip:"
                + REALM + "\",nonce=\"\",response=\"\",integrity-protected=\"no\"", "auth")).response();

        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void deregistrationRemovesTheBindingsSendsSarAndReportsUnregistered() {
        registerFully("<sip:192.0.2.10:5060>", 3600);
        hss.sars.clear();

        ScscfRegistrar.Outcome out = registerFullyOutcome("<sip:192.0.2.10:5060>;expires=0", -1);

        assertThat(out.response().statusCode()).isEqualTo(200);
        assertThat(out.response().contacts()).isEmpty();
        assertThat(hss.sars).extracting(s -> s.type()).containsExactly(AssignmentType.USER_DEREGISTRATION);
        assertThat(bindings.find("tel:0598765432100")).isEmpty();
        assertThat(bindings.find("sip:0598765432100")).isEmpty();
        assertThat(out.regEvent()).hasSize(2).allSatisfy(reg -> {
            assertThat(reg.state()).isEqualTo(RegInfo.RegistrationState.TERMINATED);
            assertThat(reg.contacts()).singleElement().satisfies(c -> {
                assertThat(c.state()).isEqualTo(RegInfo.ContactState.TERMINATED);
                assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.UNREGISTERED);
            });
        });
    }

    @Test
    void wildcardWithExpiresZeroRemovesEveryContact() {
        registerFully("<sip:192.0.2.10:5060>;+sip.instance=\"<urn:uuid:a>\"", 3600);
        registerFully("<sip:192.0.2.11:5060>;+sip.instance=\"<urn:uuid:b>\"", 3600);
        assertThat(bindings.find("tel:0598765432100").orElseThrow().contacts()).hasSize(2);

        ScscfRegistrar.Outcome out = registerFullyOutcome("*", 0);

        assertThat(out.response().statusCode()).isEqualTo(200);
        assertThat(bindings.find("tel:0598765432100")).isEmpty();
        assertThat(out.regEvent().get(0).contacts()).hasSize(2);
    }

    @Test
    void removingOneOfTwoContactsKeepsTheRegistrationWithoutSar() {
        registerFully("<sip:192.0.2.10:5060>;+sip.instance=\"<urn:uuid:a>\"", 3600);
        registerFully("<sip:192.0.2.11:5060>;+sip.instance=\"<urn:uuid:b>\"", 3600);
        hss.sars.clear();

        ScscfRegistrar.Outcome out = registerFullyOutcome("<sip:192.0.2.10:5060>;+sip.instance=\"<urn:uuid:a>\";"
                + "expires=0", -1);

        assertThat(out.response().contacts()).singleElement()
                .satisfies(c -> assertThat(c.address().uri().toString()).isEqualTo("sip:192.0.2.11:5060"));
        assertThat(hss.sars).isEmpty();
        assertThat(out.regEvent().get(0).state()).isEqualTo(RegInfo.RegistrationState.ACTIVE);
        assertThat(out.regEvent().get(0).contacts()).extracting(RegInfo.Contact::event)
                .containsExactly(RegInfo.ContactEvent.REGISTERED, RegInfo.ContactEvent.UNREGISTERED);
    }

    @Test
    void twoDevicesAreBothListedAndASameInstanceNewFlowReplacesItsOldContact() {
        registerFully("<sip:192.0.2.10:5060>;+sip.instance=\"<urn:uuid:a>\";reg-id=1", 3600);
        SipResponse both = registerFully("<sip:192.0.2.11:5060>;+sip.instance=\"<urn:uuid:b>\";reg-id=1", 3600);
        assertThat(both.contacts()).hasSize(2);

        SipResponse moved = registerFully("<sip:192.0.2.12:5070>;+sip.instance=\"<urn:uuid:a>\";reg-id=1", 3600);

        assertThat(moved.contacts()).extracting(c -> c.address().uri().toString())
                .containsExactlyInAnyOrder("sip:192.0.2.11:5060", "sip:192.0.2.12:5070");
    }

    @Test
    void twoDevicesWhoseSarsAnswerOutOfOrderKeepBothContacts() {
        List<CompletableFuture<ServerAssignmentAnswer>> pendingSars = new ArrayList<>();
        CxClient slowSar = new CxClient() {
            @Override
            public CompletionStage<UserAuthorizationAnswer> userAuthorization(
                    UserAuthorizationRequest r) {
                return hss.userAuthorization(r);
            }

            @Override
            public CompletionStage<MultimediaAuthAnswer> multimediaAuth(
                    MultimediaAuthRequest r) {
                return hss.multimediaAuth(r);
            }

            @Override
            public CompletionStage<ServerAssignmentAnswer> serverAssignment(
                    ServerAssignmentRequest r) {
                var f = new CompletableFuture<ServerAssignmentAnswer>();
                pendingSars.add(f);
                return f;
            }

            @Override
            public CompletionStage<LocationInfoAnswer> locationInfo(
                    LocationInfoRequest r) {
                return hss.locationInfo(r);
            }
        };
        registrar = new ScscfRegistrar(config, slowSar, bindings, challenges, clock, new Counter());
        String a = "<sip:192.0.2.10:5060>;+sip.instance=\"<urn:uuid:a>\"";
        String b = "<sip:192.0.2.11:5060>;+sip.instance=\"<urn:uuid:b>\"";
        String nonceA = register(register(null, "auth", a, "")).response().header(HeaderType.WWW_AUTHENTICATE)
                .orElseThrow().nonce();
        // Each challenge has its own vector, as a real HSS gives.
        hss.onMar = r -> new MultimediaAuthAnswer(r.privateIdentity(), r.publicIdentity(),
                List.of(CaptureVectors.IPSEC));
        String nonceB = register(register(null, "auth", b, "")).response().header(HeaderType.WWW_AUTHENTICATE)
                .orElseThrow().nonce();
        var first = registrar.register(register(akaAnswer(nonceA, correctResponse(nonceA, "auth")), "auth", a, ""));
        String responseB = Digest.response(Digest.ha1(IMPI, REALM, CaptureVectors.IPSEC.xres()), nonceB, "00000001",
                "4130282079", "auth", Digest.ha2("REGISTER", "sip:" + REALM, "auth", new byte[0]));
        var second = registrar.register(register(akaAnswer(nonceB, responseB), "auth", b, ""));
        assertThat(pendingSars).hasSize(2);

        ServerAssignmentAnswer saa = new ServerAssignmentAnswer(Optional.of(IMPI),
                Optional.of(CaptureVectors.profile()), List.of());
        pendingSars.get(1).complete(saa);
        pendingSars.get(0).complete(saa);

        assertThat(second.toCompletableFuture().join().response().contacts()).hasSize(1);
        assertThat(first.toCompletableFuture().join().response().contacts()).hasSize(2);
        assertThat(bindings.find("tel:0598765432100").orElseThrow().contacts()).hasSize(2);
    }

    @Test
    void registrationWithoutContactsFetchesTheBindings() {
        registerFully("<sip:192.0.2.10:5060>", 3600);
        hss.sars.clear();

        SipResponse r = registerFully(null, 3600);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contacts()).hasSize(1);
        assertThat(hss.sars).isEmpty();
    }

    // ---- expiry, RTR, barring

    @Test
    void expiredBindingsAreRemovedWithTimeoutDeregistration() {
        registerFully("<sip:192.0.2.10:5060>", 3600);
        hss.sars.clear();
        clock.advance(Duration.ofSeconds(3600));

        List<List<RegInfo.Registration>> changes = registrar.expireBindings().toCompletableFuture().join();

        assertThat(hss.sars).singleElement()
                .satisfies(s -> assertThat(s.type()).isEqualTo(AssignmentType.TIMEOUT_DEREGISTRATION));
        assertThat(bindings.find("tel:0598765432100")).isEmpty();
        assertThat(changes).singleElement().satisfies(set -> assertThat(set).hasSize(2).allSatisfy(reg ->
                assertThat(reg.contacts()).singleElement()
                        .satisfies(c -> assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.EXPIRED))));
    }

    @Test
    void unansweredChallengesAreDroppedByTheExpiryTick() {
        register(register(null, "auth"));
        assertThat(challenges.size()).isEqualTo(1);
        clock.advance(config.nonceLifetime().plusSeconds(1));

        registrar.expireBindings().toCompletableFuture().join();

        assertThat(challenges.size()).isZero();
    }

    @Test
    void oneExpiredContactOfTwoIsRemovedWithoutSar() {
        registerFully("<sip:192.0.2.10:5060>;+sip.instance=\"<urn:uuid:a>\"", 600);
        registerFully("<sip:192.0.2.11:5060>;+sip.instance=\"<urn:uuid:b>\"", 3600);
        hss.sars.clear();
        clock.advance(Duration.ofSeconds(700));

        List<List<RegInfo.Registration>> changes = registrar.expireBindings().toCompletableFuture().join();

        assertThat(hss.sars).isEmpty();
        assertThat(bindings.find("tel:0598765432100").orElseThrow().contacts()).hasSize(1);
        assertThat(changes.get(0).get(0).state()).isEqualTo(RegInfo.RegistrationState.ACTIVE);
        assertThat(registrar.expireBindings().toCompletableFuture().join()).isEmpty();
    }

    @Test
    void rtrWithNewServerAssignedDeactivatesAndPermanentTerminationRejects() {
        registerFully("<sip:192.0.2.10:5060>", 3600);

        List<List<RegInfo.Registration>> changes = registrar.terminate(new RegistrationTermination(
                IMPI, List.of(), List.of(), RegistrationTermination.Reason.NEW_SERVER_ASSIGNED,
                Optional.empty()));

        assertThat(bindings.find("tel:0598765432100")).isEmpty();
        assertThat(changes).singleElement().satisfies(set -> assertThat(set).allSatisfy(reg -> {
            assertThat(reg.state()).isEqualTo(RegInfo.RegistrationState.TERMINATED);
            assertThat(reg.contacts()).singleElement()
                    .satisfies(c -> assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.DEACTIVATED));
        }));

        registerFully("<sip:192.0.2.10:5060>", 3600);
        List<List<RegInfo.Registration>> rejected = registrar.terminate(new RegistrationTermination(
                IMPI, List.of(), List.of("tel:0598765432100"),
                RegistrationTermination.Reason.PERMANENT_TERMINATION, Optional.of("gone")));
        assertThat(rejected.get(0).get(0).contacts().get(0).event()).isEqualTo(RegInfo.ContactEvent.REJECTED);
        assertThat(bindings.find(CaptureVectors.IMPU)).isEmpty();
    }

    @Test
    void implicitSetWithEveryIdentityBarredIs403AndUndoneAtTheHss() {
        hss.onSar = r -> new ServerAssignmentAnswer(Optional.empty(), Optional.of(new UserProfile(IMPI, List.of(
                new UserProfile.ServiceProfile(List.of(new UserProfile.PublicIdentity(CaptureVectors.IMPU, true, 0,
                        Optional.empty())))))), List.of());

        SipResponse r = registerFully("<sip:192.0.2.10:5060>", 3600);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.reasonPhrase()).contains("barred");
        assertThat(hss.sars).extracting(s -> s.type())
                .containsExactly(AssignmentType.REGISTRATION, AssignmentType.USER_DEREGISTRATION);
        assertThat(bindings.find(CaptureVectors.IMPU)).isEmpty();
    }

    // ---- SIP Digest

    @Test
    void sipDigestUsesTheHa1OfTheHssAndItsOwnNonce() {
        String user = "alice@" + REALM;
        String ha1 = Digest.ha1(user, REALM, "secret");
        hss.onMar = r -> new MultimediaAuthAnswer(r.privateIdentity(), r.publicIdentity(),
                List.of(new AuthVector.Digest(REALM, "MD5", "auth", ha1)));
        hss.onSar = r -> new ServerAssignmentAnswer(Optional.empty(), Optional.of(profileOf(user,
                "sip:alice@" + REALM)), List.of());
        String header = "Digest username=\"" + user + "\",realm=\"" + REALM + "\",uri=\"sip:" + REALM
                + "\",nonce=\"\",response=\"\",algorithm=MD5";

        SipResponse challenge = register(register(header, "alice")).response();
        DigestChallenge c = challenge.header(HeaderType.WWW_AUTHENTICATE).orElseThrow();
        assertThat(c.algorithm()).isEqualTo("MD5");
        assertThat(c.ck()).isEmpty();
        assertThat(hss.mars.get(0).scheme()).isEqualTo(AuthScheme.SIP_DIGEST);

        String response = Digest.response(ha1, c.nonce(), "00000001", "xyz", "auth",
                Digest.ha2("REGISTER", "sip:" + REALM, "auth", new byte[0]));
        SipResponse ok = register(register("Digest username=\"" + user + "\",realm=\"" + REALM + "\",uri=\"sip:"
                + REALM + "\",nonce=\"" + c.nonce() + "\",nc=00000001,cnonce=\"xyz\",qop=auth,response=\""
                + response + "\",algorithm=MD5", "alice")).response();

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headerValue("P-Associated-URI")).hasValue("<sip:alice@" + REALM + ">");
    }

    // ---- helpers

    /** Challenge, answer with the right RES, return the final response. */
    SipResponse registerFully(String contact, long expires) {
        return registerFullyOutcome(contact, expires).response();
    }

    ScscfRegistrar.Outcome registerFullyOutcome(String contact, long expires) {
        String extra = expires >= 0 ? "Expires: " + expires + "\n" : "";
        SipResponse challenge = register(register(null, "auth", contact, extra)).response();
        assertThat(challenge.statusCode()).isEqualTo(401);
        String nonce = challenge.header(HeaderType.WWW_AUTHENTICATE).orElseThrow().nonce();
        return register(register(akaAnswer(nonce, correctResponse(nonce, "auth")), "auth", contact, extra));
    }

    static String akaAnswer(String nonce, String response) {
        return "Digest username=\"" + IMPI + "\",realm=\"" + REALM + "\",uri=\"sip:" + REALM + "\",qop=auth,nonce=\""
                + nonce + "\",nc=00000001,cnonce=\"4130282079\",algorithm=AKAv1-MD5,response=\"" + response + "\"";
    }

    /** What the UE computes: RES (= XRES of the scripted vector) as the password. */
    static String correctResponse(String nonce, String qop) {
        String ha1 = Digest.ha1(IMPI, REALM, CaptureVectors.NONIPSEC.xres());
        return Digest.response(ha1, nonce, "00000001", "4130282079", qop,
                Digest.ha2("REGISTER", "sip:" + REALM, qop, new byte[0]));
    }

    private int cseq = 1;

    SipRequest register(String authorization, String user) {
        return register(authorization, user, "<sip:192.0.2.10:5060>", "Expires: 3600\n");
    }

    SipRequest register(String authorization, String user, String contact, String extra) {
        String impu = user.equals("alice") ? "sip:alice@" + REALM : CaptureVectors.IMPU;
        return (SipRequest) TestMessages.text("REGISTER sip:scscf." + REALM + ":6060 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.4.128.21:4060;branch=z9hG4bK" + cseq + "\n"
                + "From: <" + impu + ">;tag=f" + cseq + "\n"
                + "To: <" + impu + ">\n"
                + "Call-ID: reg-1@192.0.2.10\n"
                + "CSeq: " + (cseq++) + " REGISTER\n"
                + "Max-Forwards: 68\n"
                + (contact == null ? "" : "Contact: " + contact + "\n")
                + (authorization == null ? "" : "Authorization: " + authorization + "\n")
                + "Path: <sip:term@pcscf." + REALM + ";lr>\n"
                + "Supported: path\n"
                + "P-Visited-Network-ID: " + REALM + "\n"
                + extra
                + "Content-Length: 0\n\n");
    }

    static UserProfile profileOf(String impi, String... impus) {
        return new UserProfile(impi, List.of(new UserProfile.ServiceProfile(Arrays.stream(impus)
                .map(i -> new UserProfile.PublicIdentity(i, false, 0, Optional.empty())).toList())));
    }
}
