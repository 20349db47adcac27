package org.imscore.cscf.regevent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.uri.Uri;

/**
 * One reg-event subscription and the notifier's side of its dialog (RFC 6665 §4.2, RFC 3261 §12.1.1).
 *
 * @param id           internal handle, stable for the subscription's life
 * @param watchedAor   the key ({@link org.imscore.cscf.cx.Identities#key}) of the public identity watched
 * @param localParty   the SUBSCRIBE's To with our tag: the From of every NOTIFY
 * @param remoteParty  the SUBSCRIBE's From: the To of every NOTIFY
 * @param remoteTarget the subscriber's Contact: the NOTIFY Request-URI
 * @param routeSet     the SUBSCRIBE's Record-Route, in order: the NOTIFY Route set
 * @param nextCseq     the CSeq of the next NOTIFY
 * @param version      the reginfo version of the next NOTIFY (starts at 0, RFC 3680 §5.2)
 * @param eventId      the Event {@code id} parameter, echoed in NOTIFYs
 * @param reported     what the NOTIFYs sent so far told the watcher, to diff the next partial document against
 */
public record RegSubscription(String id, String watchedAor, String callId, NameAddress localParty,
                              NameAddress remoteParty, Uri remoteTarget, List<NameAddress> routeSet, long nextCseq,
                              long version, Instant expiresAt, Optional<String> eventId,
                              ReportedState reported) {

    public RegSubscription {
        routeSet = List.copyOf(routeSet);
    }

    public String localTag() {
        return localParty.tag().orElseThrow();
    }

    public Optional<String> remoteTag() {
        return remoteParty.tag();
    }

    /** The state after one more NOTIFY went out, which left the watcher knowing {@code nowReported}. */
    RegSubscription afterNotify(ReportedState nowReported) {
        return new RegSubscription(id, watchedAor, callId, localParty, remoteParty, remoteTarget, routeSet,
                nextCseq + 1, version + 1, expiresAt, eventId, nowReported);
    }

    RegSubscription refreshed(Instant newExpiry, Uri newTarget) {
        return new RegSubscription(id, watchedAor, callId, localParty, remoteParty, newTarget, routeSet, nextCseq,
                version, newExpiry, eventId, reported);
    }
}
