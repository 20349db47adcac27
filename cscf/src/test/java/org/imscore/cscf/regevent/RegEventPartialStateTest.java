package org.imscore.cscf.regevent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.imscore.cscf.CaptureVectors;
import org.imscore.cscf.Counter;
import org.imscore.cscf.MutableClock;
import org.imscore.cscf.ScriptedHss;
import org.imscore.cscf.TestMessages;
import org.imscore.cscf.cx.MultimediaAuthAnswer;
import org.imscore.cscf.cx.RegistrationTermination;
import org.imscore.cscf.cx.ServerAssignmentAnswer;
import org.imscore.cscf.scscf.InMemoryBindingStore;
import org.imscore.cscf.scscf.InMemoryChallengeStore;
import org.imscore.cscf.scscf.ScscfConfig;
import org.imscore.cscf.scscf.ScscfRegistrar;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 3680 §5.2 full and partial state: the first NOTIFY of a subscription is full, later ones name only the
 * registrations and contacts that changed, with the version one higher each time.
 */
class RegEventPartialStateTest {

    static final String REALM = CaptureVectors.REALM;
    static final String TEL = "tel:0598765432100";

    final MutableClock clock = new MutableClock(Instant.parse("2020-04-17T08:00:34Z"));
    final ScriptedHss hss = new ScriptedHss();
    ScscfRegistrar registrar;
    List<RegInfo.Registration> registered;

    @BeforeEach
    void registerTheCapturedUe() {
        hss.onMar = r -> new MultimediaAuthAnswer(r.privateIdentity(), r.publicIdentity(),
                List.of(CaptureVectors.NONIPSEC));
        hss.onSar = r -> new ServerAssignmentAnswer(Optional.empty(), Optional.of(CaptureVectors.profile()), List.of());
        registrar = new ScscfRegistrar(ScscfConfig.defaults(CaptureVectors.SERVER_NAME, REALM,
                NameAddress.parse("<sip:orig@scscf." + REALM + ":6060;lr>")), hss, new InMemoryBindingStore(),
                new InMemoryChallengeStore(), clock, new Counter());
        registrar.register(TestMessages.request("nonipsec/308-register-icscf-to-scscf.sip")).toCompletableFuture()
                .join();
        assertThat(registrar.register(TestMessages.request("nonipsec/501-register-auth-icscf-to-scscf.sip"))
                .toCompletableFuture().join().response().statusCode()).isEqualTo(200);
        registered = registrar.registrations(TEL);
        assertThat(registered).hasSize(2).allSatisfy(r -> assertThat(r.contacts()).hasSize(1));
    }

    RegEventNotifier notifier(boolean partial) {
        return new RegEventNotifier(RegEventConfig.defaults(SipUri.parse("sip:scscf." + REALM + ":6060"))
                .withPartialState(partial), registrar, clock, new Counter());
    }

    static RegInfo document(RegEventNotifier.Notify n) {
        return RegInfoXml.read(n.request().bodyAsString());
    }

    static RegInfo document(List<RegEventNotifier.Notify> sent) {
        assertThat(sent).hasSize(1);
        return document(sent.get(0));
    }

