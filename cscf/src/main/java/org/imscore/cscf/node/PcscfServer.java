package org.imscore.cscf.node;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.imscore.cscf.pcscf.GmProtection;
import org.imscore.cscf.pcscf.PcscfBinding;
import org.imscore.cscf.pcscf.PcscfBindingStore;
import org.imscore.cscf.pcscf.PcscfRegistrar;
import org.imscore.cscf.regevent.RegInfoXml;
import org.imscore.cscf.regevent.WatcherSubscriptions;
import org.imscore.sip.message.Contact;
import org.imscore.sip.message.HeaderNames;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ClientTransaction;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF on its sockets (TS 24.229 §5.2): a REGISTER from a UE goes to the I-CSCF as {@link PcscfRegistrar}
 * prepares it, its 401 comes back without CK/IK, its 200 leaves a binding; any other request is admitted only from
 * a registered UE and follows the Service-Route. The Gm side is unprotected (no sec-agree yet), which the
 * Authorization's {@code integrity-protected="no"} tells the S-CSCF.
 *
 * <p>After a UE's first registration the P-CSCF subscribes to its reg event at the S-CSCF (TS 24.229 §5.2.3), so
 * that a de-registration the network starts (RTR from the HSS, expiry) removes the binding here too.
 */
public final class PcscfServer {

    private static final Logger log = LoggerFactory.getLogger(PcscfServer.class);
    /** TS 24.229 §5.2.3: longer than any registration, so refreshes never outlive the subscription. */
    private static final long SUBSCRIPTION_EXPIRES = 600_000;
    private static final Base64.Encoder CALL_ID_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final SipNode node;
    private final PcscfRegistrar registrar;
    private final PcscfBindingStore bindings;
    /** Our reg-event subscriptions: by Call-ID and by the public identity watched. */
    private final WatcherSubscriptions subscriptions = new WatcherSubscriptions();
    private final SecureRandom random = new SecureRandom();

    private PcscfServer(SipNode node, PcscfRegistrar registrar, PcscfBindingStore bindings) {
        this.node = node;
        this.registrar = registrar;
        this.bindings = bindings;
    }

    /**
     * Starts serving on {@code node}; the I-CSCF is reached through the Route the registrar's config names.
     *
     * @param bindings the store the registrar writes, read here to subscribe for new registrations
     */
    public static PcscfServer serve(SipNode node, PcscfRegistrar registrar, PcscfBindingStore bindings) {
        PcscfServer server = new PcscfServer(node, registrar, bindings);
        node.serve(new SipNode.Role() {
            @Override
            public void onRequest(SipNode sip, ServerTransaction transaction) {
                server.onRequest(sip, transaction);
            }

            @Override
            public void onAck(SipNode sip, SipRequest ack, InboundMessage inbound) {
                server.onAck(sip, ack, inbound);
            }
        });
        return server;
    }

    private void onRequest(SipNode sip, ServerTransaction transaction) {
        SipRequest request = transaction.request();
        if (request.isMethod(SipRequest.REGISTER)) {
            switch (registrar.forwardRegister(request, GmProtection.NONE)) {
                case PcscfRegistrar.RegisterDecision.Reject r -> sip.respond(transaction, r.response());
                case PcscfRegistrar.RegisterDecision.Forward f -> sip.forward(transaction, f.request(),
                        Optional.empty(), response -> response.statusCode() == 401
                                ? registrar.relayChallenge(response).toUe()
                                : registered(request, transaction, response));
            }
            return;
        }
        if (request.isMethod(SipRequest.NOTIFY) && subscriptions.contains(request.callId())) {
            regEvent(sip, transaction, request);
            return;
        }
        route(sip, transaction, request);
    }

    /**
     * Session routing (TS 24.229 §5.2.6, §5.2.7): an initial request arriving on our Path comes from the S-CSCF for
     * a UE registered here and goes to that UE's registered flow; a request inside a dialog follows its Route (to
     * the UE's flow when none is left); any other initial request is a UE's own and passes the gate of
     * {@link PcscfRegistrar#admit} (registered, identity asserted, Service-Route). Initial requests are
     * Record-Routed on both sides, so the dialog's later requests pass here.
     */
    private void route(SipNode sip, ServerTransaction transaction, SipRequest request) {
        List<NameAddress> received = request.routes();
        boolean terminating = !received.isEmpty() && registrar.isOurPath(received.get(0).uri());
        boolean initial = request.to().tag().isEmpty();
        if (terminating && registrar.isUeFlow(transaction.source())) {
            // Our Path is for the S-CSCF; a UE that writes it as Route would slip past the gate (TS 24.229 §5.2.6.3).
            sip.respond(transaction, SipNode.answer(request, 403, "Forbidden - Route not allowed from a UE"));
            return;
        }
        if (terminating || !initial) {
            SipRequest routed = sip.withoutOurRoutes(request, transaction.local());
            Optional<Endpoint> ue = routed.routes().isEmpty()
                    ? registrar.bindingOfContact(routed.requestUri()).map(PcscfBinding::source) : Optional.empty();
            if (terminating && ue.isEmpty()) {
                sip.respond(transaction, SipNode.answer(request, 480, "Temporarily Unavailable - Not registered here"));
                return;
            }
            sip.proxy(transaction, routed, ue, initial);
            return;
        }
        switch (registrar.admit(request, transaction.source())) {
            case PcscfRegistrar.Admission.Admitted a -> sip.proxy(transaction, a.request(), Optional.empty(), true);
            case PcscfRegistrar.Admission.Rejected r -> sip.respond(transaction, r.response());
            case PcscfRegistrar.Admission.Discarded d -> {
                // Only an ACK is discarded, and an ACK has no server transaction.
            }
        }
    }

