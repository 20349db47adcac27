package org.imscore.cscf.regevent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reg-event notifier over a registrar that took the captured registration. */
class RegEventNotifierTest {

    static final String REALM = CaptureVectors.REALM;

    final MutableClock clock = new MutableClock(Instant.parse("2020-04-17T08:00:34Z"));
    final ScriptedHss hss = new ScriptedHss();
    ScscfRegistrar registrar;
    RegEventNotifier notifier;

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
        SipResponse ok = registrar.register(TestMessages.request("nonipsec/501-register-auth-icscf-to-scscf.sip"))
                .toCompletableFuture().join().response();
        assertThat(ok.statusCode()).isEqualTo(200);
        notifier = new RegEventNotifier(RegEventConfig.defaults(SipUri.parse("sip:scscf." + REALM + ":6060")),
                registrar, clock, new Counter());
    }

    RegEventNotifier.SubscribeResult capturedSubscribe() {
        return notifier.subscribe(TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip"));
    }

    @Test
    void capturedSubscribeFromTheUeIsAcceptedAndNotifiedWithFullState() {
        RegEventNotifier.SubscribeResult r = capturedSubscribe();

        assertThat(r.response().statusCode()).isEqualTo(200);
        assertThat(r.response().to().tag()).isPresent();
        assertThat(r.response().headerValue("Expires")).hasValue("600000");
        assertThat(r.response().headerValue("Record-Route")).hasValue("<sip:mo@10.4.128.21;lr=on;ftag=4130282331>");
        assertThat(r.response().headerValue("Contact")).hasValue("<sip:scscf." + REALM + ":6060>");

        SipRequest notify = r.firstNotify().orElseThrow().request();
        SipRequest captured = TestMessages.request("nonipsec/722-notify-scscf-to-pcscf.sip");
        assertThat(notify.method()).isEqualTo("NOTIFY");
        assertThat(notify.requestUri().toString()).isEqualTo(captured.requestUri().toString());
        assertThat(notify.headerValue("Route")).isEqualTo(captured.headerValue("Route"));
        assertThat(notify.to().toString()).isEqualTo(captured.to().toString());
        assertThat(notify.from().uri()).isEqualTo(captured.from().uri());
        assertThat(notify.from().tag()).isEqualTo(r.response().to().tag());
        assertThat(notify.callId()).isEqualTo(captured.callId());
        assertThat(notify.headerValue("Event")).hasValue("reg");
        assertThat(notify.headerValue("Subscription-State")).hasValue("active;expires=600000");
        assertThat(notify.headerValue("Content-Type")).hasValue("application/reginfo+xml");

        // The same reader takes our document and the captured one; they agree on everything but ids and q.
        RegInfo ours = RegInfoXml.read(notify.bodyAsString());
        RegInfo theirs = RegInfoXml.read(captured.bodyAsString());
        assertThat(ours.version()).isZero();
        assertThat(ours.state()).isEqualTo(theirs.state());
        assertThat(ours.registrations()).hasSameSizeAs(theirs.registrations());
        for (int i = 0; i < ours.registrations().size(); i++) {
            RegInfo.Registration o = ours.registrations().get(i);
            RegInfo.Registration t = theirs.registrations().get(i);
            assertThat(o.aor()).isEqualTo(t.aor());
            assertThat(o.state()).isEqualTo(t.state());
            assertThat(o.contacts()).hasSameSizeAs(t.contacts());
            RegInfo.Contact oc = o.contacts().get(0);
            RegInfo.Contact tc = t.contacts().get(0);
            assertThat(oc.uri()).isEqualTo(tc.uri());
            assertThat(oc.state()).isEqualTo(tc.state());
            assertThat(oc.event()).isEqualTo(tc.event());
            assertThat(oc.expires()).isEqualTo(tc.expires());
            assertThat(oc.unknownParams()).containsAll(tc.unknownParams());
        }
    }

    @Test
    void everyFurtherNotifyRaisesVersionAndCseq() {
        RegEventNotifier.SubscribeResult r = capturedSubscribe();
        long firstCseq = r.firstNotify().orElseThrow().request().cseq().number();
        clock.advance(Duration.ofSeconds(100));

        List<RegEventNotifier.Notify> next = notifier.stateChanged(
                RegEventDocuments.refreshed(registrar.registrations("tel:0598765432100")));

        assertThat(next).singleElement().satisfies(n -> {
            assertThat(n.request().cseq().number()).isEqualTo(firstCseq + 1);
            assertThat(RegInfoXml.read(n.request().bodyAsString()).version()).isEqualTo(1);
            assertThat(n.request().headerValue("Subscription-State")).hasValue("active;expires=599900");
        });
    }

    @Test
    void pcscfMaySubscribeWithItsOwnIdentityFromThePath() {
        RegEventNotifier.SubscribeResult r = notifier.subscribe(subscribe("<sip:pcscf." + REALM + ":5060>", null,
                "Expires: 600000\n"));

        assertThat(r.response().statusCode()).isEqualTo(200);
        assertThat(r.firstNotify()).isPresent();
    }

    @Test
    void strangerIsRefusedWith403() {
        RegEventNotifier.SubscribeResult r = notifier.subscribe(subscribe("<sip:mallory@evil.example>", null, ""));

        assertThat(r.response().statusCode()).isEqualTo(403);
        assertThat(r.firstNotify()).isEmpty();
        assertThat(notifier.subscriptions()).isEmpty();
    }

    @Test
    void otherEventPackageIs489WithAllowEvents() {
        SipRequest s = subscribe("<tel:0598765432100>", null, "").toBuilder().set("Event", "presence").build();

        SipResponse r = notifier.subscribe(s).response();

        assertThat(r.statusCode()).isEqualTo(489);
        assertThat(r.headerValue("Allow-Events")).hasValue("reg");
    }

    @Test
    void acceptWithoutReginfoIs406() {
        SipResponse r = notifier.subscribe(subscribe("<tel:0598765432100>", null, "Accept: application/sdp\n"))
                .response();

        assertThat(r.statusCode()).isEqualTo(406);
    }

    @Test
    void tooShortExpiresIs423() {
        SipResponse r = notifier.subscribe(subscribe("<tel:0598765432100>", null, "Expires: 10\n")).response();

        assertThat(r.statusCode()).isEqualTo(423);
        assertThat(r.headerValue("Min-Expires")).hasValue("60");
    }

    @Test
    void malformedExpiresIs400NamingTheHeader() {
        SipResponse r = notifier.subscribe(subscribe("<tel:0598765432100>", null, "Expires: soon\n")).response();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).isEqualTo("Bad Expires header");
    }

    @Test
    void subscribeWithoutContactIs400() {
        SipRequest s = subscribe("<tel:0598765432100>", null, "").toBuilder().remove("Contact").build();

        SipResponse r = notifier.subscribe(s).response();

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).isEqualTo("Bad Contact header");
    }

    @Test
    void refreshInTheDialogIsAcceptedAndUnknownDialogIs481() {
        RegEventNotifier.SubscribeResult first = capturedSubscribe();
        String tag = first.response().to().tag().orElseThrow();

        RegEventNotifier.SubscribeResult refresh = notifier.subscribe(TestMessages
                .request("nonipsec/717-subscribe-pcscf-to-scscf.sip").toBuilder()
                .set("To", "<tel:0598765432100>;tag=" + tag).set("CSeq", "909056857 SUBSCRIBE").build());
        assertThat(refresh.response().statusCode()).isEqualTo(200);
        assertThat(refresh.firstNotify()).isPresent();

        SipResponse unknown = notifier.subscribe(TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip")
                .toBuilder().set("To", "<tel:0598765432100>;tag=nope").build()).response();
        assertThat(unknown.statusCode()).isEqualTo(481);
    }

    @Test
    void twoDialogsOnOneCallIdAreToldApartByTheirTags() {
        SipRequest captured = TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip");
        String fromA = captured.from().withTag("a").toString();
        String fromB = captured.from().withTag("b").toString();
        String tagA = notifier.subscribe(captured.toBuilder().set("From", fromA)
                .set("Contact", "<sip:10.4.128.21:5061>").build()).response().to().tag().orElseThrow();
        String tagB = notifier.subscribe(captured.toBuilder().set("From", fromB)
                .set("Contact", "<sip:10.4.128.21:5062>").build()).response().to().tag().orElseThrow();

        RegEventNotifier.SubscribeResult refreshB = notifier.subscribe(captured.toBuilder().set("From", fromB)
                .set("To", "<tel:0598765432100>;tag=" + tagB).set("Contact", "<sip:10.4.128.21:5063>")
                .set("CSeq", "909056857 SUBSCRIBE").build());
        SipResponse crossed = notifier.subscribe(captured.toBuilder().set("From", fromA)
                .set("To", "<tel:0598765432100>;tag=" + tagB).set("CSeq", "909056858 SUBSCRIBE").build()).response();

        assertThat(refreshB.response().statusCode()).isEqualTo(200);
        assertThat(refreshB.firstNotify().orElseThrow().request().requestUri().toString())
                .isEqualTo("sip:10.4.128.21:5063");
        assertThat(refreshB.firstNotify().orElseThrow().request().to().tag()).hasValue("b");
        assertThat(refreshB.firstNotify().orElseThrow().request().headerValue("From"))
                .hasValue("<tel:0598765432100>;tag=" + tagB);
        assertThat(crossed.statusCode()).isEqualTo(481);
        assertThat(notifier.subscriptions()).hasSize(2).extracting(RegSubscription::remoteTarget)
                .containsExactlyInAnyOrder("sip:10.4.128.21:5061", "sip:10.4.128.21:5063");
        assertThat(tagA).isNotEqualTo(tagB);
    }

    @Test
    void notifyFromIsTheSubscribesToWithOurTagWhateverItHolds() {
        SipRequest captured = TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip");
        RegEventNotifier.SubscribeResult r = notifier.subscribe(captured.toBuilder()
                .set("To", "\"Watched\" <tel:0598765432100>;x=1").build());

        String tag = r.response().to().tag().orElseThrow();
        assertThat(r.firstNotify().orElseThrow().request().headerValue("From"))
                .hasValue("\"Watched\" <tel:0598765432100>;x=1;tag=" + tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<sip:10.4.128.21>;tag=s1", "\"P-CSCF\" <sip:10.4.128.21>;tag=s1;x=1",
            "<sip:10.4.128.21>;x=1;tag=s1", "sip:10.4.128.21;tag=s1"})
    void notifyToIsTheSubscribesFromAsItCameAndItsTagNamesTheDialog(String from) {
        SipRequest captured = TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip");
        RegEventNotifier.SubscribeResult r = notifier.subscribe(captured.toBuilder().set("From", from).build());
        String tag = r.response().to().tag().orElseThrow();
        // As the parsed From writes itself: the bare URI gets its angle brackets (RFC 3261 §20.10).
        String sent = NameAddress.parse(from).toString();

        assertThat(r.firstNotify().orElseThrow().request().headerValue("To")).hasValue(sent);
        RegEventNotifier.SubscribeResult refresh = notifier.subscribe(captured.toBuilder().set("From", from)
                .set("To", "<tel:0598765432100>;tag=" + tag).set("CSeq", "909056857 SUBSCRIBE").build());
        assertThat(refresh.response().statusCode()).isEqualTo(200);
        assertThat(refresh.firstNotify().orElseThrow().request().headerValue("To")).hasValue(sent);
        assertThat(refresh.firstNotify().orElseThrow().request().headerValue("CSeq")).hasValue("2 NOTIFY");
    }

    @Test
    void ourTagIsMatchedExactlyAsWeWroteIt() {
        notifier = new RegEventNotifier(RegEventConfig.defaults(SipUri.parse("sip:scscf." + REALM + ":6060")),
                registrar, clock, () -> 0xabcdef0123456789L);
        SipRequest captured = TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip");
        String tag = capturedSubscribe().response().to().tag().orElseThrow();
        assertThat(tag).isEqualTo("abcdef0123456789");

        for (String other : List.of(tag.toUpperCase(Locale.ROOT), tag.substring(1), tag + "0", "0x" + tag)) {
            SipResponse r = notifier.subscribe(captured.toBuilder().set("To", "<tel:0598765432100>;tag=" + other)
                    .set("CSeq", "909056857 SUBSCRIBE").build()).response();
            assertThat(r.statusCode()).as(other).isEqualTo(481);
        }
        assertThat(notifier.subscription(tag)).isPresent();
        assertThat(notifier.subscription("nope")).isEmpty();
        assertThat(notifier.notifyAnswered("nope", 481)).isFalse();
        assertThat(notifier.notifyTimedOut(tag.toUpperCase(Locale.ROOT))).isFalse();
        assertThat(notifier.subscriptions()).hasSize(1);
    }

    @Test
    void unsubscribeGetsAFinalNotifyAndEndsTheSubscription() {
        String tag = capturedSubscribe().response().to().tag().orElseThrow();

        RegEventNotifier.SubscribeResult r = notifier.subscribe(TestMessages
                .request("nonipsec/717-subscribe-pcscf-to-scscf.sip").toBuilder()
                .set("To", "<tel:0598765432100>;tag=" + tag).set("Expires", "0").build());

        assertThat(r.response().statusCode()).isEqualTo(200);
        assertThat(r.firstNotify().orElseThrow().request().headerValue("Subscription-State"))
                .hasValue("terminated;reason=timeout");
        assertThat(notifier.subscriptions()).isEmpty();
    }

    @Test
    void administrativeDeregistrationTerminatesRegistrationContactsAndSubscription() {
        capturedSubscribe();

        List<List<RegInfo.Registration>> sets = registrar.terminate(new RegistrationTermination(CaptureVectors.IMPI,
                List.of(), List.of(), RegistrationTermination.Reason.NEW_SERVER_ASSIGNED, Optional.empty()));
        List<RegEventNotifier.Notify> notifies = notifier.stateChanged(sets.get(0));

        assertThat(notifies).singleElement().satisfies(n -> {
            assertThat(n.request().headerValue("Subscription-State")).hasValue("terminated;reason=deactivated");
            RegInfo info = RegInfoXml.read(n.request().bodyAsString());
            assertThat(info.registrations()).hasSize(2).allSatisfy(reg -> {
                assertThat(reg.state()).isEqualTo(RegInfo.RegistrationState.TERMINATED);
                assertThat(reg.contacts()).singleElement().satisfies(c -> {
                    assertThat(c.state()).isEqualTo(RegInfo.ContactState.TERMINATED);
                    assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.DEACTIVATED);
                });
            });
        });
        assertThat(notifier.subscriptions()).isEmpty();
    }

    @Test
    void permanentTerminationSaysRejected() {
        capturedSubscribe();

        List<List<RegInfo.Registration>> sets = registrar.terminate(new RegistrationTermination(CaptureVectors.IMPI,
                List.of(), List.of(), RegistrationTermination.Reason.PERMANENT_TERMINATION, Optional.empty()));

        assertThat(notifier.stateChanged(sets.get(0)).get(0).request().headerValue("Subscription-State"))
                .hasValue("terminated;reason=rejected");
    }

    @Test
    void notifyAnswered481OrTimedOutEndsTheSubscriptionAnd200KeepsIt() {
        String id = capturedSubscribe().firstNotify().orElseThrow().subscriptionId();
        assertThat(notifier.notifyAnswered(id, 200)).isFalse();
        assertThat(notifier.subscription(id)).isPresent();

        assertThat(notifier.notifyAnswered(id, 481)).isTrue();
        assertThat(notifier.subscription(id)).isEmpty();

        String id2 = capturedSubscribe().firstNotify().orElseThrow().subscriptionId();
        assertThat(notifier.notifyTimedOut(id2)).isTrue();
        assertThat(notifier.subscriptions()).isEmpty();
    }

    @Test
    void expiredSubscriptionGetsAFinalNotify() {
        capturedSubscribe();
        clock.advance(Duration.ofSeconds(600_000));

        List<RegEventNotifier.Notify> out = notifier.expire();

        assertThat(out).singleElement().satisfies(n -> assertThat(n.request().headerValue("Subscription-State"))
                .hasValue("terminated;reason=timeout"));
        assertThat(notifier.subscriptions()).isEmpty();
    }

    private SipRequest subscribe(String assertedIdentity, String toTag, String extra) {
        return (SipRequest) TestMessages.text("SUBSCRIBE tel:0598765432100 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.4.128.21;branch=z9hG4bKs1\n"
                + "From: " + assertedIdentity + ";tag=s1\n"
                + "To: <tel:0598765432100>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: sub-1@10.4.128.21\n"
                + "CSeq: 1 SUBSCRIBE\n"
                + "Max-Forwards: 70\n"
                + "Event: reg\n"
                + "Contact: <sip:10.4.128.21:5060>\n"
                + "P-Asserted-Identity: " + assertedIdentity + "\n"
                + extra
                + "Content-Length: 0\n\n");
    }
}
