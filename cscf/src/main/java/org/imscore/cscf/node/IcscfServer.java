package org.imscore.cscf.node;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.imscore.cscf.icscf.IcscfRegistrar;
import org.imscore.cscf.icscf.TerminatingRouter;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ServerTransaction;

/**
 * The I-CSCF on its sockets (TS 24.229 §5.3.1): a REGISTER is answered by UAR and sent on to the S-CSCF the HSS
 * names (its Server-Name, resolved through the node's host table); an initial request for a home user is answered by
 * LIR and sent on to the S-CSCF that serves the user ({@link TerminatingRouter}). The I-CSCF keeps no dialog state.
 */
public final class IcscfServer {

    private final IcscfRegistrar registrar;
    private final TerminatingRouter terminating;

    private IcscfServer(IcscfRegistrar registrar, TerminatingRouter terminating) {
        this.registrar = registrar;
        this.terminating = terminating;
    }

    public static IcscfServer serve(SipNode node, IcscfRegistrar registrar, TerminatingRouter terminating) {
        IcscfServer server = new IcscfServer(registrar, terminating);
        node.serve(server::onRequest);
        return server;
    }

    private void onRequest(SipNode node, ServerTransaction transaction) {
        SipRequest request = node.withoutOurRoutes(transaction.request(), transaction.local());
        if (!request.isMethod(SipRequest.REGISTER)) {
            route(node, transaction, request);
            return;
        }
        registrar.route(request).whenComplete((decision, error) -> {
            if (error != null) {
                node.respond(transaction, SipNode.answer(request, 500, "Server Internal Error"));
                return;
            }
            switch (decision) {
                case IcscfRegistrar.Decision.Reject r -> node.respond(transaction, withToTag(r.response()));
                // No Route is left: the Request-URI, the S-CSCF's name, decides the next hop.
                case IcscfRegistrar.Decision.Forward f -> node.forward(transaction, f.request(), Optional.empty(),
                        response -> response);
            }
        });
    }

    /**
     * An initial request for a home user (TS 24.229 §5.3.2.1): LIR, then on to the serving S-CSCF, staying off the
     * dialog's path (no Record-Route). A request with Route values left, or inside a dialog, just follows them.
     */
    private void route(SipNode node, ServerTransaction transaction, SipRequest request) {
        if (request.to().tag().isPresent() || !request.routes().isEmpty()) {
            node.proxy(transaction, request, Optional.empty(), false);
            return;
        }
        terminating.route(request).whenComplete((decision, error) -> {
            if (error != null) {
                node.respond(transaction, SipNode.answer(request, 500, "Server Internal Error"));
                return;
            }
            switch (decision) {
                case IcscfRegistrar.Decision.Reject r -> node.respond(transaction, withToTag(r.response()));
                case IcscfRegistrar.Decision.Forward f -> node.proxy(transaction, f.request(), Optional.empty(), false);
            }
        });
    }

    /**
     * The I-CSCF answers a refused request as its UAS, so a final answer carries a To tag (RFC 3261 §8.2.6.2); the
     * caller's ACK for it and any dialog state it keeps depend on that tag.
     */
    static SipResponse withToTag(SipResponse response) {
        if (response.statusCode() == 100 || response.to().tag().isPresent()) {
            return response;
        }
        return response.toBuilder().toTag(Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)).build();
    }
}
