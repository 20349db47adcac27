package org.imscore.cscf.regevent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.imscore.cscf.Counter;
import org.imscore.cscf.MutableClock;
import org.imscore.cscf.TestMessages;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier finds a change's watchers by the identity watched and a refresh's subscription by its dialog, without
 * scanning: these indexes must follow every way a subscription starts and ends (subscribe, refresh, expiry,
 * unsubscribe, de-registration, a failed NOTIFY), or a watcher would miss a NOTIFY or get one after it left.
 * Three users; alice is watched twice (her UE and the P-CSCF), bob once, carol not at all.
 */
class RegEventNotifierIndexTest {

    static final String ALICE = "sip:alice@ims.example.net";
    static final String BOB = "sip:bob@ims.example.net";
    static final String CAROL = "sip:carol@ims.example.net";

    final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    final Map<String, List<RegInfo.Registration>> registered = new HashMap<>();
    final Map<String, String> localTags = new HashMap<>();
    RegEventNotifier notifier;
    String aliceUe;
    String alicePcscf;
    String bobPcscf;

    @BeforeEach
    void subscribeTheWatchers() {
        for (String aor : List.of(ALICE, BOB, CAROL)) {
            registered.put(aor, List.of(registration(aor, RegInfo.ContactEvent.REGISTERED, 1)));
        }
        RegStateSource source = new RegStateSource() {
            @Override
            public List<RegInfo.Registration> registrations(String aorKey) {
                return registered.getOrDefault(aorKey, List.of());
            }

            @Override
            public boolean mayWatch(String aorKey, Uri watcher) {
                return true;
            }
        };
        notifier = new RegEventNotifier(RegEventConfig.defaults(SipUri.parse("sip:scscf.ims.example.net:6060")), source,
                clock, new Counter());
        aliceUe = accepted(subscribe(ALICE, "ue-a", "a1", null, 3600));
        alicePcscf = accepted(subscribe(ALICE, "pcscf-a", "p1", null, 600_000));
        bobPcscf = accepted(subscribe(BOB, "pcscf-b", "p2", null, 600_000));
    }

    @Test
    void aChangeReachesExactlyTheWatchersOfItsIdentity() {
        assertThat(ids(notifier.stateChanged(refreshed(ALICE, 2)))).containsExactly(aliceUe, alicePcscf);
        assertThat(ids(notifier.stateChanged(refreshed(BOB, 2)))).containsExactly(bobPcscf);
        assertThat(notifier.stateChanged(refreshed(CAROL, 2))).isEmpty();
    }

    @Test
    void aRefreshFindsItsOwnDialogAndStaysWatchingOnce() {
        SubscribeResultAssert refresh = new SubscribeResultAssert(
                notifier.subscribe(subscribe(ALICE, "pcscf-a", "p1", tagOf(alicePcscf), 600_000)));
        assertThat(refresh.status()).isEqualTo(200);
        assertThat(refresh.result.firstNotify().orElseThrow().subscriptionId()).isEqualTo(alicePcscf);

        // Another dialog's Call-ID with this one's tags, or this Call-ID with a stranger's From tag: no such dialog.
        assertThat(notifier.subscribe(subscribe(ALICE, "pcscf-b", "p1", tagOf(alicePcscf), 600_000)).response()
                .statusCode()).isEqualTo(481);
        assertThat(notifier.subscribe(subscribe(ALICE, "pcscf-a", "x9", tagOf(alicePcscf), 600_000)).response()
                .statusCode()).isEqualTo(481);

        assertThat(ids(notifier.stateChanged(refreshed(ALICE, 2)))).containsExactly(aliceUe, alicePcscf);
        assertThat(notifier.subscriptions()).hasSize(3);
    }

    @Test
    void anUnsubscribedWatcherGetsNothingMoreAndItsDialogIsGone() {
        SipRequest unsubscribe = subscribe(ALICE, "ue-a", "a1", tagOf(aliceUe), 0);
        assertThat(notifier.subscribe(unsubscribe).firstNotify().orElseThrow().request()
                .headerValue("Subscription-State")).hasValue("terminated;reason=timeout");

        assertThat(ids(notifier.stateChanged(refreshed(ALICE, 2)))).containsExactly(alicePcscf);
        assertThat(notifier.subscribe(subscribe(ALICE, "ue-a", "a1", tagOf(aliceUe), 3600)).response()
                .statusCode()).isEqualTo(481);
    }

    @Test
    void anExpiredSubscriptionLeavesEveryIndexAndANewOneTakesItsPlace() {
        clock.advance(Duration.ofSeconds(3600));
        assertThat(ids(notifier.expire())).containsExactly(aliceUe);

        assertThat(ids(notifier.stateChanged(refreshed(ALICE, 2)))).containsExactly(alicePcscf);
        assertThat(notifier.subscribe(subscribe(ALICE, "ue-a", "a1", tagOf(aliceUe), 3600)).response()
                .statusCode()).isEqualTo(481);

        String again = accepted(subscribe(ALICE, "ue-a2", "a2", null, 3600));
        assertThat(ids(notifier.stateChanged(refreshed(ALICE, 3)))).containsExactly(alicePcscf, again);
    }

