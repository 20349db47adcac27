package org.imscore.testkit.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.UsimSqnState;
import org.imscore.sip.auth.Digest;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The UE registering against {@link ScriptedRegistrar} on loopback: AKA, resync, MAC failure, stale, MD5. */
class TestUeRegistrationTest {

    // Keys of the open5gs lab subscriber of the captured registrations (see aka-digest.md §6), AMF 8000.
    static final SubscriberKeys KEYS = new SubscriberKeys(Octets.fromHex("8baf473f2f8fd09487cccbd7097c6862"),
            Octets.fromHex("8e27b6af0e692e750f32667a3b14605d"), Octets.fromHex("8000"));
    static final SubscriberKeys OTHER_KEYS = new SubscriberKeys(Octets.fromHex("465b5ce8b199b49faa5f0a2ee238a6bc"),
            Octets.fromHex("cd63cb71954a9f4e48a5994e37a02baf"), Octets.fromHex("8000"));
    static final String IMPI = "001011234567895@" + ScriptedRegistrar.REALM;
    static final SipUri IMPU = SipUri.of("001011234567895", ScriptedRegistrar.REALM);

    private ScriptedRegistrar registrar;
    private TestUe ue;

    @AfterEach
    void close() {
        if (ue != null) {
            ue.close();
        }
        if (registrar != null) {
            registrar.close();
        }
    }

    static UeConfig config(Endpoint pcscf, UeCredentials credentials) {
        return UeConfig.of(IMPI, IMPU, ScriptedRegistrar.REALM, pcscf, credentials)
                .withResponseTimeout(Duration.ofSeconds(10));
    }

    private TestUe akaUe(Transport transport, UsimSqnState usimState) {
        ue = TestUe.start(config(registrar.endpoint(transport), UeCredentials.aka(KEYS, usimState)));
        return ue;
    }

