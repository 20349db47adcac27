package org.imscore.cscf.regevent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.imscore.cscf.state.Token;
import org.imscore.sip.message.NameAddress;

/**
 * One reg-event subscription and the notifier's side of its dialog (RFC 6665 §4.2, RFC 3261 §12.1.1). Immutable.
 *
 * <p>The S-CSCF holds one per registered user for as long as the user stays (the P-CSCF's, TS 24.229 §5.2.3), and
 * builds a NOTIFY from it only when a registration changes, so the dialog's addresses are kept as their wire text
 * and parsed when a NOTIFY is made, and the expiry as epoch milliseconds.
 *
 * <p>Our To tag is a {@link Token}, held as its number and written out for each NOTIFY; the subscriber's From is held
 * as its text without the tag (most subscribers are the P-CSCF, whose From is the same for every user, so the
 * notifier shares that text) and the tag apart.
 *
 * @param tag             our To tag of the dialog, which also names the subscription for its life (one unique
 *                        token for both, held once)
 * @param watchedAor      the key ({@link org.imscore.cscf.cx.Identities#key}) of the public identity watched
 * @param localParty      the SUBSCRIBE's To with our tag, as wire text: the From of every NOTIFY; null when it is
 *                        just {@code <watchedAor>;tag=id}, as the P-CSCF's subscriptions have it (see
 *                        {@link #notifyFrom()})
 * @param remoteParty     the SUBSCRIBE's From, as wire text, without its tag when {@code remotePartyTag} holds it:
 *                        the To of every NOTIFY (see {@link #notifyTo()})
 * @param remotePartyTag  the From's tag when the From's text is exactly {@code remoteParty;tag=remotePartyTag}, else
 *                        null (and {@code remoteParty} is the whole From)
 * @param remoteTarget    the subscriber's Contact URI, as wire text: the NOTIFY Request-URI
 * @param routeSet        the SUBSCRIBE's Record-Route, in order: the NOTIFY Route set
 * @param nextCseq        the CSeq of the next NOTIFY
 * @param version         the reginfo version of the next NOTIFY (starts at 0, RFC 3680 §5.2)
 * @param expiresAtMillis when the subscription ends, in epoch milliseconds
 * @param eventId         the Event {@code id} parameter, echoed in NOTIFYs
 * @param reported        what the NOTIFYs sent so far told the watcher, to diff the next partial document against
 */
public record RegSubscription(long tag, String watchedAor, String callId, String localParty, String remoteParty,
                              String remotePartyTag, String remoteTarget, List<NameAddress> routeSet, long nextCseq,
                              long version, long expiresAtMillis, Optional<String> eventId, ReportedState reported) {

    public RegSubscription {
        routeSet = List.copyOf(routeSet);
    }

    /** The subscription's name, which is our To tag's text. */
    public String id() {
        return Token.text(tag);
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
    static String heldLocalParty(NameAddress toWithTag, String aor, long tag) {
        String text = toWithTag.toString();
        return text.equals(derivedLocalParty(aor, tag)) ? null : text;
    }

    private static String derivedLocalParty(String aor, long tag) {
        return "<" + aor + ">;tag=" + Token.text(tag);
    }

    /**
     * The SUBSCRIBE's From as {@code remoteParty} holds it: without its tag when the text is exactly that text with
     * {@code ;tag=} and the tag appended, else whole (so {@link #notifyTo()} gives back the same text either way).
     */
    static String heldRemoteParty(NameAddress from) {
        String text = from.toString();
        Optional<String> tag = from.tag();
        if (tag.isPresent()) {
            String withoutTag = from.withoutParameter("tag").toString();
            if (text.equals(withoutTag + ";tag=" + tag.get())) {
                return withoutTag;
            }
        }
        return text;
    }

    /** The tag {@link #heldRemoteParty} leaves out of the From's text, or null when it kept the whole From. */
    static String heldRemotePartyTag(NameAddress from, String heldRemoteParty) {
        return from.toString().equals(heldRemoteParty) ? null : from.tag().orElseThrow();
    }

    /** Our side of the dialog as every NOTIFY's From writes it: the SUBSCRIBE's To with our tag. */
    public String notifyFrom() {
        return localParty != null ? localParty : derivedLocalParty(watchedAor, tag);
    }

    /** The subscriber's side of the dialog as every NOTIFY's To writes it: the SUBSCRIBE's From, as received. */
    public String notifyTo() {
        return remotePartyTag != null ? remoteParty + ";tag=" + remotePartyTag : remoteParty;
    }

    public String localTag() {
        return Token.text(tag);
    }

    public Optional<String> remoteTag() {
        return remotePartyTag != null ? Optional.of(remotePartyTag) : NameAddress.parse(remoteParty).tag();
    }

    /** The state after one more NOTIFY went out, which left the watcher knowing {@code nowReported}. */
    RegSubscription afterNotify(ReportedState nowReported) {
        return new RegSubscription(tag, watchedAor, callId, localParty, remoteParty, remotePartyTag, remoteTarget,
                routeSet, nextCseq + 1, version + 1, expiresAtMillis, eventId, nowReported);
    }

    /** Refreshed until {@code newExpiry}, NOTIFYs now going to {@code newTarget} (wire text, as held). */
    RegSubscription refreshed(Instant newExpiry, String newTarget) {
        return new RegSubscription(tag, watchedAor, callId, localParty, remoteParty, remotePartyTag, newTarget,
                routeSet, nextCseq, version, epochMillisRoundedUp(newExpiry), eventId, reported);
    }

    /**
     * An expiry in epoch milliseconds, rounded up: the seconds left, rounded down as Subscription-State writes them,
     * then come out as they would from the exact instant.
     */
    static long epochMillisRoundedUp(Instant t) {
        return t.toEpochMilli() + (t.getNano() % 1_000_000 == 0 ? 0 : 1);
    }
}
