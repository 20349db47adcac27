package org.imscore.sip.transaction;

import java.util.Objects;
import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.uri.Uri;

/**
 * What a request whose top Via branch lacks the magic cookie is matched by (RFC 3261 §17.2.3, second half, and §9.2
 * for CANCEL): the fields of the request that created the transaction, kept on their own so that a completed
 * transaction matches without its request.
 *
 * @param requestUri the Request-URI (compared as URIs, §19.1.4)
 * @param toTag      the To tag, or null
 * @param fromTag    the From tag, or null
 * @param callId     the Call-ID
 * @param cseq       the CSeq number
 * @param method     the method
 * @param topVia     the top Via as text: sent-protocol, sent-by and every parameter (received and rport are stamped
 *                   the same way on every copy from the same source)
 */
record Rfc2543Key(Uri requestUri, String toTag, String fromTag, String callId, long cseq, String method,
                  String topVia) {

    static Rfc2543Key of(SipRequest request) {
        return new Rfc2543Key(request.requestUri(), request.to().tag().orElse(null),
                request.from().tag().orElse(null), request.callId(), request.cseq().number(), request.method(),
                request.topVia().toString());
    }

    /**
     * Whether {@code incoming} belongs to this transaction, whose last response carried {@code responseToTag}.
     *
     * <ul>
     *   <li>ACK to INVITE: Request-URI, From tag, Call-ID, CSeq number and top Via equal, and the ACK's To tag equal
     *       to the To tag of the response the transaction sent;</li>
     *   <li>any other request: Request-URI, To tag, From tag, Call-ID, CSeq (number and method) and top Via.</li>
     * </ul>
     */
    boolean matches(SipRequest incoming, Optional<String> responseToTag) {
        if (incoming.isMethod(SipRequest.ACK)) {
            return method.equals(SipRequest.INVITE)
                    && sameExceptToTagAndMethod(incoming)
                    && incoming.to().tag().equals(responseToTag);
        }
        return method.equals(incoming.method())
                && sameExceptToTagAndMethod(incoming)
                && Objects.equals(toTag, incoming.to().tag().orElse(null));
    }

    /** Whether {@code cancel} refers to this transaction (§9.2: the fields of §17.2.3 except the method). */
    boolean cancels(SipRequest cancel) {
        return sameExceptToTagAndMethod(cancel) && Objects.equals(toTag, cancel.to().tag().orElse(null));
    }

    private boolean sameExceptToTagAndMethod(SipRequest b) {
        return callId.equals(b.callId())
                && cseq == b.cseq().number()
                && Objects.equals(fromTag, b.from().tag().orElse(null))
                && requestUri.equivalent(b.requestUri())
                && topVia.equals(b.topVia().toString());
    }
}
