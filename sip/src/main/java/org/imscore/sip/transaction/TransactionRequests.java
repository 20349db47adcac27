package org.imscore.sip.transaction;

import org.imscore.sip.message.CSeq;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/** Requests the transaction layer derives from another request: the non-2xx ACK and the CANCEL. */
public final class TransactionRequests {

    /** Max-Forwards of requests we originate (RFC 3261 §8.1.1.6). */
    public static final int MAX_FORWARDS = 70;

    private TransactionRequests() {
    }

    /**
     * The ACK a client INVITE transaction sends for a 300-699 response (§17.1.1.3): the INVITE's Request-URI,
     * Call-ID, From and CSeq number with method ACK, the To of the response (it has the tag), only the INVITE's top
     * Via (same branch: the ACK belongs to the INVITE transaction) and the INVITE's Route headers.
     */
    public static SipRequest ackForNon2xx(SipRequest invite, SipResponse response) {
        return inTransactionOf(invite, SipRequest.ACK, response);
    }

    /**
     * A CANCEL for {@code request} (§9.1): the same Request-URI, Call-ID, To, From and CSeq number (method CANCEL),
     * a single Via equal to the request's top Via (so it reaches the same server transaction, §9.2) and the
     * request's Route headers.
     */
    public static SipRequest cancelFor(SipRequest request) {
        return inTransactionOf(request, SipRequest.CANCEL, request);
    }

    /**
     * A {@code method} request that the next hop matches to {@code request}'s transaction: its Request-URI, single
     * top Via, Route, From, Call-ID and CSeq number, and the To of {@code toSource}.
     */
    private static SipRequest inTransactionOf(SipRequest request, String method, SipMessage toSource) {
        SipRequest.Builder b = SipRequest.builder(method, request.requestUri());
        b.add(HeaderType.VIA, request.topVia());
        b.add(HeaderNames.MAX_FORWARDS, Integer.toString(MAX_FORWARDS));
        copy(request, HeaderNames.ROUTE, b);
        copy(request, HeaderNames.FROM, b);
        copy(toSource, HeaderNames.TO, b);
        copy(request, HeaderNames.CALL_ID, b);
        b.add(HeaderType.CSEQ, new CSeq(request.cseq().number(), method));
        return b.build();
    }

    private static void copy(SipMessage from, String name, SipRequest.Builder to) {
        for (HeaderField f : from.headerFields(name)) {
            to.add(name, f.value());
        }
    }
}
