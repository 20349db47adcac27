package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transaction.FakeTransport;
import org.imscore.sip.transaction.ManualTimerService;
import org.imscore.sip.transaction.ServerTransaction;
import org.imscore.sip.transaction.TransactionConfig;
import org.imscore.sip.transaction.TransactionLayer;
import org.imscore.sip.transaction.TransactionUser;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.InboundMessage;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

/**
 * The forking timers of one proxied request on the simulated clock: tiers tried one after the other when a tier's
 * branch time runs out (RFC 3261 §16.6, equal q-values at once), and the no-answer time that cancels what still
 * rings and answers the caller 480.
 */
class ProxyTransactionTest {

    private static final Duration BRANCH = Duration.ofSeconds(5);
    private static final Duration NO_ANSWER = Duration.ofSeconds(12);
    private static final Endpoint CALLER = Endpoint.udp("192.0.2.1", 5060);
    private static final Target DESK = target("sip:bob@192.0.2.31", 1.0);
    private static final Target LAPTOP = target("sip:bob@192.0.2.32", 0.5);
    private static final Target MOBILE = target("sip:bob@192.0.2.33", 0.5);

    private final ManualTimerService clock = new ManualTimerService();
    private final FakeTransport transport = new FakeTransport(clock);
    private final ProxyCore core = new ProxyCore(new LocalAddresses(List.of(FakeTransport.UDP, FakeTransport.TCP),
            Set.of("example.com")), r -> new TargetDecision.Reject(404, "Not Found"), new NumericNextHops(
            new LocalAddresses(List.of(FakeTransport.UDP), Set.of())), false, Set.of());
    private final List<ProxyTransaction> proxied = new ArrayList<>();
    private final List<ResponseContext> completed = new ArrayList<>();
    private ForkTimers timers = ForkTimers.NONE;
    private List<List<Target>> tiers = List.of();
    private final TransactionLayer layer = new TransactionLayer(transport, clock, TransactionConfig.PROXY,
            new TransactionUser() {
                @Override
                public void onRequest(ServerTransaction server) {
                    ProxyTransaction pt = new ProxyTransaction(core, layerRef(), server,
                            ResponseContext.inTiers(server.request(), tiers), timers, outlet(server));
                    proxied.add(pt);
                    pt.start();
                }

                @Override
                public void onCancel(ServerTransaction cancel, Optional<ServerTransaction> invite) {
                    cancel.sendResponse(SipResponse.forRequest(cancel.request(), 200).build());
                    proxied.stream().filter(p -> invite.isPresent() && p.server().equals(invite)).findFirst()
                            .ifPresent(ProxyTransaction::cancel);
                }

                @Override
                public void onAck(SipRequest ack, InboundMessage inbound) {
                }
            });

    private static Target target(String uri, double q) {
        SipUri u = SipUri.parse(uri);
        return new Target(u, q, Optional.of(Endpoint.udp(u.host(), 5060)));
    }

    private TransactionLayer layerRef() {
        return layer;
    }

    private ProxyTransaction.Outlet outlet(ServerTransaction server) {
        return new ProxyTransaction.Outlet() {
            @Override
            public ForwardedRequest forward(Target target) throws UnreachableTargetException {
                return core.forward(server.request(), server.request(), target, server.local());
            }

            @Override
            public void respond(SipResponse response) {
                server.sendResponse(response);
            }

            @Override
            public void completed(ResponseContext context) {
                completed.add(context);
            }
        };
    }

    private void receive(SipRequest request) {
        layer.onMessage(new InboundMessage(request, CALLER, FakeTransport.UDP));
    }

    /** A response from the callee to the last request sent to {@code target}. */
    private void answer(Target target, int status) {
        SipRequest sent = sentTo(target, "INVITE").get(0);
        layer.onMessage(new InboundMessage(Wire.answer(sent, status), target.destination().orElseThrow(),
                FakeTransport.UDP));
    }

    private List<SipRequest> sentTo(Target target, String method) {
        return transport.requests.stream()
                .filter(s -> s.destination().equals(target.destination().orElseThrow()))
                .map(FakeTransport.SentRequest::request).filter(r -> r.isMethod(method)).toList();
    }

    private List<Integer> upstream() {
        return transport.sentStatusCodes();
    }

