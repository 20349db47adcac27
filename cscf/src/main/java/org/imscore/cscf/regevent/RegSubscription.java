package org.imscore.cscf.regevent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.imscore.sip.message.NameAddress;

/**
 * One reg-event subscription and the notifier's side of its dialog (RFC 6665 §4.2, RFC 3261 §12.1.1). Immutable.
 *
 * <p>The S-CSCF holds one per registered user for as long as the user stays (the P-CSCF's, TS 24.229 §5.2.3), and
 * builds a NOTIFY from it only when a registration changes, so the dialog's addresses are kept as their wire text
 * and parsed when a NOTIFY is made, and the expiry as epoch milliseconds.
 *
 * @param id              our To tag of the dialog, which also names the subscription for its life (one unique
 *                        token for both, held once)
 * @param watchedAor      the key ({@link org.imscore.cscf.cx.Identities#key}) of the public identity watched
 * @param localParty      the SUBSCRIBE's To with our tag, as wire text: the From of every NOTIFY; null when it is
 *                        just {@code <watchedAor>;tag=id}, as the P-CSCF's subscriptions have it (see
 *                        {@link #notifyFrom()})
 * @param remoteParty     the SUBSCRIBE's From, as wire text: the To of every NOTIFY
 * @param remoteTarget    the subscriber's Contact URI, as wire text: the NOTIFY Request-URI
 * @param routeSet        the SUBSCRIBE's Record-Route, in order: the NOTIFY Route set
 * @param nextCseq        the CSeq of the next NOTIFY
 * @param version         the reginfo version of the next NOTIFY (starts at 0, RFC 3680 §5.2)
 * @param expiresAtMillis when the subscription ends, in epoch milliseconds
 * @param eventId         the Event {@code id} parameter, echoed in NOTIFYs
 * @param reported        what the NOTIFYs sent so far told the watcher, to diff the next partial document against
 */
public record RegSubscription(String id, String watchedAor, String callId, String localParty, String remoteParty,
                              String remoteTarget, List<NameAddress> routeSet, long nextCseq, long version,
                              long expiresAtMillis, Optional<String> eventId, ReportedState reported) {

    public RegSubscription {
        routeSet = List.copyOf(routeSet);
    }

    public Instant expiresAt() {
        return Instant.ofEpochMilli(expiresAtMillis);
    }

    /** Whether the subscription has not expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return expiresAtMillis > now.toEpochMilli();
    }

    /**
     * The SUBSCRIBE's To as held: null when it is just {@code <aor>;tag=tag} (nothing but what the subscription holds
     * anyway), else its wire text.
     */
    static String heldLocalParty(NameAddress toWithTag, String aor, String tag) {
        String text = toWithTag.toString();
        return text.equals(derivedLocalParty(aor, tag)) ? null : text;
    }

    private static String derivedLocalParty(String aor, String tag) {
        return "<" + aor + ">;tag=" + tag;
    }

    /** Our side of the dialog as every NOTIFY's From writes it: the SUBSCRIBE's To with our tag. */
    public String notifyFrom() {
        return localParty != null ? localParty : derivedLocalParty(watchedAor, id);
    }

    public String localTag() {
        return id;
    }

    public Optional<String> remoteTag() {
        return NameAddress.parse(remoteParty).tag();
    }

    /** The state after one more NOTIFY went out, which left the watcher knowing {@code nowReported}. */
    RegSubscription afterNotify(ReportedState nowReported) {
        return new RegSubscription(id, watchedAor, callId, localParty, remoteParty, remoteTarget, routeSet,
                nextCseq + 1, version + 1, expiresAtMillis, eventId, nowReported);
    }

    /** Refreshed until {@code newExpiry}, NOTIFYs now going to {@code newTarget} (wire text, as held). */
    RegSubscription refreshed(Instant newExpiry, String newTarget) {
        return new RegSubscription(id, watchedAor, callId, localParty, remoteParty, newTarget, routeSet, nextCseq,
                version, epochMillisRoundedUp(newExpiry), eventId, reported);
    }

    /**
     * An expiry in epoch milliseconds, rounded up: the seconds left, rounded down as Subscription-State writes them,
     * then come out as they would from the exact instant.
     */
    static long epochMillisRoundedUp(Instant t) {
        return t.toEpochMilli() + (t.getNano() % 1_000_000 == 0 ? 0 : 1);
    }
}
