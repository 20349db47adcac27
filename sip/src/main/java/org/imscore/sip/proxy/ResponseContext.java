package org.imscore.sip.proxy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/**
 * The response context of a stateful proxy (RFC 3261 §16.7) for one server transaction: its branches, the
 * responses they got, and what is forwarded upstream. Plain logic, no I/O: every input returns the
 * {@link ProxyAction}s the engine must carry out (start a branch, cancel one, forward a response).
 *
 * <ul>
 *   <li>Provisional responses other than 100 are forwarded at once (§16.7 step 5).</li>
 *   <li>A 2xx is forwarded at once; for INVITE every 2xx is (each is a dialog), for other methods only the
 *       first final response is. After a 2xx no new branch starts and, for INVITE, the pending ones are
 *       cancelled (step 10).</li>
 *   <li>A 6xx is held, the pending INVITE branches are cancelled and no new branch starts; when every branch
 *       has ended the 6xx is sent (step 6).</li>
 *   <li>Otherwise the best final response ({@link BestResponse}) is sent when every branch has ended and no
 *       target is left; a branch that timed out counts as 408 (§16.8), one that could not be sent as 503
 *       (§16.9).</li>
 *   <li>A CANCEL of the request cancels every pending branch and starts no new one (§16.10); the branches'
 *       487 then become the answer.</li>
 *   <li>Targets are tried in tiers (§16.6: by decreasing q-value, those of equal q-value possibly at once): the
 *       branches of a tier start together, the next tier when each branch of the last one has ended without a 2xx
 *       or 6xx or run out of its time ({@link #onBranchTimeout}). Parallel forking is one tier of every target,
 *       sequential forking one tier per target.</li>
 *   <li>When the caller has waited long enough ({@link #onNoAnswer}), the pending branches are cancelled and the
 *       caller gets the answer given.</li>
 *   <li>CANCEL is sent only on a branch that has had a provisional response (§9.1); one asked for earlier goes
 *       out when the first provisional arrives.</li>
 * </ul>
 *
 * <p>Not thread-safe: the engine calls it for one transaction at a time (under the context's lock).
 */
public final class ResponseContext {

    /** One forwarding of the request: a target and the state of its client transaction. */
    public static final class Branch {
        private final int index;
        private final Target target;
        private boolean provisional;
        private SipResponse finalResponse;
        private boolean cancelWanted;
        private boolean cancelSent;
        private boolean outOfTime;

        private Branch(int index, Target target) {
            this.index = index;
            this.target = target;
        }

        /** 0 for the first branch started, then 1, 2, ... */
        public int index() {
            return index;
        }

        public Target target() {
            return target;
        }

        /** Whether a final response (received or stood in for by 408/503) has ended this branch. */
        public boolean isDone() {
            return finalResponse != null;
        }

        public Optional<SipResponse> finalResponse() {
            return Optional.ofNullable(finalResponse);
        }

        @Override
        public String toString() {
            return "branch " + index + " to " + target + (isDone() ? " done " + finalResponse.statusCode() : "");
        }
    }

    private final SipRequest request;
    private final boolean invite;
    /** The tiers not started yet, in the order to try them. */
    private final Deque<List<Target>> waiting;
    private final List<Branch> branches = new ArrayList<>();
    private final List<SipResponse> finals = new ArrayList<>();
    private boolean noNewBranches;
    private boolean finalSent;
    private SipResponse sentFinal;

    /**
     * @param request the request as the server transaction received it (its Vias address our own answers)
     * @param targets the target set, in the order to try them
     * @param mode parallel or sequential forking
     */
    public ResponseContext(SipRequest request, List<Target> targets, ForkingMode mode) {
        this(request, Objects.requireNonNull(mode) == ForkingMode.PARALLEL ? List.of(targets)
                : targets.stream().map(List::of).toList());
    }

