package org.imscore.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.UsimSqnState;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.imscore.testkit.ue.Exchange;
import org.imscore.testkit.ue.Notification;
import org.imscore.testkit.ue.RegEventSubscription;
import org.imscore.testkit.ue.RegInfo;
import org.imscore.testkit.ue.RegisterResult;
import org.imscore.testkit.ue.Registration;
import org.imscore.testkit.ue.TestUe;
import org.imscore.testkit.ue.UeConfig;
import org.imscore.testkit.ue.UeCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The test UE against the whole all-in-one core (UE -> P-CSCF -> I-CSCF -> S-CSCF -> HSS, every hop on its own
 * loopback socket): AKA registration, reg-event, resync, rejections and expiry as a phone would see them.
 */
class TestUeEndToEndTest {

    private static final Duration NOTIFY_WAIT = Duration.ofSeconds(10);
    private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    private static final String AMF = "8000";
    private static final SubscriberKeys KEYS = new SubscriberKeys(Octets.fromHex(K), Octets.fromHex(OPC),
            Octets.fromHex(AMF));

    private static Core core;
    private static String domain;
    private TestUe ue;

    @BeforeAll
    static void start() {
        CoreConfig ephemeral = CoreConfig.ephemeral();
        CoreConfig.Scscf s = ephemeral.scscf();
        // Min-Expires 1 s so the expiry case takes seconds (the S-CSCF checks expiry each second).
        core = Core.start(ephemeral.withScscf(new CoreConfig.Scscf(s.listen(), s.port(), s.defaultExpires(), 1,
                s.maxExpires(), 1)));
        domain = core.domain();
    }

    @AfterAll
    static void stop() {
        if (core != null) {
            core.close();
        }
    }

    @AfterEach
    void closeUe() {
        if (ue != null) {
            ue.close();
        }
    }

    private static String impi(String user) {
        return user + "@" + domain;
    }

    private static SipUri impu(String user) {
        return SipUri.of(user, domain);
    }

    /** Provisions {@code user} with {@link #KEYS}, a password and HSS SQN 0. */
    private static void provision(String user, String password) {
        core.provisioning().create(new SubscriberSpec(impi(user), new AuthCredentials(K, OPC, null, AMF, password), 0,
                List.of(new PublicIdentity(impu(user).toString(), false, 1, "default")), List.of()));
    }

    private TestUe ue(String user, Transport transport, UeCredentials credentials) {
        Endpoint pcscf = new Endpoint(transport, core.pcscfAddress());
        ue = TestUe.start(UeConfig.of(impi(user), impu(user), domain, pcscf, credentials)
                .withResponseTimeout(Duration.ofSeconds(20)));
        return ue;
    }

    private static UeCredentials.Aka freshUsim() {
        return UeCredentials.aka(KEYS, UsimSqnState.initial(SqnScheme.DEFAULT));
    }