    @Test
    void deregistrationEndsEveryWatcherOfTheIdentityAndOnlyThose() {
        List<RegInfo.Registration> gone = List.of(new RegInfo.Registration(ALICE, "r-" + ALICE,
                RegInfo.RegistrationState.TERMINATED,
                List.of(contact(ALICE, RegInfo.ContactEvent.UNREGISTERED, 2))));

        List<RegEventNotifier.Notify> last = notifier.stateChanged(gone);

        assertThat(ids(last)).containsExactly(aliceUe, alicePcscf);
        assertThat(last).allSatisfy(n -> assertThat(n.request().headerValue("Subscription-State"))
                .hasValue("terminated;reason=noresource"));
        assertThat(notifier.stateChanged(refreshed(ALICE, 3))).isEmpty();
        assertThat(notifier.subscribe(subscribe(ALICE, "pcscf-a", "p1", tagOf(alicePcscf), 600_000)).response()
                .statusCode()).isEqualTo(481);
        assertThat(ids(notifier.stateChanged(refreshed(BOB, 2)))).containsExactly(bobPcscf);

        // Registered again: the P-CSCF's new subscription is the one notified.
        String renewed = accepted(subscribe(ALICE, "pcscf-a2", "p3", null, 600_000));
        assertThat(ids(notifier.stateChanged(refreshed(ALICE, 4)))).containsExactly(renewed);
    }

    @Test
    void aFailedNotifyEndsItsSubscriptionInEveryIndex() {
        assertThat(notifier.notifyAnswered(alicePcscf, 481)).isTrue();
        assertThat(notifier.notifyTimedOut(bobPcscf)).isTrue();
        assertThat(notifier.notifyTimedOut(bobPcscf)).isFalse();

        assertThat(ids(notifier.stateChanged(refreshed(ALICE, 2)))).containsExactly(aliceUe);
        assertThat(notifier.stateChanged(refreshed(BOB, 2))).isEmpty();
        assertThat(notifier.subscribe(subscribe(BOB, "pcscf-b", "p2", tagOf(bobPcscf), 600_000)).response()
                .statusCode()).isEqualTo(481);
    }

    @Test
    void anIdentityIsMatchedByItsKeyAsTheRegistrarWritesIt() {
        // The registrar may write the AOR with upper-case host; the subscription's key is normalised the same way.
        List<RegInfo.Registration> upper = List.of(new RegInfo.Registration("sip:alice@IMS.EXAMPLE.NET", "r-a",
                RegInfo.RegistrationState.ACTIVE, List.of(contact(ALICE, RegInfo.ContactEvent.REFRESHED, 2))));
        assertThat(ids(notifier.stateChanged(upper))).containsExactly(aliceUe, alicePcscf);
    }

    private String accepted(SipRequest subscribe) {
        RegEventNotifier.SubscribeResult r = notifier.subscribe(subscribe);
        assertThat(r.response().statusCode()).isEqualTo(200);
        String id = r.firstNotify().orElseThrow().subscriptionId();
        localTags.put(id, r.response().to().tag().orElseThrow());
        return id;
    }

    /** Our To tag of a subscription's dialog, as its 200 gave it (kept after the subscription ends). */
    private String tagOf(String subscriptionId) {
        return localTags.get(subscriptionId);
    }

    private static List<String> ids(List<RegEventNotifier.Notify> notifies) {
        return notifies.stream().map(RegEventNotifier.Notify::subscriptionId).toList();
    }

    private static List<RegInfo.Registration> refreshed(String aor, long cseq) {
        return List.of(registration(aor, RegInfo.ContactEvent.REFRESHED, cseq));
    }

    private static RegInfo.Registration registration(String aor, RegInfo.ContactEvent event, long cseq) {
        return new RegInfo.Registration(aor, "r-" + aor, RegInfo.RegistrationState.ACTIVE,
                List.of(contact(aor, event, cseq)));
    }

    private static RegInfo.Contact contact(String aor, RegInfo.ContactEvent event, long cseq) {
        String user = aor.substring(4, aor.indexOf('@'));
        return new RegInfo.Contact("c-" + user, event.isActive() ? RegInfo.ContactState.ACTIVE
                : RegInfo.ContactState.TERMINATED, event, "sip:" + user + "@192.0.2.1:5070", Optional.empty(),
                event.isActive() ? OptionalLong.of(3600) : OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.of("reg-" + user), OptionalLong.of(cseq), List.of());
    }

    private static SipRequest subscribe(String aor, String callId, String fromTag, String toTag, long expires) {
        return (SipRequest) TestMessages.text("SUBSCRIBE " + aor + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK" + callId + expires + "\n"
                + "From: <sip:watcher@ims.example.net>;tag=" + fromTag + "\n"
                + "To: <" + aor + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: 1 SUBSCRIBE\n"
                + "Max-Forwards: 70\n"
                + "Event: reg\n"
                + "Expires: " + expires + "\n"
                + "Contact: <sip:192.0.2.9:5060>\n"
                + "Content-Length: 0\n\n");
    }

    private record SubscribeResultAssert(RegEventNotifier.SubscribeResult result) {
        int status() {
            return result.response().statusCode();
        }
    }
}
