package org.imscore.cscf.node;

import java.util.Optional;
import org.imscore.cscf.icscf.IcscfRegistrar;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transaction.ServerTransaction;

/**
 * The I-CSCF on its sockets (TS 24.229 §5.3.1): a REGISTER is answered by UAR and sent on to the S-CSCF the HSS
 * names (its Server-Name, resolved through the node's host table); the I-CSCF keeps no state. Terminating session
 * routing (LIR) is not served yet: other requests get 501.
 */
public final class IcscfServer {

    private final IcscfRegistrar registrar;

    private IcscfServer(IcscfRegistrar registrar) {
        this.registrar = registrar;
    }

    public static IcscfServer serve(SipNode node, IcscfRegistrar registrar) {
        IcscfServer server = new IcscfServer(registrar);
        node.serve(server::onRequest);
        return server;
    }

    private void onRequest(SipNode node, ServerTransaction transaction) {
        SipRequest request = node.withoutOurRoutes(transaction.request(), transaction.local());
        if (!request.isMethod(SipRequest.REGISTER)) {
            node.respond(transaction, SipNode.answer(request, 501, "Not Implemented - no terminating routing yet"));
            return;
        }
        registrar.route(request).whenComplete((decision, error) -> {
            if (error != null) {
                node.respond(transaction, SipNode.answer(request, 500, "Server Internal Error"));
                return;
            }
            switch (decision) {
                case IcscfRegistrar.Decision.Reject r -> node.respond(transaction, r.response());
                // No Route is left: the Request-URI, the S-CSCF's name, decides the next hop.
                case IcscfRegistrar.Decision.Forward f -> node.forward(transaction, f.request(), Optional.empty(),
                        response -> response);
            }
        });
    }
}
