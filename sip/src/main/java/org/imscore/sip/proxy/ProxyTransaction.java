package org.imscore.sip.proxy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.ClientTransaction;
import org.imscore.sip.transaction.ClientTransactionListener;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transaction.TimerService;
import org.imscore.sip.transaction.TransactionLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request proxied statefully (RFC 3261 §16): its server transaction, its {@link ResponseContext}, the client
 * transaction of each branch and the {@link ForkTimers}. The engine that owns it ({@link StatefulProxy}, or one that
 * makes a copy of its own per branch) says through an {@link Outlet} how a branch's copy is made, how a response goes
 * upstream and what happens when all is over. Inputs (responses, timeouts, CANCEL, the forking timers) are fed to
 * the context under this object's lock and the actions it returns are carried out; an input raised while carrying
 * them out on the same thread (a send that fails at once) is queued behind them.
 *
 * <pre>{@code
 * ProxyTransaction pt = new ProxyTransaction(core, layer, server,
 *         ResponseContext.inTiers(server.request(), List.of(List.of(desk), List.of(mobile))),
 *         ForkTimers.NONE.withBranchTimeout(Duration.ofSeconds(20)).withNoAnswer(Duration.ofSeconds(60)), outlet);
 * pt.start();          // later pt.cancel() when the caller's CANCEL comes (§16.10)
 * }</pre>
 */
public final class ProxyTransaction {

    /** What the owner of a proxied request decides; called under the transaction's lock, must not block. */
    public interface Outlet {

        /** §16.6 steps 1 to 9 for one branch: the copy of the request to send to {@code target}, and where. */
        ForwardedRequest forward(Target target) throws UnreachableTargetException;

        /** Sends {@code response} upstream in the server transaction (§16.7 step 9). */
        void respond(SipResponse response);

        /** The final response went upstream and every branch has ended: the request can be forgotten. */
        void completed(ResponseContext context);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProxyTransaction.class);

    private final ProxyCore core;
    private final TransactionLayer layer;
    private final ServerTransaction server;
    private final ResponseContext context;
    private final ForkTimers timers;
    private final Outlet outlet;
    private final Map<ResponseContext.Branch, ClientTransaction> clients = new HashMap<>();
    private final List<TimerService.Timeout> scheduled = new ArrayList<>();
    private final ArrayDeque<ProxyAction> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean finished;

    /**
     * @param core    our Via off each branch's responses (§16.7 step 3)
     * @param layer   where the branches' client transactions run, and the timers
     * @param server  the server transaction of the request
     * @param context the target set and response logic; not started yet
     * @param timers  branch and no-answer times
     * @param outlet  the owner's side
     */
    public ProxyTransaction(ProxyCore core, TransactionLayer layer, ServerTransaction server,
                            ResponseContext context, ForkTimers timers, Outlet outlet) {
        this.core = Objects.requireNonNull(core, "core");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.server = Objects.requireNonNull(server, "server");
        this.context = Objects.requireNonNull(context, "context");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.outlet = Objects.requireNonNull(outlet, "outlet");
    }

    public ServerTransaction server() {
        return server;
    }

    /** Starts the first tier of branches and, for an INVITE, the no-answer timer. */
    public synchronized void start() {
        if (server.isInvite()) {
            timers.noAnswer().ifPresent(after -> scheduled.add(layer.timerService().schedule(after, () -> {
                LOG.debug("{} {}: no answer within {}", server.request().method(), server.request().requestUri(),
                        after);
                run(ctx -> ctx.onNoAnswer(SipResponse.forRequest(server.request(), 480,
                        "Temporarily Unavailable - No Answer").toTag(RequestValidator.newTag()).build()));
            })));
        }
        run(ResponseContext::start);
    }

    /** §16.10: the sender cancelled; every pending branch is cancelled and their 487 becomes the answer. */
    public void cancel() {
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
            scheduled.forEach(TimerService.Timeout::cancel);
            scheduled.clear();
            // Every branch has ended, so none will be cancelled: the client transactions need not be held. An
            // accepted INVITE branch keeps our listener until Timer M (RFC 6026 §7.2) and with it this object;
            // without this the whole finished transaction would stay reachable through it.
            clients.clear();
            outlet.completed(context);
        }
    }

    private void perform(ProxyAction action) {
        switch (action) {
            case ProxyAction.StartBranch s -> startBranch(s.branch());
            case ProxyAction.CancelBranch c -> {
                ClientTransaction client = clients.get(c.branch());
                if (client != null) {
                    layer.cancel(client, ClientTransactionListener.IGNORE);
                }
            }
            case ProxyAction.ForwardResponse f -> outlet.respond(f.response());
        }
    }

    private void startBranch(ResponseContext.Branch branch) {
        ForwardedRequest out;
        try {
            out = outlet.forward(branch.target());
        } catch (UnreachableTargetException e) {
            LOG.info("{} {} to {}: unreachable: {}", server.request().method(), server.request().requestUri(),
                    branch.target(), e.getMessage());
            queue.addAll(context.onTransportError(branch));
            return;
        } catch (RuntimeException e) {
            // A defect or a header nobody could read: this branch fails, the others and the caller go on.
            LOG.warn("{} to {}: cannot forward: {}", server.request().method(), branch.target(), e.toString());
            queue.addAll(context.onTransportError(branch));
            return;
        }
        try {
            clients.put(branch, layer.sendRequest(out.request(), out.destination(), new BranchListener(branch)));
        } catch (RuntimeException e) {
            LOG.info("{} to {} not sent: {}", server.request().method(), out.destination(), e.toString());
            queue.addAll(context.onTransportError(branch));
            return;
        }
        timers.branchTimeout().ifPresent(after -> scheduled.add(layer.timerService().schedule(after, () -> {
            LOG.debug("branch {} to {}: no final response within {}", branch.index(), branch.target(), after);
            run(ctx -> ctx.onBranchTimeout(branch));
        })));
    }

    /** The outcome of one branch's client transaction, our Via taken off responses (§16.7 step 3). */
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
            LOG.debug("branch {} transport error: {}", branch, String.valueOf(cause));
            run(ctx -> ctx.onTransportError(branch));
        }

        @Override
        public void onTimerC(ClientTransaction transaction) {
            run(ctx -> ctx.onTimerC(branch));
        }
    }
}
