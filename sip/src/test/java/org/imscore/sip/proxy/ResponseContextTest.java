package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.proxy.ProxyAction.CancelBranch;
import org.imscore.sip.proxy.ProxyAction.ForwardResponse;
import org.imscore.sip.proxy.ProxyAction.StartBranch;
import org.imscore.sip.proxy.ResponseContext.Branch;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.7 (response processing), §16.8 (timeouts), §16.10 (CANCEL) on one response context. */
class ResponseContextTest {

    private static final SipRequest INVITE = Wire.invite("sip:bob@example.com");
    private static final SipRequest MESSAGE = Wire.request("""
            MESSAGE sip:bob@example.com SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKmsg
            Max-Forwards: 70
            From: <sip:alice@example.net>;tag=m1
            To: <sip:bob@example.com>
            Call-ID: msg-1
            CSeq: 1 MESSAGE
            Content-Length: 0

            """);
    private static final Target A = target("sip:bob@192.0.2.31", 1.0);
    private static final Target B = target("sip:bob@192.0.2.32", 0.5);
    private static final Target C = target("sip:bob@192.0.2.33", 0.1);

    private static Target target(String uri, double q) {
        return new Target(SipUri.parse(uri), q, Optional.of(Endpoint.udp("192.0.2.99", 5060)));
    }

    private static SipResponse answer(SipRequest req, int status, String... headers) {
        return Wire.answer(req, status, headers);
    }

    private static List<Branch> started(List<ProxyAction> actions) {
        return actions.stream().filter(StartBranch.class::isInstance).map(a -> ((StartBranch) a).branch()).toList();
    }

    private static List<Branch> cancelled(List<ProxyAction> actions) {
        return actions.stream().filter(CancelBranch.class::isInstance).map(a -> ((CancelBranch) a).branch()).toList();
    }

    private static List<Integer> forwarded(List<ProxyAction> actions) {
        return actions.stream().filter(ForwardResponse.class::isInstance)
                .map(a -> ((ForwardResponse) a).response().statusCode()).toList();
    }

