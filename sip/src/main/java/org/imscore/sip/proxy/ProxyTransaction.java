package org.imscore.sip.proxy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.imscore.sip.message.SipRequest;
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
 * <p>Once the final response went upstream and every branch has ended, the request is finished: the context, the
 * server and client transactions and the timers are let go. An INVITE branch answered 2xx still passes further 2xx
 * (retransmissions, other forks downstream) here until Timer M (RFC 6026 §7.2); each goes upstream at once, as every
 * 2xx to an INVITE does (§16.7 step 5), through the outlet; anything else that comes is dropped, as the complete
 * context drops it. So what stays reachable for those 32 seconds is this object without its request, the outlet, and
 * what the outlet keeps.
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

        /**
         * Sends {@code response} upstream in the server transaction (§16.7 step 9). After {@link #completed}, only the
         * 2xx responses to an INVITE that still come (retransmitted, or from another fork) are sent this way.
         */
        void respond(SipResponse response);

        /**
         * The final response went upstream and every branch has ended: the request can be forgotten. From now on
         * {@link #respond} needs only what sends a 2xx in the server transaction while it is in Accepted
         * ({@link TransactionLayer#findAcceptedTransaction}); the outlet should let go of the rest (the request, the
         * branches' copies), which would otherwise stay reachable until Timer M.
         */
        void completed(ResponseContext context);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ProxyTransaction.class);

    private final ProxyCore core;
    private final TransactionLayer layer;
    private final ForkTimers timers;
    private final Outlet outlet;
    private final boolean invite;
    /** What the request needs while it is proxied; null once it is finished. Guarded by this. */
    private Running running;
    private boolean draining;

    /** The server transaction, the context, the branches' client transactions, the timers and the queued actions. */
    private static final class Running {
        final ServerTransaction server;
        final ResponseContext context;
        final Map<ResponseContext.Branch, ClientTransaction> clients = new HashMap<>();
        final List<TimerService.Timeout> scheduled = new ArrayList<>();
        final ArrayDeque<ProxyAction> queue = new ArrayDeque<>();

        Running(ServerTransaction server, ResponseContext context) {
            this.server = server;
            this.context = context;
        }
    }

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
        this.timers = Objects.requireNonNull(timers, "timers");
        this.outlet = Objects.requireNonNull(outlet, "outlet");
        this.running = new Running(Objects.requireNonNull(server, "server"),
                Objects.requireNonNull(context, "context"));
        this.invite = server.isInvite();
    }

    /** The server transaction of the request, until the request is finished. */
    public synchronized Optional<ServerTransaction> server() {
        return running == null ? Optional.empty() : Optional.of(running.server);
    }

    /** Starts the first tier of branches and, for an INVITE, the no-answer timer. */
    public synchronized void start() {
        Running r = running;
        if (r == null) {
            return;
        }
        if (invite) {
            timers.noAnswer().ifPresent(after -> schedule(r, after, ctx -> {
                LOG.debug("{} {}: no answer within {}", ctx.request().method(), ctx.request().requestUri(), after);
                return ctx.onNoAnswer(SipResponse.forRequest(ctx.request(), 480, "Temporarily Unavailable - No Answer")
                        .toTag(RequestValidator.newTag()).build());
            }));
        }
        run(ResponseContext::start);
    }

    /** §16.10: the sender cancelled; every pending branch is cancelled and their 487 becomes the answer. */
    public void cancel() {
        run(ResponseContext::cancel);
    }

    /** An input for the context; once the request is finished every input is dropped, as the context would drop it. */
    private synchronized void run(Function<ResponseContext, List<ProxyAction>> input) {
        Running r = running;
        if (r == null) {
            return;
        }
        r.queue.addAll(input.apply(r.context));
        if (draining) {
            return;
        }
        draining = true;
        try {
            ProxyAction action;
            while ((action = r.queue.poll()) != null) {
                perform(r, action);
            }
        } finally {
            draining = false;
        }
        if (r.context.isComplete()) {
            r.scheduled.forEach(TimerService.Timeout::cancel);
            // Every branch has ended, so none will be cancelled nor started: nothing of the request is needed any
            // more. An accepted INVITE branch keeps our listener until Timer M (RFC 6026 §7.2), and through it this
            // object, which must not hold the request, its responses and transactions all that time.
            running = null;
            outlet.completed(r.context);
        }
    }

    /**
     * A response on a branch, our Via off (§16.7 step 3). Once the request is finished, a 2xx to the INVITE goes
     * upstream at once without the context (§16.7 step 5: the context, complete, would forward it and do nothing
     * else), and anything else is dropped, as the complete context drops it.
     */
    private synchronized void branchResponse(int branch, SipResponse response) {
        if (running != null) {
            run(ctx -> ctx.onResponse(ctx.branch(branch), response));
        } else if (invite && response.isSuccess()) {
            outlet.respond(response);
        }
    }

    private void perform(Running r, ProxyAction action) {
        switch (action) {
            case ProxyAction.StartBranch s -> startBranch(r, s.branch());
            case ProxyAction.CancelBranch c -> {
                ClientTransaction client = r.clients.get(c.branch());
                if (client != null) {
                    layer.cancel(client, ClientTransactionListener.IGNORE);
                }
            }
            case ProxyAction.ForwardResponse f -> outlet.respond(f.response());
        }
    }

    private void startBranch(Running r, ResponseContext.Branch branch) {
        SipRequest request = r.context.request();
        ForwardedRequest out;
        try {
            out = outlet.forward(branch.target());
        } catch (UnreachableTargetException e) {
            LOG.info("{} {} to {}: unreachable: {}", request.method(), request.requestUri(), branch.target(),
                    e.getMessage());
            r.queue.addAll(r.context.onTransportError(branch));
            return;
        } catch (RuntimeException e) {
            // A defect or a header nobody could read: this branch fails, the others and the caller go on.
            LOG.warn("{} to {}: cannot forward: {}", request.method(), branch.target(), e.toString());
            r.queue.addAll(r.context.onTransportError(branch));
            return;
        }
        try {
            r.clients.put(branch, layer.sendRequest(out.request(), out.destination(),
                    new BranchListener(branch.index())));
        } catch (RuntimeException e) {
            LOG.info("{} to {} not sent: {}", request.method(), out.destination(), e.toString());
            r.queue.addAll(r.context.onTransportError(branch));
            return;
        }
        int index = branch.index();
        timers.branchTimeout().ifPresent(after -> schedule(r, after, ctx -> {
            LOG.debug("branch {} to {}: no final response within {}", index, ctx.branch(index).target(), after);
            return ctx.onBranchTimeout(ctx.branch(index));
        }));
    }

    /** Feeds {@code input} to the context after {@code after}, unless the request is finished by then. */
    private void schedule(Running r, Duration after, Function<ResponseContext, List<ProxyAction>> input) {
        r.scheduled.add(layer.timerService().schedule(after, () -> run(input)));
    }

    /**
     * The outcome of one branch's client transaction, our Via taken off responses (§16.7 step 3). It names its branch
     * by index: an accepted INVITE branch keeps this listener until Timer M, and the branch holds its final response.
     */
    private final class BranchListener implements ClientTransactionListener {

        private final int branch;

        BranchListener(int branch) {
            this.branch = branch;
        }

        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
            core.withoutOurVia(response).ifPresent(r -> branchResponse(branch, r));
        }

        @Override
        public void onTimeout(ClientTransaction transaction, SipResponse timeout) {
            run(ctx -> ctx.onTimeout(ctx.branch(branch)));
        }

        @Override
        public void onTransportError(ClientTransaction transaction, SipResponse unavailable, Throwable cause) {
            LOG.debug("branch {} transport error: {}", branch, String.valueOf(cause));
            run(ctx -> ctx.onTransportError(ctx.branch(branch)));
        }

        @Override
        public void onTimerC(ClientTransaction transaction) {
            run(ctx -> ctx.onTimerC(ctx.branch(branch)));
        }

        /** A 2xx after acceptance goes upstream as it came; the proxy never needs the branch's INVITE again. */
        @Override
        public boolean asksForAcceptedRequest() {
            return false;
        }
    }
}