    private static DigestCredentials authorization(SipRequest r) {
        return r.header(HeaderType.AUTHORIZATION).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void registersWithAkaAsThePhoneDoes(Transport transport) {
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(40, 0));
        UeCredentials.Aka credentials = UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT));
        ue = TestUe.start(config(registrar.endpoint(transport), credentials));

        RegisterResult result = ue.register();

        assertThat(result).isInstanceOf(RegisterResult.Registered.class);
        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 200);
        SipRequest first = result.exchanges().get(0).request();
        SipRequest second = result.exchanges().get(1).request();
        assertThat(first.requestUri()).hasToString("sip:" + ScriptedRegistrar.REALM);
        assertThat(first.topVia().transport()).isEqualToIgnoringCase(transport.viaToken());
        DigestCredentials empty = authorization(first);
        assertThat(empty.username()).isEqualTo(IMPI);
        assertThat(empty.realm()).isEqualTo(ScriptedRegistrar.REALM);
        assertThat(empty.uri()).isEqualTo("sip:" + ScriptedRegistrar.REALM);
        assertThat(empty.nonce()).isEmpty();
        assertThat(empty.response()).isEmpty();
        assertThat(empty.algorithm()).isEqualTo("AKAv1-MD5");
        assertThat(first.headers(HeaderType.SUPPORTED)).contains("path");
        assertThat(first.header(HeaderType.EXPIRES)).contains(600_000L);
        Contact contact = first.contacts().get(0);
        assertThat(contact.instance()).contains("<urn:gsma:imei:86728703-952237-0>");
        assertThat(contact.expires()).hasValue(600_000L);

        DigestCredentials answer = authorization(second);
        DigestChallenge challenge = result.exchanges().get(0).response().header(HeaderType.WWW_AUTHENTICATE)
                .orElseThrow();
        assertThat(answer.nonce()).isEqualTo(challenge.nonce());
        assertThat(answer.qop()).contains("auth");
        assertThat(answer.nc()).contains("00000001");
        assertThat(answer.cnonce()).get().asString().isNotEmpty();
        assertThat(answer.auts()).isEmpty();
        assertThat(second.callId()).isEqualTo(first.callId());
        assertThat(second.cseq().number()).isEqualTo(first.cseq().number() + 1);

        Registration reg = result.registration();
        assertThat(reg.expires()).isEqualTo(600_000L);
        assertThat(reg.serviceRoutes()).extracting(Object::toString)
                .containsExactly(ScriptedRegistrar.SERVICE_ROUTE);
        assertThat(reg.associatedUris()).hasSize(2);
        assertThat(ue.registration()).contains(reg);
        // The USIM accepted exactly the SQN the AuC issued.
        assertThat(credentials.usim().state().highestAccepted()).isEqualTo(registrar.lastIssued());
    }

    @Test
    void answersAnAkaV2Challenge() {
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(1, 0));
        registrar.akaAlgorithm = "AKAv2-MD5";
        akaUe(Transport.UDP, UsimSqnState.initial(SqnScheme.DEFAULT));

        RegisterResult result = ue.register();

        // The registrar verified the response over the RFC 4169 §4 password derived from XRES, IK and CK.
        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 200);
        assertThat(authorization(result.exchanges().get(1).request()).algorithm()).isEqualTo("AKAv2-MD5");
    }

    @Test
    void refreshKeepsTheCallIdAndDeregistrationAsksForZero() {
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(1, 0));
        akaUe(Transport.UDP, UsimSqnState.initial(SqnScheme.DEFAULT));
        RegisterResult initial = ue.register();
        RegisterResult refresh = ue.refresh();
        RegisterResult gone = ue.deregister();

        assertThat(List.of(initial, refresh, gone)).allMatch(r -> r instanceof RegisterResult.Registered);
        SipRequest lastInitial = initial.exchanges().get(1).request();
        SipRequest firstRefresh = refresh.exchanges().get(0).request();
        SipRequest lastDeregister = gone.exchanges().get(gone.exchanges().size() - 1).request();
        assertThat(firstRefresh.callId()).isEqualTo(lastInitial.callId());
        assertThat(firstRefresh.cseq().number()).isEqualTo(lastInitial.cseq().number() + 1);
        assertThat(lastDeregister.callId()).isEqualTo(lastInitial.callId());
        assertThat(lastDeregister.header(HeaderType.EXPIRES)).contains(0L);
        assertThat(lastDeregister.contacts().get(0).expires()).hasValue(0L);
        assertThat(ue.registration()).isEmpty();
    }

    @Test
    void aUsimAheadOfTheNetworkSendsAutsAndRegistersAfterResync() {
        // The USIM has seen SEQ 100; the network would issue SEQ 6: not fresh (TS 33.102 Annex C.2.1).
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(5, 0));
        UsimSqnState ahead = UsimSqnState.initial(SqnScheme.DEFAULT).accept(SqnScheme.DEFAULT.compose(100, 0));
        akaUe(Transport.UDP, ahead);

        RegisterResult result = ue.register();

        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 401, 200);
        assertThat(registrar.resyncs.get()).isEqualTo(1);
        SipRequest resync = result.exchanges().get(1).request();
        DigestCredentials withAuts = authorization(resync);
        assertThat(withAuts.auts()).get().asString().hasSize(20);
        // RFC 3310 §3.4: the response of a resync request is computed over the empty password.
        String emptyPasswordHa1 = Digest.ha1(IMPI, ScriptedRegistrar.REALM, new byte[0]);
        assertThat(Digest.verify(withAuts, "REGISTER", emptyPasswordHa1, new byte[0])).isTrue();
        assertThat(authorization(result.exchanges().get(2).request()).auts()).isEmpty();
        assertThat(SqnScheme.DEFAULT.seq(registrar.lastIssued())).isGreaterThan(100);
    }

    @Test
    void aChallengeMadeWithOtherKeysIsReportedWithAnEmptyResponse() {
        registrar = ScriptedRegistrar.aka(OTHER_KEYS, SqnScheme.DEFAULT.compose(1, 0));
        akaUe(Transport.UDP, UsimSqnState.initial(SqnScheme.DEFAULT));

        RegisterResult result = ue.register();

        assertThat(result).isInstanceOfSatisfying(RegisterResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(RegisterResult.Reason.NETWORK_NOT_AUTHENTIC));
        assertThat(result.status()).isEqualTo(403);
        DigestCredentials report = authorization(result.exchanges().get(1).request());
        assertThat(report.response()).isEmpty();
        assertThat(report.auts()).isEmpty();
        assertThat(report.nonce()).isNotEmpty();
    }

    @Test
    void aTamperedResponseIsRejected() {
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(1, 0));
        ue = TestUe.start(config(registrar.endpoint(Transport.UDP),
                UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT))).withTamper(UeConfig.WRONG_RESPONSE));

        RegisterResult result = ue.register();

        assertThat(result).isInstanceOfSatisfying(RegisterResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(RegisterResult.Reason.REJECTED));
        assertThat(result.status()).isEqualTo(403);
        assertThat(ue.registration()).isEmpty();
    }

    @Test
    void aStaleNonceIsAnsweredOnceMore() {
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(1, 0));
        registrar.staleAnswers.set(1);
        akaUe(Transport.UDP, UsimSqnState.initial(SqnScheme.DEFAULT));

        RegisterResult result = ue.register();

        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 401, 200);
        DigestChallenge second = result.exchanges().get(1).response().header(HeaderType.WWW_AUTHENTICATE)
                .orElseThrow();
        assertThat(second.stale()).isTrue();
        assertThat(authorization(result.exchanges().get(2).request()).nonce()).isEqualTo(second.nonce());
    }

    @Test
    void endlessChallengesEndTheAttempt() {
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(1, 0));
        registrar.staleAnswers.set(10);
        ue = TestUe.start(config(registrar.endpoint(Transport.UDP),
                UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT))).withMaxChallenges(2));

        RegisterResult result = ue.register();

        assertThat(result).isInstanceOfSatisfying(RegisterResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(RegisterResult.Reason.TOO_MANY_CHALLENGES));
        assertThat(result.exchanges()).hasSize(3).allMatch(e -> e.status() == 401);
    }

    @Test
    void aTooBriefIntervalIsRaisedToMinExpiresOnce() {
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(1, 0));
        registrar.minExpires = 120;
        ue = TestUe.start(config(registrar.endpoint(Transport.UDP),
                UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT))).withExpires(30));

        RegisterResult result = ue.register();

        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(423, 401, 200);
        assertThat(result.exchanges().get(1).request().header(HeaderType.EXPIRES)).contains(120L);
        assertThat(result.registration().expires()).isEqualTo(120);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void registersWithMd5(Transport transport) {
        registrar = ScriptedRegistrar.md5("secret");
        ue = TestUe.start(config(registrar.endpoint(transport), UeCredentials.password("secret")));

        RegisterResult result = ue.register();

        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 200);
        DigestCredentials first = authorization(result.exchanges().get(0).request());
        assertThat(first.get("algorithm")).contains("MD5");
        DigestCredentials answer = authorization(result.exchanges().get(1).request());
        assertThat(answer.algorithm()).isEqualTo("MD5");
        assertThat(Digest.verify(answer, "REGISTER", Digest.ha1(IMPI, ScriptedRegistrar.REALM, "secret"),
                new byte[0])).isTrue();
    }

    @Test
    void aWrongPasswordIsRejected() {
        registrar = ScriptedRegistrar.md5("secret");
        ue = TestUe.start(config(registrar.endpoint(Transport.UDP), UeCredentials.password("guess")));

        RegisterResult result = ue.register();

        assertThat(result.status()).isEqualTo(403);
        assertThat(result).isInstanceOf(RegisterResult.Failed.class);
    }

    @Test
    void anAkaChallengeCannotBeAnsweredWithAPassword() {
        registrar = ScriptedRegistrar.aka(KEYS, SqnScheme.DEFAULT.compose(1, 0));
        ue = TestUe.start(config(registrar.endpoint(Transport.UDP), UeCredentials.password("secret")));

        RegisterResult result = ue.register();

        assertThat(result).isInstanceOfSatisfying(RegisterResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(RegisterResult.Reason.UNANSWERABLE_CHALLENGE);
            assertThat(f.detail()).contains("AKAv1-MD5");
        });
        assertThat(result.exchanges()).hasSize(1);
    }

    @Test
    void anUnreachablePcscfOverTcpGives503() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ue = TestUe.start(config(Endpoint.tcp("127.0.0.1", closedPort), UeCredentials.password("secret")));

        RegisterResult result = ue.register();

        assertThat(result.status()).isEqualTo(503);
        assertThat(result).isInstanceOfSatisfying(RegisterResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(RegisterResult.Reason.REJECTED));
        assertThatThrownBy(result::registration).isInstanceOf(IllegalStateException.class).hasMessageContaining("503");
    }
}
