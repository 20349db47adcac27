package org.imscore.sip.ua;

import java.util.Objects;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.Branches;
import org.imscore.sip.transaction.ServerTransaction;

/**
 * A request a {@link UserAgent} received, with the server transaction to answer it through and the To tag every
 * response to it carries (§8.2.6.2: chosen once, so a provisional and the final response agree and form one dialog).
 */
public final class IncomingRequest {

    private final ServerTransaction transaction;
    private final String toTag;
    private final UserAgent ua;
    private volatile boolean cancelled;

    IncomingRequest(ServerTransaction transaction, UserAgent ua) {
        this.transaction = Objects.requireNonNull(transaction);
        this.ua = ua;
        this.toTag = transaction.request().to().tag().orElseGet(() -> Branches.randomHex(6));
    }

    public SipRequest request() {
        return transaction.request();
    }

    public ServerTransaction transaction() {
        return transaction;
    }

    /** The To tag of our responses: the request's own in a dialog, else a new random one. */
    public String toTag() {
        return toTag;
    }

    /** Whether a CANCEL for this request arrived (then it was answered 487 already). */
    public boolean isCancelled() {
        return cancelled;
    }

    void markCancelled() {
        cancelled = true;
    }

    /**
     * A response to the request (§8.2.6): Via, From, To, Call-ID, CSeq copied, our To tag (not on 100), our
     * User-Agent product as Server.
     */
    public SipResponse.Builder response(int code) {
        return response(SipResponse.forRequest(request(), code), code);
    }

    public SipResponse.Builder response(int code, String reason) {
        return response(SipResponse.forRequest(request(), code, reason), code);
    }

    private SipResponse.Builder response(SipResponse.Builder b, int code) {
        if (code > 100) {
            b.toTag(toTag);
        }
        if (code > 100 && code < 300 && request().to().tag().isEmpty()) {
            // §12.1.1: a response that may create a dialog carries the request's Record-Route, in order, so the
            // caller's route set keeps every proxy that asked to stay on the path.
            request().headerFields(HeaderNames.RECORD_ROUTE).forEach(f -> b.add(f.name(), f.value()));
        }
        if (ua.config().product() != null) {
            b.add(HeaderNames.SERVER, ua.config().product());
        }
        return b;
    }

    /** Sends {@code response(code)}; returns whether it was sent (see {@link ServerTransaction#sendResponse}). */
    public boolean respond(int code) {
        return respond(response(code).build());
    }

    /**
     * Sends a response built from {@link #response(int)}. A 2xx to INVITE is retransmitted by the UA core until the
     * ACK arrives (§13.3.1.4).
     */
    public boolean respond(SipResponse response) {
        return ua.respond(this, response);
    }
}
