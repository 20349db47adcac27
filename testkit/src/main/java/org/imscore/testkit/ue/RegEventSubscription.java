package org.imscore.testkit.ue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderSyntaxException;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.MalformedHeaderException;
import org.imscore.sip.message.MediaType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.SubscriptionState;
import org.imscore.sip.ua.Dialog;
import org.imscore.sip.ua.IncomingRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UE's subscription to its own reg event (RFC 3680, TS 24.229 §5.1.1.3): the dialog, and every NOTIFY received
 * in it, answered and parsed, in a queue a test reads with a timeout.
 */
public final class RegEventSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(RegEventSubscription.class);
    static final String EVENT = "reg";
    static final String REGINFO_TYPE = "application/reginfo+xml";

    private final TestUe ue;
    private final String callId;
    private final String localTag;
    private final BlockingQueue<Notification> queue = new LinkedBlockingQueue<>();
    private final List<Notification> all = new CopyOnWriteArrayList<>();
    private volatile Dialog dialog;
    private volatile SipResponse lastResponse;
    private volatile boolean terminated;

    RegEventSubscription(TestUe ue, String callId, String localTag) {
        this.ue = ue;
        this.callId = callId;
        this.localTag = localTag;
    }

    String callId() {
        return callId;
    }

    /** The final response to the last SUBSCRIBE of this subscription. */
    public SipResponse response() {
        return lastResponse;
    }

    /** Whether the last SUBSCRIBE was accepted (2xx). */
    public boolean isAccepted() {
        return lastResponse != null && lastResponse.isSuccess();
    }

    /** Whether a NOTIFY said {@code Subscription-State: terminated} (RFC 6665 §4.1.3): no refresh after it. */
    public boolean isTerminated() {
        return terminated;
    }

    /** The dialog, once the 2xx to SUBSCRIBE arrived. */
    public Optional<Dialog> dialog() {
        return Optional.ofNullable(dialog);
    }

    /** The next NOTIFY not read yet, waiting up to {@code timeout}; empty if none came. */
    public Optional<Notification> poll(Duration timeout) {
        try {
            return Optional.ofNullable(queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The next NOTIFY not read yet; an {@link IllegalStateException} if none comes within {@code timeout}. */
    public Notification next(Duration timeout) {
        return poll(timeout).orElseThrow(() -> new IllegalStateException(
                "no NOTIFY for " + ue.config().impu() + " within " + timeout + " (received " + all.size() + ")"));
    }

    /** Every NOTIFY received so far, read or not. */
    public List<Notification> received() {
        return List.copyOf(all);
    }

    /** Refreshes the subscription in its dialog (RFC 6665 §4.1.2.2) for {@code expires} seconds. */
    public SipResponse refresh(long expires) {
        Dialog d = dialog().orElseThrow(() -> new IllegalStateException("subscription has no dialog: "
                + (lastResponse == null ? "no response" : lastResponse.statusCode() + " to SUBSCRIBE")));
        Dialog.Next next = d.nextRequest(SipRequest.SUBSCRIBE);
        dialog = next.dialog();
        SipRequest.Builder b = next.request();
        ue.addSubscribeHeaders(b, expires);
        lastResponse = ue.sendInDialog(next.dialog(), b);
        return lastResponse;
    }

    /** Ends the subscription: SUBSCRIBE with Expires 0 (RFC 6665 §4.1.2.3); a final NOTIFY follows. */
    public SipResponse unsubscribe() {
        return refresh(0);
    }

    void answered(SipRequest subscribe, SipResponse response) {
        lastResponse = response;
        if (response.isSuccess() && dialog == null) {
            try {
                dialog = Dialog.asUac(subscribe, response);
            } catch (MalformedHeaderException e) {
                // A 2xx without To tag or Contact: the test sees the response; no dialog to refresh in.
            }
        }
    }

    /** Whether {@code notify} belongs here: our Call-ID and our From tag as its To tag (RFC 6665 §4.4.1). */
    boolean matches(SipRequest notify) {
        return callId.equals(notify.callId()) && notify.to().tag().map(localTag::equals).orElse(false);
    }

    private static Optional<MediaType> contentType(SipRequest notify) {
        try {
            return notify.contentType();
        } catch (MalformedHeaderException | HeaderSyntaxException e) {
            return Optional.empty();
        }
    }

    /** Answers a NOTIFY of this subscription and queues it (RFC 6665 §4.1.3). */
    void onNotify(IncomingRequest incoming) {
        SipRequest notify = incoming.request();
        Optional<SubscriptionState> state = Optional.empty();
        Optional<RegInfo> info = Optional.empty();
        String problem = null;
        int status = 200;
        try {
            state = notify.header(HeaderType.SUBSCRIPTION_STATE);
            if (state.isEmpty()) {
                problem = "missing Subscription-State";
                status = 400;
            }
        } catch (MalformedHeaderException | HeaderSyntaxException e) {
            problem = "bad Subscription-State: " + e.getMessage();
            status = 400;
        }
        if (notify.bodyLength() > 0) {
            Optional<MediaType> type = contentType(notify);
            if (type.isEmpty() || !type.get().is("application", "reginfo+xml")) {
                problem = "body is " + type.map(Object::toString).orElse("untyped") + ", not " + REGINFO_TYPE;
                status = 415;
            } else {
                try {
                    info = Optional.of(RegInfoReader.read(notify.bodyAsString()));
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                    status = 400;
                }
            }
        }
        Dialog d = dialog;
        if (d != null) {
            dialog = d.withRemoteSeq(notify.cseq().number());
        }
        SipResponse.Builder answer = status == 200 ? incoming.response(200) : incoming.response(status,
                status == 415 ? "Unsupported Media Type" : "Bad Request - " + problem);
        if (status == 415) {
            answer.add(HeaderNames.ACCEPT, REGINFO_TYPE);
        }
        incoming.respond(answer.build());
        LOG.info("NOTIFY reg {} ({}): answered {}{}", ue.config().impu(), notify.headerValue(
                HeaderNames.SUBSCRIPTION_STATE).orElse("no Subscription-State"), status,
                problem == null ? "" : " - " + problem);
        if (state.isPresent() && state.get().state().equalsIgnoreCase("terminated")) {
            terminated = true;
        }
        Notification n = new Notification(notify, state, info, Optional.ofNullable(problem), status);
        all.add(n);
        queue.add(n);
    }
}
