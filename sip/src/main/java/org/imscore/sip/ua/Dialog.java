package org.imscore.sip.ua;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.imscore.sip.message.CSeq;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.TransactionRequests;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;

/**
 * Dialog state (RFC 3261 §12): enough to send ACK, BYE and other requests inside a dialog. Immutable: sending a
 * request gives the dialog with the next local CSeq ({@link #nextRequest}).
 *
 * @param callId       the Call-ID
 * @param localTag     our tag (From of our requests)
 * @param remoteTag    the peer's tag (To of our requests)
 * @param localSeq     the CSeq number of our last request, -1 for none yet
 * @param remoteSeq    the CSeq number of the peer's last request, -1 for none yet
 * @param localUri     our URI (From), without tag
 * @param remoteUri    the peer's URI (To), without tag
 * @param remoteTarget the peer's Contact: the Request-URI of our requests
 * @param routeSet     the route set (§12.1.1: Record-Route in order at the UAS; §12.1.2: reversed at the UAC)
 */
public record Dialog(String callId, String localTag, String remoteTag, long localSeq, long remoteSeq,
                     NameAddress localUri, NameAddress remoteUri, Uri remoteTarget, List<NameAddress> routeSet) {

    public Dialog {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localTag, "localTag");
        Objects.requireNonNull(remoteTag, "remoteTag");
        Objects.requireNonNull(remoteTarget, "remoteTarget");
        routeSet = List.copyOf(routeSet);
    }

    /**
     * The dialog a UAC gets from a 2xx (or 101-199 with a To tag) to its INVITE or SUBSCRIBE (§12.1.2).
     *
     * @throws MalformedHeaderException if the response has no To tag or no Contact
     */
    public static Dialog asUac(SipRequest request, SipResponse response) {
        String remoteTag = response.to().tag()
                .orElseThrow(() -> new MalformedHeaderException(HeaderNames.TO, "no tag in a dialog-creating response"));
        List<NameAddress> routes = new ArrayList<>(response.recordRoutes());
        Collections.reverse(routes);
        return new Dialog(request.callId(), request.from().tag().orElseThrow(
                () -> new MalformedHeaderException(HeaderNames.FROM, "our request has no From tag")),
                remoteTag, request.cseq().number(), -1, request.from().withoutParameter("tag"),
                response.to().withoutParameter("tag"), target(response.contacts()), routes);
    }

    /**
     * The dialog a UAS gets when it answers {@code request} with a 2xx carrying {@code localTag} (§12.1.1).
     *
     * @throws MalformedHeaderException if the request has no Contact
     */
    public static Dialog asUas(SipRequest request, String localTag) {
        return new Dialog(request.callId(), localTag, request.from().tag().orElse(""), -1, request.cseq().number(),
                request.to().withoutParameter("tag"), request.from().withoutParameter("tag"),
                target(request.contacts()), request.recordRoutes());
    }

    private static Uri target(List<Contact> contacts) {
        if (contacts.isEmpty() || contacts.get(0).isWildcard()) {
            throw new MalformedHeaderException(HeaderNames.CONTACT, "a dialog needs a Contact with a URI");
        }
        return contacts.get(0).address().uri();
    }

    /** A request and the dialog after it (its local CSeq counted). */
    public record Next(Dialog dialog, SipRequest.Builder request) {
    }

    /**
     * A new request inside the dialog (§12.2.1.1) with the next local CSeq number. Without a Via: the sender adds it.
     */
    public Next nextRequest(String method) {
        long seq = localSeq < 0 ? 1 : localSeq + 1;
        Dialog next = new Dialog(callId, localTag, remoteTag, seq, remoteSeq, localUri, remoteUri, remoteTarget,
                routeSet);
        return new Next(next, next.request(method, seq));
    }

    /** The ACK for a 2xx to the INVITE with CSeq number {@code inviteSeq} (§13.2.2.4): same number, method ACK. */
    public SipRequest.Builder ack(long inviteSeq) {
        return request(SipRequest.ACK, inviteSeq);
    }

    /** The dialog after the peer's request with CSeq {@code seq} (§12.2.2: remote CSeq remembered). */
    public Dialog withRemoteSeq(long seq) {
        return new Dialog(callId, localTag, remoteTag, localSeq, seq, localUri, remoteUri, remoteTarget, routeSet);
    }

    /**
     * Where the request goes first: the first route, or the remote target when the route set is empty (§12.2.1.1,
     * then §8.1.2).
     */
    public Uri nextHopUri() {
        return routeSet.isEmpty() ? remoteTarget : routeSet.get(0).uri();
    }

    private SipRequest.Builder request(String method, long seq) {
        // §12.2.1.1: loose routing (first route has lr): Request-URI = remote target, Route = route set; strict
        // routing: Request-URI = first route, Route = the rest and the remote target last.
        Uri requestUri = remoteTarget;
        List<String> routes = new ArrayList<>();
        if (!routeSet.isEmpty()) {
            Uri first = routeSet.get(0).uri();
            if (first instanceof SipUri sip && !sip.lr()) {
                requestUri = sip.withoutHeaders();
                for (int i = 1; i < routeSet.size(); i++) {
                    routes.add(routeSet.get(i).toString());
                }
                routes.add(NameAddress.of(remoteTarget).toString());
            } else {
                routeSet.forEach(r -> routes.add(r.toString()));
            }
        }
        SipRequest.Builder b = SipRequest.builder(method, requestUri);
        routes.forEach(r -> b.add(HeaderNames.ROUTE, r));
        b.add(HeaderNames.MAX_FORWARDS, Integer.toString(TransactionRequests.MAX_FORWARDS));
        b.add(HeaderType.FROM, localUri.withTag(localTag));
        b.add(HeaderType.TO, remoteTag.isEmpty() ? remoteUri : remoteUri.withTag(remoteTag));
        b.add(HeaderNames.CALL_ID, callId);
        b.add(HeaderType.CSEQ, new CSeq(seq, method));
        return b;
    }
}