    private ResponseContext(SipRequest request, List<List<Target>> tiers) {
        this.request = Objects.requireNonNull(request);
        this.invite = request.isMethod(SipRequest.INVITE);
        this.waiting = new ArrayDeque<>();
        for (List<Target> tier : tiers) {
            if (!tier.isEmpty()) {
                waiting.add(List.copyOf(tier));
            }
        }
    }

    /**
     * A context that tries {@code tiers} one after the other, the targets of each in parallel: e.g. the targets
     * grouped by q-value, highest first (§16.6 step 1 and RFC 3841 §9.1 "sequential" with equal q-values together).
     */
    public static ResponseContext inTiers(SipRequest request, List<List<Target>> tiers) {
        return new ResponseContext(request, tiers);
    }

    public SipRequest request() {
        return request;
    }

    public List<Branch> branches() {
        return List.copyOf(branches);
    }

    /** The branch with this {@link Branch#index() index}. */
    public Branch branch(int index) {
        return branches.get(index);
    }

    /** How many branches were started ({@code branches().size()} without the copy). */
    public int branchCount() {
        return branches.size();
    }

    /** The first branches to start: every target when forking in parallel, the first one otherwise. */
    public List<ProxyAction> start() {
        List<ProxyAction> actions = new ArrayList<>();
        startNext(actions);
        completeIfDone(actions);
        return actions;
    }

    /** A response on a branch, our Via already removed (§16.7 step 3). */
    public List<ProxyAction> onResponse(Branch branch, SipResponse response) {
        List<ProxyAction> actions = new ArrayList<>();
        if (response.isProvisional()) {
            onProvisional(branch, response, actions);
        } else if (response.isSuccess()) {
            onSuccess(branch, response, actions);
        } else {
            if (!branch.isDone()) {
                branch.finalResponse = response;
                finals.add(response);
                if (response.statusCode() >= 600) {
                    stopForking(actions);
                }
            }
            startNext(actions);
            completeIfDone(actions);
        }
        return actions;
    }

    /** The branch's client transaction timed out (Timer B/F): it ends as if a 408 came (§16.8). */
    public List<ProxyAction> onTimeout(Branch branch) {
        return onResponse(branch, standIn(408));
    }

    /** The branch could not be sent, or its transport failed: it ends as if a 503 came (§16.9). */
    public List<ProxyAction> onTransportError(Branch branch) {
        return onResponse(branch, standIn(503));
    }

    /**
     * Timer C fired on an INVITE branch (§16.8): cancel it when it has had a provisional response, else end
     * it as a 408.
     */
    public List<ProxyAction> onTimerC(Branch branch) {
        if (branch.isDone()) {
            return List.of();
        }
        if (!branch.provisional) {
            return onTimeout(branch);
        }
        List<ProxyAction> actions = new ArrayList<>();
        requestCancel(branch, actions);
        return actions;
    }

    /**
     * The per-branch time of sequential forking ran out: when a tier is left to try, this branch is cancelled (its
     * final answer still counts; a non-INVITE branch just stops holding the next tier back) and, once every branch
     * of its tier has ended or run out of time, the next tier starts. A branch of the last tier goes on: there is
     * nobody else to try, and the caller, Timer C or a no-answer time ends it.
     */
    public List<ProxyAction> onBranchTimeout(Branch branch) {
        List<ProxyAction> actions = new ArrayList<>();
        if (branch.isDone() || branch.outOfTime || noNewBranches || waiting.isEmpty()) {
            return actions;
        }
        branch.outOfTime = true;
        if (invite) {
            requestCancel(branch, actions);
        }
        startNext(actions);
        return actions;
    }

    /**
     * Nobody answered in time (the no-answer time of a proxy that rings a callee's contacts for the caller): no new
     * branch starts, the pending INVITE branches are cancelled and {@code answer} goes upstream now, unless a final
     * response already did. A 2xx that crosses the CANCEL is still offered upstream, as every
     * 2xx to INVITE is; the server transaction, already completed, then drops it.
     */
    public List<ProxyAction> onNoAnswer(SipResponse answer) {
        List<ProxyAction> actions = new ArrayList<>();
        if (finalSent) {
            return actions;
        }
        stopForking(actions);
        finalSent = true;
        sentFinal = answer;
        actions.add(new ProxyAction.ForwardResponse(answer));
        return actions;
    }

