package org.imscore.sip.transaction;

import java.util.Locale;
import java.util.Objects;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.Via;

/**
 * What identifies an RFC 3261 transaction: the top Via branch, the sent-by (server side only) and the method.
 *
 * <p>Server side (§17.2.3): branch, sent-by and the request method, where ACK counts as INVITE (an ACK for a
 * non-2xx final response carries the INVITE's branch). A CANCEL has its own method and so its own transaction.
 * Client side (§17.1.3): branch and the CSeq method of the response. Requests whose branch lacks the magic cookie
 * (RFC 2543 peers) are matched by the fields of §17.2.3's fallback instead; their key carries the branch as
 * written (possibly empty) and is informative only.
 *
 * @param branch the branch parameter as written
 * @param sentBy the top Via sent-by, lower case, "" for client keys
 * @param method INVITE for ACK; otherwise the method
 */
public record TransactionKey(String branch, String sentBy, String method) {

    public TransactionKey {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(sentBy, "sentBy");
        Objects.requireNonNull(method, "method");
    }

    /** The server key of a request (§17.2.3). */
    public static TransactionKey server(SipRequest request) {
        Via via = request.topVia();
        String method = request.isMethod(SipRequest.ACK) ? SipRequest.INVITE : request.method();
        return new TransactionKey(via.branch().orElse(""), via.sentBy().toLowerCase(Locale.ROOT), method);
    }

    /** The client key of a request we send or a response we receive (§17.1.3). */
    public static TransactionKey client(SipMessage message) {
        String method = message.cseq().method();
        return new TransactionKey(message.topVia().branch().orElse(""), "", method);
    }

    /** The same key with another method (a CANCEL's key with INVITE finds the transaction it cancels, §9.2). */
    public TransactionKey withMethod(String newMethod) {
        return new TransactionKey(branch, sentBy, newMethod);
    }

    @Override
    public String toString() {
        return sentBy.isEmpty() ? branch + "/" + method : branch + "/" + sentBy + "/" + method;
    }
}