    @Test
    void theNextTierStartsWhenTheBranchTimeRunsOutAndEqualQValuesRingTogether() {
        tiers = List.of(List.of(DESK), List.of(LAPTOP, MOBILE));
        timers = ForkTimers.NONE.withBranchTimeout(BRANCH);
        receive(Wire.invite("sip:bob@example.com"));
        answer(DESK, 180);

        clock.advance(BRANCH.minusMillis(1));
        assertThat(sentTo(LAPTOP, "INVITE")).as("not before the desk's time is up").isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(sentTo(DESK, "CANCEL")).hasSize(1);
        assertThat(sentTo(LAPTOP, "INVITE")).hasSize(1);
        assertThat(sentTo(MOBILE, "INVITE")).hasSize(1);

        answer(DESK, 487);
        answer(LAPTOP, 180);
        answer(MOBILE, 200);
        assertThat(upstream()).containsSubsequence(180, 200);
        assertThat(sentTo(LAPTOP, "CANCEL")).as("the first 2xx cancels the rest (§16.7 step 10)").hasSize(1);
        clock.advance(BRANCH);
        assertThat(sentTo(MOBILE, "CANCEL")).isEmpty();
    }

    @Test
    void aTierThatFailsBeforeItsTimeHandsOverAtOnceAndTheLastTierIsNotCutShort() {
        tiers = List.of(List.of(DESK), List.of(MOBILE));
        timers = ForkTimers.NONE.withBranchTimeout(BRANCH);
        receive(Wire.invite("sip:bob@example.com"));

        answer(DESK, 486);
        assertThat(sentTo(MOBILE, "INVITE")).hasSize(1);
        answer(MOBILE, 180);
        clock.advance(BRANCH.multipliedBy(3));

        assertThat(sentTo(MOBILE, "CANCEL")).as("nobody else to try: the last contact keeps ringing").isEmpty();
        answer(MOBILE, 486);
        assertThat(upstream()).last().isEqualTo(486);
        assertThat(completed).hasSize(1);
    }

    @Test
    void noAnswerWithinItsTimeCancelsWhatRingsAndAnswersTheCaller480() {
        tiers = List.of(List.of(DESK), List.of(MOBILE));
        timers = ForkTimers.NONE.withBranchTimeout(BRANCH).withNoAnswer(NO_ANSWER);
        receive(Wire.invite("sip:bob@example.com"));
        answer(DESK, 180);
        clock.advance(BRANCH);
        answer(DESK, 487);
        answer(MOBILE, 180);

        clock.advance(NO_ANSWER.minus(BRANCH).minusMillis(1));
        assertThat(upstream()).doesNotContain(480);

        clock.advance(Duration.ofMillis(1));
        assertThat(sentTo(MOBILE, "CANCEL")).hasSize(1);
        assertThat(transport.responses).last().satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(480);
            assertThat(r.reasonPhrase()).isEqualTo("Temporarily Unavailable - No Answer");
        });
        answer(MOBILE, 487);
        assertThat(upstream()).filteredOn(s -> s >= 200).containsExactly(480);
        assertThat(completed).hasSize(1);
    }

    @Test
    void aCallerWhoCancelsFirstGets487AndTheNoAnswerTimeDoesNothingMore() {
        tiers = List.of(List.of(DESK));
        timers = ForkTimers.NONE.withNoAnswer(NO_ANSWER);
        SipRequest invite = Wire.invite("sip:bob@example.com");
        receive(invite);
        answer(DESK, 180);

        receive(Wire.request("""
                CANCEL sip:bob@example.com SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKalice1
                Max-Forwards: 70
                From: Alice <sip:alice@example.net>;tag=a1
                To: Bob <sip:bob@example.com>
                Call-ID: call-1@192.0.2.1
                CSeq: 1 CANCEL
                Content-Length: 0

                """));
        answer(DESK, 487);
        clock.advance(NO_ANSWER);

        assertThat(sentTo(DESK, "CANCEL")).extracting(r -> r.topVia().branch()).as("one CANCEL, retransmitted")
                .containsOnly(sentTo(DESK, "INVITE").get(0).topVia().branch());
        // The CANCEL's 200, then the INVITE's 487 (retransmitted until the caller's ACK): no 480 after it.
        assertThat(upstream()).filteredOn(s -> s >= 200).containsOnly(200, 487).startsWith(200, 487);
        assertThat(completed).hasSize(1);
    }

    @Test
    void aNonInviteHasNoNoAnswerTime() {
        tiers = List.of(List.of(DESK));
        timers = ForkTimers.NONE.withNoAnswer(Duration.ofMillis(100));
        receive(Wire.request("""
                MESSAGE sip:bob@example.com SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKmsg1
                Max-Forwards: 70
                From: <sip:alice@example.net>;tag=m1
                To: <sip:bob@example.com>
                Call-ID: msg-1@192.0.2.1
                CSeq: 1 MESSAGE
                Content-Length: 0

                """));

        clock.advance(Duration.ofSeconds(1));

        assertThat(upstream()).isEmpty();
        assertThat(sentTo(DESK, "MESSAGE")).isNotEmpty();
    }
}
