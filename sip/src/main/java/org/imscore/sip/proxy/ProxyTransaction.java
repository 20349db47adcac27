package org.imscore.sip.proxy;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ClientTransaction;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transaction.TimerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request of a {@link StatefulProxy}: its server transaction, its response context and the client
 * transaction of each branch. Inputs (responses, timeouts, CANCEL) go through {@link #run}, which feeds the
 * context under this object's lock and carries out the actions it returns; an input that arrives while actions
 * are being carried out on the same thread (a send that fails at once) is queued behind them.
 */
final class ProxyTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(StatefulProxy.class);

    private final StatefulProxy proxy;
    private final ServerTransaction server;
    private final SipRequest routed;
    private final ResponseContext context;
    private final long startNanos = System.nanoTime();
    private final Map<ResponseContext.Branch, ClientTransaction> clients = new HashMap<>();
    private final Map<ResponseContext.Branch, TimerService.Timeout> branchTimers = new HashMap<>();
    private final ArrayDeque<ProxyAction> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean finished;

    /**
     * @param routed the request after route preprocessing, from which every branch's copy is made
     */
    ProxyTransaction(StatefulProxy proxy, ServerTransaction server, SipRequest routed, ResponseContext context) {
        this.proxy = proxy;
        this.server = server;
        this.routed = routed;
        this.context = context;
    }

    ServerTransaction server() {
        return server;
    }

    /** Feeds one input to the context and carries out what it returns. */
    synchronized void run(Function<ResponseContext, List<ProxyAction>> input) {
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
            branchTimers.values().forEach(TimerService.Timeout::cancel);
            proxy.completed(this);
            logDone(server.request(), context.finalResponse().map(SipResponse::statusCode).orElse(0),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), context.branches().size());
        }
    }

    private void perform(ProxyAction action) {
        switch (action) {
            case ProxyAction.StartBranch s -> start(s.branch());
            case ProxyAction.CancelBranch c -> cancel(c.branch());
            case ProxyAction.ForwardResponse f ->
                    server.sendResponse(proxy.hooks().beforeResponse(server.request(), f.response()));
        }
    }

    private void start(ResponseContext.Branch branch) {
        ForwardedRequest out;
        try {
            out = proxy.core().forward(server.request(), routed, branch.target(), server.local());
            out = new ForwardedRequest(proxy.hooks().beforeForward(server.request(), out.request(), branch.target()),
                    out.destination());
        } catch (UnreachableTargetException e) {
            LOG.debug("{} to {}: {}", server.request().method(), branch.target(), e.getMessage());
            queue.addAll(context.onTransportError(branch));
            return;
        } catch (RuntimeException e) {
            // A defect or a header nobody could read: this branch fails, the others and the caller go on.
            LOG.warn("{} to {}: cannot forward: {}", server.request().method(), branch.target(), e.toString());
            queue.addAll(context.onTransportError(branch));
            return;
        }
        try {
            clients.put(branch, proxy.layer().sendRequest(out.request(), out.destination(), new BranchListener(branch)));
        } catch (RuntimeException e) {
            LOG.debug("{} to {} not sent: {}", server.request().method(), out.destination(), e.toString());
            queue.addAll(context.onTransportError(branch));
            return;
        }
        if (proxy.config().forking() == ForkingMode.SEQUENTIAL) {
            branchTimers.put(branch, proxy.timers().schedule(proxy.config().sequentialBranchTimeout(),
                    () -> run(ctx -> ctx.onBranchTimeout(branch))));
        }
    }

    private void cancel(ResponseContext.Branch branch) {
        ClientTransaction client = clients.get(branch);
        if (client == null) {
            return;
        }
        try {
            proxy.layer().sendRequest(client.createCancel(), client.destination(), ClientTransactionListener.IGNORE);
        } catch (RuntimeException e) {
            LOG.debug("CANCEL to {} not sent: {}", client.destination(), e.toString());
        }
    }

    /** The outcome of one branch's client transaction, our Via taken off responses (§16.7 step 3). */
    private final class BranchListener implements ClientTransactionListener {

        private final ResponseContext.Branch branch;

        BranchListener(ResponseContext.Branch branch) {
            this.branch = branch;
        }

        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
            proxy.core().withoutOurVia(response).ifPresent(r -> run(ctx -> ctx.onResponse(branch, r)));
        }

        @Override
        public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
            run(ctx -> ctx.onTimeout(branch));
        }

        @Override
        public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
            LOG.debug("branch {} transport error: {}", branch, String.valueOf(cause));
            run(ctx -> ctx.onTransportError(branch));
        }

        @Override
        public void onTimerC(ClientTransaction transaction) {
            run(ctx -> ctx.onTimerC(branch));
        }
    }


    /** The one INFO line per transaction: what, from whom to whom, how it ended, how long it took. */
    static void logDone(SipRequest request, int status, long millis, int branches) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} from {} to {}: {} in {} ms, {} branch(es)", request.method(), request.requestUri(),
                    request.from().uri(), request.to().uri(), status, millis, branches);
        }
    }
}
