package org.imscore.testkit.ue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imscore.aka.AuthenticationCenter;
import org.imscore.aka.AuthenticationVector;
import org.imscore.aka.Auts;
import org.imscore.aka.Octets;
import org.imscore.aka.ResyncResult;
import org.imscore.aka.Sqn;
import org.imscore.aka.SubscriberKeys;
import org.imscore.sip.auth.Aka;
import org.imscore.sip.auth.Digest;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.Branches;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.WheelTimerService;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.NettySipTransport;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.transport.TransportConfig;
import org.imscore.sip.ua.Dialog;
import org.imscore.sip.ua.IncomingRequest;
import org.imscore.sip.ua.UaConfig;
import org.imscore.sip.ua.UserAgent;

/**
 * A registrar and reg-event notifier written for the tests on the sip module's {@link UserAgent}: it challenges
 * with vectors from a real {@link AuthenticationCenter} (or MD5 with a password), checks responses with
 * {@link Digest}, resynchronises on auts, and answers SUBSCRIBE with 200 and NOTIFYs the test scripts. Every
 * request it received is kept for assertions.
 */
final class ScriptedRegistrar implements AutoCloseable {

    static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
    static final String SERVICE_ROUTE = "<sip:orig@scscf.ims.mnc001.mcc001.3gppnetwork.org:6060;lr>";
    static final String ASSOCIATED = "<sip:001011234567895@ims.mnc001.mcc001.3gppnetwork.org>, <tel:0398765432100>";

    private final WheelTimerService timers = new WheelTimerService();
    private final NettySipTransport transport = new NettySipTransport(TransportConfig.ephemeral("127.0.0.1"));
    private final UserAgent ua = new UserAgent(transport, timers, TransactionConfig.DEFAULT,
            UaConfig.DEFAULT.withSupported(java.util.Set.of("path")));
    private final AuthenticationCenter auc = new AuthenticationCenter();
    private final Map<String, AuthenticationVector> vectors = new ConcurrentHashMap<>();
    private final Map<String, String> md5Nonces = new ConcurrentHashMap<>();
    final List<SipRequest> received = new CopyOnWriteArrayList<>();
    final AtomicInteger resyncs = new AtomicInteger();

    /** The keys the AuC uses; other keys than the UE's make every challenge fail the UE's MAC check. */
    private volatile SubscriberKeys keys;
    private volatile Sqn lastIssued = Sqn.ZERO;
    private volatile String password;
    /** How many correct responses to answer with a fresh challenge and stale=true before accepting one. */
    final AtomicInteger staleAnswers = new AtomicInteger();
    private volatile Dialog subscription;
    /** The AKA algorithm of the challenges: AKAv1-MD5 (RFC 3310) or AKAv2-MD5 (RFC 4169). */
    volatile String akaAlgorithm = Aka.AKAV1_MD5;
    /** Shorter non-zero expiries are answered 423 with this Min-Expires (RFC 3261 §10.3 step 7); 0 for none. */
    volatile long minExpires;

    private ScriptedRegistrar() {
        ua.handle(SipRequest.REGISTER, this::onRegister).handle(SipRequest.SUBSCRIBE, this::onSubscribe);
    }

    static ScriptedRegistrar aka(SubscriberKeys keys, Sqn lastIssued) {
        ScriptedRegistrar r = new ScriptedRegistrar();
        r.keys = keys;
        r.lastIssued = lastIssued;
        r.start();
        return r;
    }

    static ScriptedRegistrar md5(String password) {
        ScriptedRegistrar r = new ScriptedRegistrar();
        r.password = password;
        r.start();
        return r;
    }

    private void start() {
        transport.start(ua.layer());
    }

    Endpoint endpoint(Transport t) {
        return new Endpoint(t, transport.listeningPoint(t).address());
    }

    Sqn lastIssued() {
        return lastIssued;
    }

    // ---------------------------------------------------------------------------------------------- REGISTER