    /** The request was cancelled by its sender (§16.10). */
    public List<ProxyAction> cancel() {
        List<ProxyAction> actions = new ArrayList<>();
        stopForking(actions);
        completeIfDone(actions);
        return actions;
    }

    /** Whether the final response went upstream and every branch has ended: the context can go. */
    public boolean isComplete() {
        return finalSent && allDone(false);
    }

    /** The final response sent upstream (for INVITE, the first 2xx when several were), if any. */
    public Optional<SipResponse> finalResponse() {
        return Optional.ofNullable(sentFinal);
    }

    private void onProvisional(Branch branch, SipResponse response, List<ProxyAction> actions) {
        if (branch.isDone()) {
            return;
        }
        branch.provisional = true;
        if (branch.cancelWanted && !branch.cancelSent) {
            branch.cancelSent = true;
            actions.add(new ProxyAction.CancelBranch(branch));
        }
        if (response.statusCode() != 100 && !finalSent) {
            actions.add(new ProxyAction.ForwardResponse(response));
        }
    }

    private void onSuccess(Branch branch, SipResponse response, List<ProxyAction> actions) {
        if (!branch.isDone()) {
            branch.finalResponse = response;
            finals.add(response);
        }
        if (invite || !finalSent) {
            // Every 2xx to INVITE goes up, also a second one from downstream forking on an ended branch.
            actions.add(new ProxyAction.ForwardResponse(response));
            if (!finalSent) {
                finalSent = true;
                sentFinal = response;
            }
        }
        stopForking(actions);
    }

    /** No more branches; cancel those of an INVITE that are still going (non-INVITE is never cancelled). */
    private void stopForking(List<ProxyAction> actions) {
        noNewBranches = true;
        waiting.clear();
        if (invite) {
            for (Branch b : branches) {
                if (!b.isDone()) {
                    requestCancel(b, actions);
                }
            }
        }
    }

    private void requestCancel(Branch branch, List<ProxyAction> actions) {
        if (branch.cancelWanted) {
            return;
        }
        branch.cancelWanted = true;
        if (branch.provisional) {
            branch.cancelSent = true;
            actions.add(new ProxyAction.CancelBranch(branch));
        }
    }

    /** The next tier, once every branch started so far has ended or run out of time. */
    private void startNext(List<ProxyAction> actions) {
        if (noNewBranches || waiting.isEmpty() || !allDone(true)) {
            return;
        }
        for (Target target : waiting.poll()) {
            startBranch(target, actions);
        }
    }

    private void startBranch(Target target, List<ProxyAction> actions) {
        Branch b = new Branch(branches.size(), target);
        branches.add(b);
        actions.add(new ProxyAction.StartBranch(b));
    }

    /** §16.7 step 5 and 6: everything has ended and nothing went up yet, so the best response does. */
    private void completeIfDone(List<ProxyAction> actions) {
        if (finalSent || (!waiting.isEmpty() && !noNewBranches) || !allDone(false)) {
            return;
        }
        SipResponse best = BestResponse.choose(request, finals);
        finalSent = true;
        sentFinal = best;
        actions.add(new ProxyAction.ForwardResponse(best));
    }

    /**
     * Whether every branch has ended ({@code orOutOfTime}: or run out of its sequential time). Asked after every
     * response of every proxied request, so a plain loop rather than a stream.
     */
    private boolean allDone(boolean orOutOfTime) {
        for (int i = 0, n = branches.size(); i < n; i++) {
            Branch b = branches.get(i);
            if (!b.isDone() && !(orOutOfTime && b.outOfTime)) {
                return false;
            }
        }
        return true;
    }

    /** A response standing in for one a branch never got (408, 503), built for the request as received. */
    private SipResponse standIn(int status) {
        return SipResponse.forRequest(request, status).toTag(RequestValidator.newTag()).build();
    }
}