    private static RegistrationState hssState(String user) {
        return core.provisioning().get(impi(user)).stateOf(impu(user).toString());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void registersWithAka(Transport transport) {
        String user = "aka-" + transport.name().toLowerCase();
        provision(user, null);
        ue(user, transport, freshUsim());

        RegisterResult result = ue.register();

        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 200);
        assertThat(result.exchanges().get(0).response().header(HeaderType.WWW_AUTHENTICATE).orElseThrow()
                .algorithm()).isEqualTo("AKAv1-MD5");
        Registration reg = result.registration();
        assertThat(reg.serviceRoutes()).isNotEmpty();
        assertThat(reg.associatedUris()).extracting(a -> a.uri().toString()).contains(impu(user).toString());
        assertThat(reg.expires()).isPositive();
        assertThat(hssState(user)).isEqualTo(RegistrationState.REGISTERED);

        RegisterResult gone = ue.deregister();

        assertThat(gone.status()).isEqualTo(200);
        assertThat(hssState(user)).isNotEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void regEventReportsRegistrationAndDeregistration() {
        String user = "regevent";
        provision(user, null);
        ue(user, Transport.UDP, freshUsim());
        ue.register().registration();

        RegEventSubscription sub = ue.subscribeRegEvent();

        assertThat(sub.response().statusCode()).as(sub.response().toString()).isBetween(200, 299);
        Notification first = sub.next(NOTIFY_WAIT);
        assertThat(first.answeredWith()).isEqualTo(200);
        assertThat(first.state()).isEqualTo("active");
        RegInfo.Aor aor = first.reginfo().registration(impu(user).toString()).orElseThrow();
        assertThat(aor.state()).isEqualTo("active");
        assertThat(aor.contacts()).anySatisfy(c -> {
            assertThat(c.state()).isEqualTo("active");
            assertThat(c.uri()).contains(":" + ue.listeningPoint().port());
        });

        ue.deregister();

        Notification last = sub.next(NOTIFY_WAIT);
        RegInfo.Aor after = last.reginfo().registration(impu(user).toString()).orElseThrow();
        assertThat(after.state()).isEqualTo("terminated");
        assertThat(after.contacts()).anySatisfy(c -> {
            assertThat(c.state()).isEqualTo("terminated");
            assertThat(c.event()).isEqualTo("unregistered");
        });
        assertThat(last.reginfo().version()).isGreaterThan(first.reginfo().version());
    }

    @Test
    void aRefreshedSubscriptionIsNotifiedAgain() {
        String user = "subrefresh";
        provision(user, null);
        ue(user, Transport.TCP, freshUsim());
        ue.register().registration();
        RegEventSubscription sub = ue.subscribeRegEvent(600);
        Notification first = sub.next(NOTIFY_WAIT);

        assertThat(sub.refresh(600).statusCode()).isEqualTo(200);

        // RFC 6665 §4.2.1.2: a refresh is answered by a NOTIFY with the current state.
        Notification again = sub.next(NOTIFY_WAIT);
        assertThat(again.state()).isEqualTo("active");
        assertThat(again.reginfo().version()).isGreaterThan(first.reginfo().version());
        assertThat(again.reginfo().registration(impu(user).toString()).orElseThrow().state()).isEqualTo("active");
    }

    @Test
    void anAdministrativeDeregistrationReachesTheUeAsNotify() {
        String user = "admin-dereg";
        provision(user, null);
        ue(user, Transport.UDP, freshUsim());
        ue.register().registration();
        RegEventSubscription sub = ue.subscribeRegEvent(600);
        sub.next(NOTIFY_WAIT);

        core.provisioning().deregister(impi(user));

        // HSS -> S-CSCF RTR (TS 29.228 §6.1.3) -> NOTIFY with the contact gone (TS 24.229 §5.4.1.5).
        Notification n = sub.next(NOTIFY_WAIT);
        RegInfo.Aor aor = n.reginfo().registration(impu(user).toString()).orElseThrow();
        assertThat(aor.state()).isEqualTo("terminated");
        assertThat(aor.contacts()).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo("terminated");
            assertThat(c.event()).isIn("deactivated", "rejected", "unregistered");
        });
    }

    @Test
    void aUsimAheadOfTheHssResynchronisesWithAuts() {
        String user = "resync";
        provision(user, null);
        // The USIM has accepted SEQ 1000 in every IND slot: whatever the HSS issues from SQN 0 is stale.
        UsimSqnState ahead = UsimSqnState.initial(SqnScheme.DEFAULT);
        for (int ind = 0; ind < SqnScheme.DEFAULT.slots(); ind++) {
            ahead = ahead.accept(SqnScheme.DEFAULT.compose(1000, ind));
        }
        UeCredentials.Aka credentials = UeCredentials.aka(KEYS, ahead);
        ue(user, Transport.UDP, credentials);

        RegisterResult result = ue.register();

        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 401, 200);
        assertThat(result.exchanges().get(1).request().header(HeaderType.AUTHORIZATION).orElseThrow().auts())
                .isPresent();
        assertThat(SqnScheme.DEFAULT.seq(credentials.usim().state().highestAccepted())).isGreaterThan(1000);
        assertThat(hssState(user)).isEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void aWrongAkaResponseEndsIn403() {
        String user = "wrong-res";
        provision(user, null);
        ue = TestUe.start(UeConfig.of(impi(user), impu(user), domain, new Endpoint(Transport.UDP,
                core.pcscfAddress()), freshUsim()).withTamper(UeConfig.WRONG_RESPONSE).withMaxChallenges(5));

        RegisterResult result = ue.register();

        assertThat(result.status()).isEqualTo(403);
        assertThat(result.exchanges()).hasSizeGreaterThan(1);
        assertThat(hssState(user)).isNotEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void md5WithTheRightPasswordRegistersAndWithAWrongOneGets403() {
        String user = "md5";
        provision(user, "right-secret");
        ue(user, Transport.UDP, UeCredentials.password("wrong-secret"));

        RegisterResult wrong = ue.register();

        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.exchanges().get(0).response().header(HeaderType.WWW_AUTHENTICATE).orElseThrow()
                .algorithm()).isEqualTo("MD5");
        ue.close();
        ue(user, Transport.UDP, UeCredentials.password("right-secret"));

        RegisterResult right = ue.register();

        assertThat(right.exchanges()).extracting(Exchange::status).containsExactly(401, 200);
        assertThat(hssState(user)).isEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void aNetworkThatFailsTheMacCheckIsReportedAndRefused() {
        String user = "mac";
        provision(user, null);
        SubscriberKeys otherK = new SubscriberKeys(Octets.fromHex("8baf473f2f8fd09487cccbd7097c6862"),
                Octets.fromHex(OPC), Octets.fromHex(AMF));
        ue(user, Transport.UDP, UeCredentials.aka(otherK, UsimSqnState.initial(SqnScheme.DEFAULT)));

        RegisterResult result = ue.register();

        assertThat(result).isInstanceOfSatisfying(RegisterResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(RegisterResult.Reason.NETWORK_NOT_AUTHENTIC));
        assertThat(result.status()).isEqualTo(403);
    }

    @Test
    void anUnknownUserGets403() {
        ue("nobody", Transport.UDP, freshUsim());

        RegisterResult result = ue.register();

        assertThat(result.status()).isEqualTo(403);
        assertThat(result.exchanges()).hasSize(1);
    }

    @Test
    void aRegistrationThatIsNotRefreshedExpires() {
        String user = "expiry";
        provision(user, null);
        ue = TestUe.start(UeConfig.of(impi(user), impu(user), domain, new Endpoint(Transport.UDP,
                core.pcscfAddress()), freshUsim()).withExpires(2));
        assertThat(ue.register().registration().expires()).isEqualTo(2);
        RegEventSubscription sub = ue.subscribeRegEvent(600);
        sub.next(NOTIFY_WAIT);

        Optional<RegInfo.Contact> expired = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (expired.isEmpty() && System.nanoTime() < deadline) {
            expired = sub.poll(Duration.ofSeconds(1)).flatMap(Notification::regInfo)
                    .flatMap(i -> i.registration(impu(user).toString()))
                    .flatMap(a -> a.contacts().stream().filter(c -> c.event().equals("expired")).findFirst());
        }

        assertThat(expired).as("a NOTIFY with contact event expired").isPresent();
        assertThat(expired.get().state()).isEqualTo("terminated");
    }
}