    /** An ACK for a 2xx: along its Route, and to the UE's registered flow when it is the last hop. */
    private void onAck(SipNode sip, SipRequest ack, InboundMessage inbound) {
        SipRequest routed = sip.withoutOurRoutes(ack, inbound.local());
        Optional<Endpoint> ue = routed.routes().isEmpty()
                ? registrar.bindingOfContact(routed.requestUri()).map(PcscfBinding::source) : Optional.empty();
        sip.forwardAck(ack, inbound, ue);
    }

    private SipResponse registered(SipRequest register, ServerTransaction transaction, SipResponse response) {
        SipResponse toUe = registrar.registered(register, transaction.source(), response);
        if (response.isSuccess()) {
            String identity = register.to().uri().toString();
            if (!subscriptions.watches(identity)) {
                bindingToWatch(register, transaction.source().address().getHostString(), identity)
                        .ifPresent(this::subscribe);
            }
        }
        return toUe;
    }

    /**
     * A binding of {@code identity} from the UE's host to subscribe with: the one this REGISTER just made (looked up
     * by its own contacts, so the cost does not grow with the UEs behind that host, and it carries this 200's
     * Service-Route and P-Associated-URI). Only a REGISTER that left none of its contacts bound (a de-registration
     * while we hold no subscription, which is rare) looks through the host's other bindings for one of the identity.
     */
    private Optional<PcscfBinding> bindingToWatch(SipRequest register, String host, String identity) {
        for (Contact contact : register.contacts()) {
            if (contact.isWildcard()) {
                continue;
            }
            Optional<PcscfBinding> made = bindings.ofContact(contact.address().uri())
                    .filter(b -> b.publicIdentity().equals(identity)
                            && b.source().address().getHostString().equalsIgnoreCase(host));
            if (made.isPresent()) {
                return made;
            }
        }
        return bindings.firstFromHost(host, b -> b.publicIdentity().equals(identity));
    }

    /**
     * A Call-ID for a reg-event subscription: 96 random bits, URL-safe Base64 (RFC 3261 §8.1.1.4 asks for global
     * uniqueness; a collision among a billion subscriptions has odds of about 1e-11). The P-CSCF and the S-CSCF each
     * hold it for as long as the user stays registered, so it is kept short: 22 characters, where a UUID takes 42.
     */
    public static String regEventCallId(SecureRandom random) {
        byte[] bits = new byte[12];
        random.nextBytes(bits);
        return CALL_ID_TEXT.encodeToString(bits) + "@pcscf";
    }

    /** SUBSCRIBE to the reg event along the Service-Route, with our full address as Contact for the NOTIFYs. */
    private void subscribe(PcscfBinding binding) {
        String callId = regEventCallId(random);
        SipRequest draft = registrar.regEventSubscribe(binding, callId, UUID.randomUUID().toString().substring(0, 8),
                SUBSCRIPTION_EXPIRES);
        Uri next = draft.routes().isEmpty() ? draft.requestUri() : draft.routes().get(0).uri();
        Optional<Endpoint> hop = next instanceof SipUri s ? node.nextHops().resolve(s) : Optional.empty();
        if (hop.isEmpty()) {
            log.info("P-CSCF cannot subscribe to reg {}: no route to {}", binding.publicIdentity(), next);
            return;
        }
        String contact = "<sip:" + node.address().getAddress().getHostAddress() + ":" + node.address().getPort() + ">";
        SipRequest subscribe = draft.toBuilder().set(HeaderNames.CONTACT, contact)
                .prepend(HeaderType.VIA, node.transactionLayer().newVia(hop.get().transport())).build();
        subscriptions.add(callId, binding.publicIdentity());
        long t0 = System.nanoTime();
        node.transactionLayer().sendRequest(subscribe, hop.get(), new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction client, SipResponse response) {
                if (response.isFinal()) {
                    log.info("{} SUBSCRIBE reg {}: {} {} ({} ms)", node.name(), binding.publicIdentity(),
                            response.statusCode(), response.reasonPhrase(), (System.nanoTime() - t0) / 1_000_000);
                    if (!response.isSuccess()) {
                        subscriptions.remove(callId);
                    }
                }
            }

            @Override
            public void onTimeout(ClientTransaction client, SipResponse timeout) {
                log.info("{} SUBSCRIBE reg {}: no answer", node.name(), binding.publicIdentity());
                subscriptions.remove(callId);
            }

            @Override
            public void onTransportError(ClientTransaction client, SipResponse unavailable, Throwable cause) {
                log.info("{} SUBSCRIBE reg {}: {}", node.name(), binding.publicIdentity(), cause.toString());
                subscriptions.remove(callId);
            }
        });
    }

    /** A NOTIFY for one of our subscriptions: terminated contacts lose their binding (TS 24.229 §5.2.3). */
    private void regEvent(SipNode sip, ServerTransaction transaction, SipRequest notify) {
        int removed = 0;
        if (!notify.bodyAsString().isBlank()) {
            try {
                removed = registrar.applyRegEvent(RegInfoXml.read(notify.bodyAsString()));
            } catch (RuntimeException e) {
                sip.respond(transaction, SipNode.answer(notify, 400, "Bad reginfo body"));
                return;
            }
        }
        boolean ended = notify.header(HeaderType.SUBSCRIPTION_STATE)
                .filter(s -> s.state().equalsIgnoreCase("terminated")).isPresent();
        if (ended) {
            subscriptions.remove(notify.callId());
        }
        log.debug("reg NOTIFY {}: {} binding(s) removed{}", notify.callId(), removed, ended ? ", subscription over" : "");
        sip.respond(transaction, SipNode.answer(notify, 200, "OK"));
    }
}