    RegEventNotifier.SubscribeResult subscribe(RegEventNotifier notifier) {
        return notifier.subscribe(TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip"));
    }

    @Test
    void theFirstNotifyIsFullWithEveryRegistration() {
        RegInfo first = document(subscribe(notifier(true)).firstNotify().orElseThrow());

        assertThat(first.state()).isEqualTo(RegInfo.DocumentState.FULL);
        assertThat(first.version()).isZero();
        assertThat(first.registrations()).hasSize(2).allSatisfy(r -> assertThat(r.contacts()).hasSize(1));
    }

    @Test
    void aSecondContactIsReportedAloneInAPartialDocument() {
        RegEventNotifier notifier = notifier(true);
        subscribe(notifier);

        RegInfo partial = document(notifier.stateChanged(RegEventDocuments.plus(registered,
                RegEventDocuments.secondDevice(RegInfo.ContactEvent.REGISTERED))));

        assertThat(partial.state()).isEqualTo(RegInfo.DocumentState.PARTIAL);
        assertThat(partial.version()).isEqualTo(1);
        assertThat(partial.registrations()).hasSize(2).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(RegInfo.RegistrationState.ACTIVE);
            assertThat(r.contacts()).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo("second-device");
                assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.REGISTERED);
            });
        });
    }

    @Test
    void aRefreshIsReportedAsRefreshedAndVersionsCountUp() {
        RegEventNotifier notifier = notifier(true);
        subscribe(notifier);
        List<RegInfo.Registration> once = RegEventDocuments.refreshed(registered);

        RegInfo first = document(notifier.stateChanged(once));
        RegInfo second = document(notifier.stateChanged(RegEventDocuments.refreshed(once)));

        assertThat(List.of(first, second)).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(RegInfo.DocumentState.PARTIAL);
            assertThat(d.registrations()).hasSize(2).allSatisfy(r -> assertThat(r.contacts()).singleElement()
                    .satisfies(c -> assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.REFRESHED)));
        });
        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
    }

    @Test
    void aChangeOnlyInTheClockSendsNothing() {
        RegEventNotifier notifier = notifier(true);
        subscribe(notifier);
        clock.advance(Duration.ofSeconds(100));

        // Expires counts down and duration-registered up: nothing the watcher must act on.
        assertThat(notifier.stateChanged(registrar.registrations(TEL))).isEmpty();

        RegInfo next = document(notifier.stateChanged(RegEventDocuments.refreshed(registrar.registrations(TEL))));
        assertThat(next.version()).as("no version was spent on the silent change").isEqualTo(1);
    }

    @Test
    void onlyTheRegistrationThatChangedIsNamed() {
        RegEventNotifier notifier = notifier(true);
        subscribe(notifier);
        List<RegInfo.Registration> oneChanged = List.of(RegEventDocuments.refreshed(registered).get(0),
                registered.get(1));

        RegInfo partial = document(notifier.stateChanged(oneChanged));

        assertThat(partial.registrations()).singleElement()
                .satisfies(r -> assertThat(r.aor()).isEqualTo(registered.get(0).aor()));
    }

    @Test
    void anExpiredSecondContactIsReportedTerminatedAndForgotten() {
        RegEventNotifier notifier = notifier(true);
        subscribe(notifier);
        notifier.stateChanged(RegEventDocuments.plus(registered,
                RegEventDocuments.secondDevice(RegInfo.ContactEvent.REGISTERED)));

        RegInfo expired = document(notifier.stateChanged(RegEventDocuments.plus(registered,
                RegEventDocuments.secondDevice(RegInfo.ContactEvent.EXPIRED))));

        assertThat(expired.state()).isEqualTo(RegInfo.DocumentState.PARTIAL);
        assertThat(expired.version()).isEqualTo(2);
        assertThat(expired.registrations()).hasSize(2).allSatisfy(r -> {
            // The first device is still there: the registration stays active.
            assertThat(r.state()).isEqualTo(RegInfo.RegistrationState.ACTIVE);
            assertThat(r.contacts()).singleElement().satisfies(c -> {
                assertThat(c.state()).isEqualTo(RegInfo.ContactState.TERMINATED);
                assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.EXPIRED);
            });
        });
        // The same device registering again is news.
        RegInfo back = document(notifier.stateChanged(RegEventDocuments.plus(registered,
                RegEventDocuments.secondDevice(RegInfo.ContactEvent.REGISTERED))));
        assertThat(back.registrations()).allSatisfy(r -> assertThat(r.contacts()).singleElement()
                .satisfies(c -> assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.REGISTERED)));
    }

    @ParameterizedTest
    @EnumSource(value = RegInfo.ContactEvent.class, names = {"EXPIRED", "DEACTIVATED", "UNREGISTERED"})
    void theLastContactGoingEndsTheSubscriptionWithAPartialDocument(RegInfo.ContactEvent event) {
        RegEventNotifier notifier = notifier(true);
        subscribe(notifier);

        List<RegEventNotifier.Notify> sent = notifier.stateChanged(RegEventDocuments.removed(registered, event));

        RegInfo last = document(sent);
        assertThat(last.state()).isEqualTo(RegInfo.DocumentState.PARTIAL);
        assertThat(last.version()).isEqualTo(1);
        assertThat(last.registrations()).hasSize(2).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(RegInfo.RegistrationState.TERMINATED);
            assertThat(r.contacts()).singleElement().satisfies(c -> assertThat(c.event()).isEqualTo(event));
        });
        assertThat(sent.get(0).request().headerValue("Subscription-State").orElseThrow()).startsWith("terminated");
        assertThat(notifier.subscriptions()).isEmpty();
    }

    @Test
    void anRtrFromTheRegistrarIsPartialWithDeactivatedContacts() {
        RegEventNotifier notifier = notifier(true);
        subscribe(notifier);

        List<List<RegInfo.Registration>> sets = registrar.terminate(new RegistrationTermination(CaptureVectors.IMPI,
                List.of(), List.of(), RegistrationTermination.Reason.NEW_SERVER_ASSIGNED, Optional.empty()));
        RegInfo last = document(notifier.stateChanged(sets.get(0)));

        assertThat(last.state()).isEqualTo(RegInfo.DocumentState.PARTIAL);
        assertThat(last.registrations()).allSatisfy(r -> assertThat(r.contacts()).singleElement()
                .satisfies(c -> assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.DEACTIVATED)));
    }

    @Test
    void aSubscriptionRefreshGetsFullStateAgain() {
        RegEventNotifier notifier = notifier(true);
        String tag = subscribe(notifier).response().to().tag().orElseThrow();
        notifier.stateChanged(RegEventDocuments.refreshed(registered));

        SipRequest refresh = TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip").toBuilder()
                .set("To", "<" + TEL + ">;tag=" + tag).set("CSeq", "909056857 SUBSCRIBE").build();
        RegInfo again = document(notifier.subscribe(refresh).firstNotify().orElseThrow());

        assertThat(again.state()).isEqualTo(RegInfo.DocumentState.FULL);
        assertThat(again.version()).isEqualTo(2);
        assertThat(again.registrations()).hasSize(2);
    }

    @Test
    void withPartialStateOffEveryNotifyIsFull() {
        RegEventNotifier notifier = notifier(false);
        subscribe(notifier);

        RegInfo next = document(notifier.stateChanged(RegEventDocuments.plus(registered,
                RegEventDocuments.secondDevice(RegInfo.ContactEvent.REGISTERED))));

        assertThat(next.state()).isEqualTo(RegInfo.DocumentState.FULL);
        assertThat(next.version()).isEqualTo(1);
        assertThat(next.registrations()).allSatisfy(r -> assertThat(r.contacts()).hasSize(2));
    }
}
