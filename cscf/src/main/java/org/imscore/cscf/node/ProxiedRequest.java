package org.imscore.cscf.node;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.ForkingMode;
import org.imscore.sip.proxy.ForwardedRequest;
import org.imscore.sip.proxy.ProxyAction;
import org.imscore.sip.proxy.ProxyCore;
import org.imscore.sip.proxy.ResponseContext;
import org.imscore.sip.proxy.Target;
import org.imscore.sip.proxy.UnreachableTargetException;
import org.imscore.sip.transaction.ClientTransaction;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ServerTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request a CSCF proxies statefully (RFC 3261 §16): its server transaction, the {@link ResponseContext} that
 * decides what goes upstream, and a client transaction per branch. Each branch is a {@link SipNode.Leg}: its own
 * copy of the request (the S-CSCF gives each registered contact its own Path as Route) and its target. Inputs
 * (responses, timeouts, CANCEL) are fed to the context under this object's lock and the actions it returns are
 * carried out; an input raised while carrying them out on the same thread is queued behind them.
 */
final class ProxiedRequest {

    private static final Logger log = LoggerFactory.getLogger(ProxiedRequest.class);

    private final SipNode node;
    private final ProxyCore core;
    private final ServerTransaction server;
    private final ResponseContext context;
    private final Map<Target, SipRequest> copies = new IdentityHashMap<>();
    private final Map<ResponseContext.Branch, ClientTransaction> clients = new HashMap<>();
    private final ArrayDeque<ProxyAction> queue = new ArrayDeque<>();
    private final Predicate<SipResponse> divert;
    private boolean draining;
    private boolean finished;
    private boolean provisionalSent;

    ProxiedRequest(SipNode node, ProxyCore core, ServerTransaction server, List<SipNode.Leg> legs,
                   Predicate<SipResponse> divert) {
        this.node = node;
        this.core = core;
        this.server = server;
        this.divert = divert;
        legs.forEach(l -> copies.put(l.target(), l.request()));
        // Parallel forking (TS 24.229 §5.4.3.3 lets the S-CSCF fork to every registered contact at once).
        this.context = new ResponseContext(server.request(), legs.stream().map(SipNode.Leg::target).toList(),
                ForkingMode.PARALLEL);
    }

    ServerTransaction server() {
        return server;
    }

    void start() {
        run(ResponseContext::start);
    }

    /** §16.10: the sender cancelled; every pending branch is cancelled and their 487 becomes the answer. */
    void cancel() {
        run(ResponseContext::cancel);
    }

    private synchronized void run(Function<ResponseContext, List<ProxyAction>> input) {
        queue.addAll(input.apply(context));
        if (draining) {
            return;
        }
        draining = true;
        try {
            ProxyAction action;
            while ((action = queue.poll()) != null) {
                perform(action);
            }
        } finally {
            draining = false;
        }
        if (!finished && context.isComplete()) {
            finished = true;
            node.completed(this);
        }
    }

    private void perform(ProxyAction action) {
        switch (action) {
            case ProxyAction.StartBranch s -> startBranch(s.branch());
            case ProxyAction.CancelBranch c -> {
                ClientTransaction client = clients.get(c.branch());
                if (client != null) {
                    node.transactionLayer().cancel(client, ClientTransactionListener.IGNORE);
                }
            }
            case ProxyAction.ForwardResponse f -> forwardResponse(f.response());
        }
    }

    /** Upstream, unless the role takes over a final answer that came before any provisional one. */
    private void forwardResponse(SipResponse response) {
        if (response.isFinal() && !provisionalSent && divert.test(response)) {
            return;
        }
        if (!response.isFinal() && response.statusCode() > 100) {
            provisionalSent = true;
        }
        node.respond(server, response);
    }

    private void startBranch(ResponseContext.Branch branch) {
        SipRequest copy = copies.get(branch.target());
        ForwardedRequest out;
        try {
            out = core.forward(server.request(), copy, branch.target(), server.local());
        } catch (UnreachableTargetException | RuntimeException e) {
            log.info("{} {} to {}: cannot forward: {}", node.name(), copy.method(), branch.target(), e.getMessage());
            queue.addAll(context.onTransportError(branch));
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("{} forwards to {}:\n{}", node.name(), out.destination(), out.request());
        }
        try {
            clients.put(branch, node.transactionLayer().sendRequest(out.request(), out.destination(),
                    new BranchListener(branch)));
        } catch (RuntimeException e) {
            log.info("{} {} to {} not sent: {}", node.name(), copy.method(), out.destination(), e.toString());
            queue.addAll(context.onTransportError(branch));
        }
    }

    /** The outcome of one branch's client transaction, our Via taken off its responses (§16.7 step 3). */
    private final class BranchListener implements ClientTransactionListener {

        private final ResponseContext.Branch branch;

        BranchListener(ResponseContext.Branch branch) {
            this.branch = branch;
        }

        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
            core.withoutOurVia(response).ifPresent(r -> run(ctx -> ctx.onResponse(branch, r)));
        }

        @Override
        public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
            run(ctx -> ctx.onTimeout(branch));
        }

        @Override
        public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
            run(ctx -> ctx.onTransportError(branch));
        }

        @Override
        public void onTimerC(ClientTransaction transaction) {
            run(ctx -> ctx.onTimerC(branch));
        }
    }
}