    @Test
    void parallelForkingStartsEveryTargetAtOnce() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B, C), ForkingMode.PARALLEL);

        assertThat(started(ctx.start())).extracting(Branch::target).containsExactly(A, B, C);
    }

    @Test
    void provisionalResponsesButNot100AreForwardedAtOnce() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A), ForkingMode.PARALLEL);
        Branch a = started(ctx.start()).get(0);

        assertThat(forwarded(ctx.onResponse(a, answer(INVITE, 100)))).isEmpty();
        assertThat(forwarded(ctx.onResponse(a, answer(INVITE, 180)))).containsExactly(180);
        assertThat(forwarded(ctx.onResponse(a, answer(INVITE, 183)))).containsExactly(183);
    }

    @Test
    void a2xxIsForwardedAtOnceAndThePendingBranchesAreCancelled() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());
        ctx.onResponse(branches.get(1), answer(INVITE, 180));

        List<ProxyAction> actions = ctx.onResponse(branches.get(0), answer(INVITE, 200));

        assertThat(forwarded(actions)).containsExactly(200);
        assertThat(cancelled(actions)).containsExactly(branches.get(1));
        assertThat(ctx.isComplete()).isFalse();

        List<ProxyAction> after487 = ctx.onResponse(branches.get(1), answer(INVITE, 487));
        assertThat(forwarded(after487)).isEmpty();
        assertThat(ctx.isComplete()).isTrue();
        assertThat(ctx.finalResponse().map(SipResponse::statusCode)).contains(200);
    }

    @Test
    void every2xxToInviteIsForwarded() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());

        assertThat(forwarded(ctx.onResponse(branches.get(0), answer(INVITE, 200)))).containsExactly(200);
        assertThat(forwarded(ctx.onResponse(branches.get(1), answer(INVITE, 200)))).containsExactly(200);
        // A second 2xx on the same branch (downstream forking) goes up too.
        assertThat(forwarded(ctx.onResponse(branches.get(1), answer(INVITE, 200)))).containsExactly(200);
    }

    @Test
    void onlyTheFirstFinalResponseToANonInviteIsForwardedAndNothingIsCancelled() {
        ResponseContext ctx = new ResponseContext(MESSAGE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());

        List<ProxyAction> first = ctx.onResponse(branches.get(0), answer(MESSAGE, 202));
        assertThat(forwarded(first)).containsExactly(202);
        assertThat(cancelled(first)).isEmpty();
        assertThat(forwarded(ctx.onResponse(branches.get(1), answer(MESSAGE, 200)))).isEmpty();
        assertThat(ctx.isComplete()).isTrue();
    }

    @Test
    void cancelWaitsForAProvisionalResponseOnTheBranch() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());

        List<ProxyAction> on200 = ctx.onResponse(branches.get(0), answer(INVITE, 200));
        assertThat(cancelled(on200)).isEmpty();

        // §9.1: the CANCEL goes out once the branch has had a provisional response.
        List<ProxyAction> on100 = ctx.onResponse(branches.get(1), answer(INVITE, 100));
        assertThat(cancelled(on100)).containsExactly(branches.get(1));
        assertThat(forwarded(on100)).isEmpty();
    }

    @Test
    void the6xxWinsOverEverythingElseAndCancelsThePendingBranches() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B, C), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());
        ctx.onResponse(branches.get(2), answer(INVITE, 180));

        assertThat(forwarded(ctx.onResponse(branches.get(0), answer(INVITE, 404)))).isEmpty();
        List<ProxyAction> on603 = ctx.onResponse(branches.get(1), answer(INVITE, 603));
        assertThat(forwarded(on603)).isEmpty();
        assertThat(cancelled(on603)).containsExactly(branches.get(2));

        assertThat(forwarded(ctx.onResponse(branches.get(2), answer(INVITE, 487)))).containsExactly(603);
        assertThat(ctx.isComplete()).isTrue();
    }

    @Test
    void theLowestClassWinsWhenEveryBranchFailed() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B, C), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());

        ctx.onResponse(branches.get(0), answer(INVITE, 486));
        ctx.onResponse(branches.get(1), answer(INVITE, 302, "Contact: <sip:bob@192.0.2.50>"));
        List<ProxyAction> last = ctx.onResponse(branches.get(2), answer(INVITE, 500));

        assertThat(forwarded(last)).containsExactly(302);
    }

    @Test
    void among4xxAChallengeIsPreferred() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());

        ctx.onResponse(branches.get(0), answer(INVITE, 404));
        List<ProxyAction> last = ctx.onResponse(branches.get(1), answer(INVITE, 407,
                "Proxy-Authenticate: Digest realm=\"b.example.com\", nonce=\"2\""));

        assertThat(forwarded(last)).containsExactly(407);
    }

    @Test
    void challengesOfEvery401And407AreAggregated() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());

        ctx.onResponse(branches.get(0), answer(INVITE, 401,
                "WWW-Authenticate: Digest realm=\"a.example.com\", nonce=\"1\""));
        List<ProxyAction> last = ctx.onResponse(branches.get(1), answer(INVITE, 407,
                "Proxy-Authenticate: Digest realm=\"b.example.com\", nonce=\"2\""));

        SipResponse sent = ((ForwardResponse) last.get(0)).response();
        assertThat(sent.statusCode()).isEqualTo(401);
        assertThat(sent.headerFields("WWW-Authenticate")).hasSize(1);
        assertThat(sent.headerFields("Proxy-Authenticate")).hasSize(1);
        assertThat(sent.headerValue("Proxy-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("b.example.com"));
    }

    @Test
    void a503IsSentUpAs500() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A), ForkingMode.PARALLEL);
        Branch a = started(ctx.start()).get(0);

        SipResponse sent = ((ForwardResponse) ctx.onResponse(a, answer(INVITE, 503)).get(0)).response();

        assertThat(sent.statusCode()).isEqualTo(500);
    }

    @Test
    void aBranchThatNeverAnsweredEndsAs408() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A), ForkingMode.PARALLEL);
        Branch a = started(ctx.start()).get(0);

        List<ProxyAction> actions = ctx.onTimeout(a);

        SipResponse sent = ((ForwardResponse) actions.get(0)).response();
        assertThat(sent.statusCode()).isEqualTo(408);
        assertThat(sent.vias()).isEqualTo(INVITE.vias());
        assertThat(sent.to().tag()).isPresent();
        assertThat(ctx.isComplete()).isTrue();
    }

    @Test
    void aBranchThatCouldNotBeSentCountsAs503AndSoGoesUpAs500() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());

        ctx.onTransportError(branches.get(0));
        List<ProxyAction> last = ctx.onResponse(branches.get(1), answer(INVITE, 486));

        assertThat(forwarded(last)).containsExactly(486);
    }

    @Test
    void timerCCancelsABranchThatRangAndTimesOutOneThatDidNot() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());
        ctx.onResponse(branches.get(0), answer(INVITE, 180));

        assertThat(cancelled(ctx.onTimerC(branches.get(0)))).containsExactly(branches.get(0));
        assertThat(ctx.onTimerC(branches.get(1))).isEmpty();
        assertThat(branches.get(1).finalResponse().map(SipResponse::statusCode)).contains(408);
    }

    @Test
    void cancelOfTheRequestCancelsEveryBranchAnd487GoesUp() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());
        ctx.onResponse(branches.get(0), answer(INVITE, 180));
        ctx.onResponse(branches.get(1), answer(INVITE, 183));

        List<ProxyAction> actions = ctx.cancel();

        assertThat(cancelled(actions)).containsExactlyElementsOf(branches);
        assertThat(forwarded(ctx.onResponse(branches.get(0), answer(INVITE, 487)))).isEmpty();
        assertThat(forwarded(ctx.onResponse(branches.get(1), answer(INVITE, 487)))).containsExactly(487);
    }

    @Test
    void sequentialForkingTriesTheNextTargetAfterAFailure() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B, C), ForkingMode.SEQUENTIAL);
        List<Branch> first = started(ctx.start());
        assertThat(first).extracting(Branch::target).containsExactly(A);

        List<ProxyAction> after486 = ctx.onResponse(first.get(0), answer(INVITE, 486));
        assertThat(forwarded(after486)).isEmpty();
        assertThat(started(after486)).extracting(Branch::target).containsExactly(B);

        Branch b = started(after486).get(0);
        List<ProxyAction> after200 = ctx.onResponse(b, answer(INVITE, 200));
        assertThat(forwarded(after200)).containsExactly(200);
        assertThat(started(after200)).isEmpty();
        assertThat(ctx.isComplete()).isTrue();
    }

    @Test
    void sequentialForkingMovesOnWhenABranchRunsOutOfTime() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.SEQUENTIAL);
        Branch a = started(ctx.start()).get(0);
        ctx.onResponse(a, answer(INVITE, 180));

        List<ProxyAction> timeout = ctx.onBranchTimeout(a);

        assertThat(cancelled(timeout)).containsExactly(a);
        assertThat(started(timeout)).extracting(Branch::target).containsExactly(B);
    }

    @Test
    void sequentialForkingStopsAtA6xx() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.SEQUENTIAL);
        Branch a = started(ctx.start()).get(0);

        List<ProxyAction> actions = ctx.onResponse(a, answer(INVITE, 600));

        assertThat(started(actions)).isEmpty();
        assertThat(forwarded(actions)).containsExactly(600);
    }

    @Test
    void theTargetsOfATierStartTogetherOnceTheTierBeforeHasFailed() {
        ResponseContext ctx = ResponseContext.inTiers(INVITE, List.of(List.of(A), List.of(B, C)));
        Branch a = started(ctx.start()).get(0);

        List<ProxyAction> after486 = ctx.onResponse(a, answer(INVITE, 486));

        assertThat(started(after486)).extracting(Branch::target).containsExactly(B, C);
        assertThat(forwarded(after486)).isEmpty();
    }

    @Test
    void aTierIsLeftWhenEachOfItsBranchesHasRunOutOfTime() {
        ResponseContext ctx = ResponseContext.inTiers(INVITE, List.of(List.of(A, B), List.of(C)));
        List<Branch> first = started(ctx.start());
        first.forEach(b -> ctx.onResponse(b, answer(INVITE, 180)));

        List<ProxyAction> oneOut = ctx.onBranchTimeout(first.get(0));
        assertThat(cancelled(oneOut)).containsExactly(first.get(0));
        assertThat(started(oneOut)).as("the other branch of the tier still has time").isEmpty();

        List<ProxyAction> bothOut = ctx.onBranchTimeout(first.get(1));
        assertThat(cancelled(bothOut)).containsExactly(first.get(1));
        // Their 487s need not come first: the next tier starts at once.
        assertThat(started(bothOut)).extracting(Branch::target).containsExactly(C);
    }

    @Test
    void theLastTierIsNotCutShortByItsBranchTime() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.SEQUENTIAL);
        Branch a = started(ctx.start()).get(0);
        Branch b = started(ctx.onResponse(a, answer(INVITE, 486))).get(0);
        ctx.onResponse(b, answer(INVITE, 180));

        assertThat(ctx.onBranchTimeout(b)).isEmpty();
        assertThat(forwarded(ctx.onResponse(b, answer(INVITE, 480)))).containsExactly(486);
    }

    @Test
    void aBranchWeCancelledForItsTimeDoesNotMakeThe487TheAnswer() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.SEQUENTIAL);
        Branch a = started(ctx.start()).get(0);
        ctx.onResponse(a, answer(INVITE, 180));
        Branch b = started(ctx.onBranchTimeout(a)).get(0);
        ctx.onResponse(a, answer(INVITE, 487));

        assertThat(forwarded(ctx.onResponse(b, answer(INVITE, 486)))).containsExactly(486);
    }

    @Test
    void noAnswerInTimeCancelsThePendingBranchesAndSendsTheGivenAnswerOnce() {
        ResponseContext ctx = new ResponseContext(INVITE, List.of(A, B), ForkingMode.PARALLEL);
        List<Branch> branches = started(ctx.start());
        ctx.onResponse(branches.get(0), answer(INVITE, 180));
        SipResponse noAnswer = SipResponse.forRequest(INVITE, 480, "Temporarily Unavailable - No Answer")
                .toTag("t").build();

        List<ProxyAction> actions = ctx.onNoAnswer(noAnswer);

        assertThat(forwarded(actions)).containsExactly(480);
        // The branch that rang is cancelled now, the silent one as soon as it rings (§9.1).
        assertThat(cancelled(actions)).containsExactly(branches.get(0));
        assertThat(cancelled(ctx.onResponse(branches.get(1), answer(INVITE, 183)))).containsExactly(branches.get(1));
        assertThat(ctx.onNoAnswer(noAnswer)).isEmpty();
        assertThat(forwarded(ctx.onResponse(branches.get(0), answer(INVITE, 487)))).isEmpty();
        assertThat(forwarded(ctx.onResponse(branches.get(1), answer(INVITE, 487)))).isEmpty();
        assertThat(ctx.isComplete()).isTrue();
        assertThat(ctx.finalResponse()).containsSame(noAnswer);
    }

    @Test
    void targetsAreOrderedByQValue() {
        TargetDecision.Forward f = new TargetDecision.Forward(List.of(C, A, B));

        assertThat(f.targets()).containsExactly(A, B, C);
    }
}