    private void onRegister(IncomingRequest in) {
        SipRequest register = in.request();
        received.add(register);
        long asked = register.header(HeaderType.EXPIRES).orElse(3600L);
        if (asked > 0 && asked < minExpires) {
            in.respond(in.response(423, "Interval Too Brief")
                    .add(HeaderNames.MIN_EXPIRES, Long.toString(minExpires)).build());
            return;
        }
        Optional<DigestCredentials> creds = register.header(HeaderType.AUTHORIZATION)
                .filter(c -> c.nonce() != null && !c.nonce().isEmpty());
        if (creds.isEmpty()) {
            in.respond(challenge(in, false));
            return;
        }
        DigestCredentials c = creds.get();
        String ha1;
        if (password != null) {
            if (md5Nonces.remove(c.nonce()) == null) {
                in.respond(challenge(in, true));
                return;
            }
            ha1 = Digest.ha1(c.username(), REALM, password);
        } else {
            AuthenticationVector v = vectors.remove(c.nonce());
            if (v == null) {
                in.respond(challenge(in, true));
                return;
            }
            if (c.auts().isPresent()) {
                // TS 33.102 §6.3.5: recover SQN_MS, check MAC-S, continue from a fresh SQN, challenge again.
                ResyncResult rr = auc.resynchronise(keys, v.rand(),
                        new Auts(Octets.of(Aka.decodeAuts(c.auts().get()))), lastIssued);
                if (!(rr instanceof ResyncResult.Resynchronised ok)) {
                    in.respond(in.response(403, "Forbidden - bad AUTS").build());
                    return;
                }
                resyncs.incrementAndGet();
                lastIssued = ok.continueFrom();
                in.respond(challenge(in, false));
                return;
            }
            if (c.response() == null || c.response().isEmpty()) {
                in.respond(in.response(403, "Forbidden - network not authentic").build());
                return;
            }
            ha1 = Aka.ha1(c.username(), REALM, akaAlgorithm, v.xres().toByteArray(), v.ik().toByteArray(),
                    v.ck().toByteArray());
        }
        if (!Digest.verify(c, register.method(), ha1, register.body())) {
            in.respond(in.response(403, "Forbidden - wrong response").build());
            return;
        }
        if (staleAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            in.respond(challenge(in, true));
            return;
        }
        long expires = register.header(HeaderType.EXPIRES).orElse(3600L);
        SipResponse.Builder ok = in.response(200);
        for (var contact : register.contacts()) {
            ok.add(HeaderNames.CONTACT, contact.address().withParameter("expires", Long.toString(expires))
                    .toString());
        }
        ok.add(HeaderNames.SERVICE_ROUTE, SERVICE_ROUTE).add(HeaderNames.P_ASSOCIATED_URI, ASSOCIATED);
        in.respond(ok.build());
    }

    private SipResponse challenge(IncomingRequest in, boolean stale) {
        DigestChallenge ch = DigestChallenge.digest().with("realm", REALM);
        if (password != null) {
            String nonce = Branches.randomHex(16);
            md5Nonces.put(nonce, nonce);
            ch = ch.with("nonce", nonce).with("algorithm", "MD5");
        } else {
            AuthenticationVector v = auc.next(keys, lastIssued, 0);
            lastIssued = v.sqn();
            String nonce = Aka.nonce(v.rand().toByteArray(), v.autn().toByteArray());
            vectors.put(nonce, v);
            ch = ch.with("nonce", nonce).with("algorithm", akaAlgorithm);
        }
        ch = ch.with("qop", "auth,auth-int");
        if (stale) {
            ch = ch.with("stale", "true");
        }
        return in.response(401, "Unauthorized").add(HeaderNames.WWW_AUTHENTICATE, ch.toString()).build();
    }

    // ---------------------------------------------------------------------------------------------- reg event

    private void onSubscribe(IncomingRequest in) {
        SipRequest subscribe = in.request();
        received.add(subscribe);
        long expires = subscribe.header(HeaderType.EXPIRES).orElse(600_000L);
        in.respond(in.response(200)
                .add(HeaderNames.CONTACT, "<sip:scscf@" + transport.listeningPoint(Transport.UDP).host() + ":"
                        + transport.listeningPoint(Transport.UDP).port() + ">")
                .add(HeaderNames.EXPIRES, Long.toString(expires))
                .build());
        Dialog d = subscription;
        if (d == null || !d.callId().equals(subscribe.callId())) {
            subscription = Dialog.asUas(subscribe, in.toTag());
        }
    }

    /** Waits (briefly) for the SUBSCRIBE dialog. */
    Dialog subscriptionDialog() throws InterruptedException {
        for (int i = 0; i < 100 && subscription == null; i++) {
            Thread.sleep(20);
        }
        if (subscription == null) {
            throw new IllegalStateException("no SUBSCRIBE arrived");
        }
        return subscription;
    }

    /** Sends a NOTIFY in the subscription dialog (or with the headers given) and returns the UE's answer. */
    SipResponse notify(String subscriptionState, String contentType, String body) throws Exception {
        Dialog.Next next = subscriptionDialog().nextRequest(SipRequest.NOTIFY);
        subscription = next.dialog();
        SipRequest.Builder b = next.request()
                .add(HeaderNames.EVENT, "reg")
                .add(HeaderNames.CONTACT, "<sip:scscf@127.0.0.1:" + transport.listeningPoint(Transport.UDP).port()
                        + ">");
        if (subscriptionState != null) {
            b.add(HeaderNames.SUBSCRIPTION_STATE, subscriptionState);
        }
        if (body != null) {
            b.body(contentType, body.getBytes(StandardCharsets.UTF_8));
        }
        return ua.sendInDialog(next.dialog(), b, endpoint(Transport.UDP))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A NOTIFY with a Call-ID no subscription has: the UE must answer 481. */
    SipResponse strayNotify(Endpoint ue) throws Exception {
        Dialog d = subscriptionDialog();
        Dialog stray = new Dialog("stray-" + d.callId(), d.localTag(), d.remoteTag(), 10, -1, d.localUri(),
                d.remoteUri(), d.remoteTarget(), List.of());
        SipRequest.Builder b = stray.nextRequest(SipRequest.NOTIFY).request()
                .add(HeaderNames.EVENT, "reg").add(HeaderNames.SUBSCRIPTION_STATE, "active;expires=60");
        return ua.sendInDialog(stray, b, ue).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        transport.close();
        timers.close();
    }
}
