package org.imscore.cscf.scscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imscore.cscf.MutableClock;
import org.imscore.cscf.TestMessages;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.proxy.ForkTimers;
import org.imscore.sip.proxy.ForkingMode;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

/**
 * How the terminating S-CSCF forks to a callee's contacts (RFC 3261 §16.6, RFC 3841 §9.1): the tiers and timers
 * {@link SessionRouter#terminating} decides from the contacts' q-values, the configured mode and the caller's
 * Request-Disposition.
 */
class SessionRouterForkingTest {

    private static final String DOMAIN = "ims.example.org";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration BRANCH = Duration.ofSeconds(7);
    private static final Duration NO_ANSWER = Duration.ofSeconds(45);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBindingStore bindings = new InMemoryBindingStore();

    private SessionRouter router(ForkingMode mode) {
        return new SessionRouter(new SessionRouter.Config(DOMAIN, NameAddress.parse("<sip:127.0.0.1:4060;lr>"),
                "sip:scscf." + DOMAIN + ":6060", new ForkingConfig(mode, BRANCH, NO_ANSWER)), bindings, clock);
    }

    /** bob with one contact per entry, each a Contact value as registered (q-value as a header parameter). */
    private void registerBob(String... contacts) {
        String bob = "sip:bob@" + DOMAIN;
        UserProfile profile = new UserProfile("bob@" + DOMAIN, List.of(new UserProfile.ServiceProfile(
                List.of(new UserProfile.PublicIdentity(bob, false, 0, Optional.empty())))));
        List<ContactBinding> bound = new ArrayList<>();
        for (int i = 0; i < contacts.length; i++) {
            bound.add(new ContactBinding(0xc0 + i, NameAddress.parse(contacts[i]), NOW.plusSeconds(600), NOW,
                    "reg-call", 1, List.of(NameAddress.parse("<sip:term@127.0.0.1:5060;lr>")),
                    RegInfo.ContactEvent.REGISTERED));
        }
        bindings.put(new Registration(bob, "bob@" + DOMAIN, 0xb0b, bound, profile));
    }

    private static SipRequest request(String method, String extraHeaders) {
        return (SipRequest) TestMessages.text(method + " sip:bob@" + DOMAIN + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:4060;branch=z9hG4bK-1\n"
                + "Max-Forwards: 69\n"
                + "From: <sip:alice@" + DOMAIN + ">;tag=a1\n"
                + "To: <sip:bob@" + DOMAIN + ">\n"
                + "Call-ID: call-1\n"
                + "CSeq: 1 " + method + "\n"
                + "Contact: <sip:alice@127.0.0.1:5070>\n"
                + extraHeaders
                + "Content-Length: 0\n\n");
    }

    private static SessionRouter.Decision.Fork fork(SessionRouter.Decision d) {
        assertThat(d).isInstanceOf(SessionRouter.Decision.Fork.class);
        return (SessionRouter.Decision.Fork) d;
    }

    /** The Request-URI ports of each tier's legs. */
    private static List<List<Integer>> ports(SessionRouter.Decision.Fork f) {
        return f.tiers().stream().map(t -> t.stream()
                .map(l -> ((SipUri) l.requestUri()).port()).toList()).toList();
    }

    @Test
    void sequentialForkingTriesTheHighestQFirstAndEqualValuesTogether() {
        registerBob("<sip:bob@127.0.0.1:5081>;q=0.3", "<sip:bob@127.0.0.1:5082>;q=0.9",
                "<sip:bob@127.0.0.1:5083>;q=0.3", "<sip:bob@127.0.0.1:5084>");

        SessionRouter.Decision.Fork f = fork(router(ForkingMode.SEQUENTIAL).terminating(request("INVITE", "")));

        // No q counts as 1.0; equal values keep the order they registered in.
        assertThat(ports(f)).containsExactly(List.of(5084), List.of(5082), List.of(5081, 5083));
        assertThat(f.timers()).isEqualTo(ForkTimers.NONE.withBranchTimeout(BRANCH).withNoAnswer(NO_ANSWER));
        assertThat(f.legs()).allSatisfy(l -> assertThat(l.routes()).hasSize(1));
    }

    @Test
    void parallelForkingIsOneTierInQOrderWithTheNoAnswerTimeOnly() {
        registerBob("<sip:bob@127.0.0.1:5081>;q=0.2", "<sip:bob@127.0.0.1:5082>;q=0.8");

        SessionRouter.Decision.Fork f = fork(router(ForkingMode.PARALLEL).terminating(request("INVITE", "")));

        assertThat(ports(f)).containsExactly(List.of(5082, 5081));
        assertThat(f.timers()).isEqualTo(ForkTimers.NONE.withNoAnswer(NO_ANSWER));
    }

    @Test
    void contactsOfOneQValueNeedNoBranchTimeEvenInSequence() {
        registerBob("<sip:bob@127.0.0.1:5081>;q=0.5", "<sip:bob@127.0.0.1:5082>;q=0.5");

        SessionRouter.Decision.Fork f = fork(router(ForkingMode.SEQUENTIAL).terminating(request("MESSAGE", "")));

        assertThat(ports(f)).containsExactly(List.of(5081, 5082));
        assertThat(f.timers().branchTimeout()).isEmpty();
    }

    @Test
    void theCallersRequestDispositionChoosesTheSearchOrder() {
        registerBob("<sip:bob@127.0.0.1:5081>;q=0.5", "<sip:bob@127.0.0.1:5082>;q=1.0");
        SessionRouter sequential = router(ForkingMode.SEQUENTIAL);
        SessionRouter parallel = router(ForkingMode.PARALLEL);

        assertThat(ports(fork(sequential.terminating(request("INVITE", "Request-Disposition: proxy, parallel\n")))))
                .containsExactly(List.of(5082, 5081));
        // The compact form (RFC 3841 §9.1: d), directives in any case, on several header fields.
        assertThat(ports(fork(parallel.terminating(request("INVITE", "d: no-cancel\nd: SEQUENTIAL, fork\n")))))
                .containsExactly(List.of(5082), List.of(5081));
        // Directives about other things, and unknown ones, leave the configured mode.
        assertThat(ports(fork(sequential.terminating(request("INVITE", "Request-Disposition: queue, x-foo\n")))))
                .containsExactly(List.of(5082), List.of(5081));
        assertThat(SessionRouter.requestedForking(request("INVITE", "Request-Disposition: parallel, sequential\n")))
                .as("the first one given").contains(ForkingMode.PARALLEL);
    }

    @Test
    void anOriginatingRequestHasOneLegAndNoForkingTimers() {
        registerBob("<sip:bob@127.0.0.1:5081>");

        SessionRouter.Decision.Fork f = fork(router(ForkingMode.SEQUENTIAL).originating(request("INVITE",
                "P-Asserted-Identity: <sip:bob@" + DOMAIN + ">\n")));

        assertThat(f.tiers()).hasSize(1);
        assertThat(f.legs()).hasSize(1);
        assertThat(f.timers()).isEqualTo(ForkTimers.NONE);
    }
}
