package org.imscore.sip.transaction;

import java.util.Objects;
import java.util.Optional;
import org.imscore.sip.message.SipRequest;

/**
 * Transaction matching for requests whose top Via branch lacks the magic cookie (RFC 3261 §17.2.3, second half,
 * and §9.2 for CANCEL): the request is compared field by field with the request that created the transaction.
 */
final class Rfc2543Matching {

    private Rfc2543Matching() {
    }

    /**
     * Whether {@code incoming} belongs to the transaction created by {@code original}, whose last response carried
     * {@code responseToTag}.
     *
     * <ul>
     *   <li>ACK to INVITE: Request-URI, From tag, Call-ID, CSeq number and top Via equal, and the ACK's To tag equal
     *       to the To tag of the response the transaction sent;</li>
     *   <li>any other request: Request-URI, To tag, From tag, Call-ID, CSeq (number and method) and top Via.</li>
     * </ul>
     */
    static boolean matches(SipRequest original, Optional<String> responseToTag, SipRequest incoming) {
        if (incoming.isMethod(SipRequest.ACK)) {
            return original.isMethod(SipRequest.INVITE)
                    && sameExceptToTagAndMethod(original, incoming)
                    && incoming.to().tag().equals(responseToTag);
        }
        return original.method().equals(incoming.method())
                && sameExceptToTagAndMethod(original, incoming)
                && original.to().tag().equals(incoming.to().tag());
    }

    /** Whether {@code cancel} refers to {@code original} (§9.2: the fields of §17.2.3 except the method). */
    static boolean cancels(SipRequest original, SipRequest cancel) {
        return sameExceptToTagAndMethod(original, cancel) && original.to().tag().equals(cancel.to().tag());
    }

    private static boolean sameExceptToTagAndMethod(SipRequest a, SipRequest b) {
        return a.callId().equals(b.callId())
                && a.cseq().number() == b.cseq().number()
                && a.from().tag().equals(b.from().tag())
                && a.requestUri().equivalent(b.requestUri())
                && sameTopVia(a, b);
    }

    private static boolean sameTopVia(SipRequest a, SipRequest b) {
        // Compared as values: sent-protocol, sent-by and every parameter (received/rport are stamped the same way on
        // every copy from the same source).
        return Objects.equals(a.topVia().toString(), b.topVia().toString());
    }
}
