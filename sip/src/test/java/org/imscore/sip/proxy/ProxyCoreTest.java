package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.junit.jupiter.api.Test;

/** The proxy pipeline of RFC 3261 §16.3 to §16.5 and §16.7 step 3, with a static routing table. */
class ProxyCoreTest {

    private static final Endpoint REGISTRAR = Endpoint.udp("192.0.2.20", 5060);
    private static final Endpoint BOB_1 = Endpoint.udp("192.0.2.31", 5060);
    private static final Endpoint BOB_2 = Endpoint.tcp("192.0.2.32", 5060);

    private final StaticRoutes routes = StaticRoutes.none()
            .with("example.com", REGISTRAR)
            .with("Bob@example.com", BOB_1, BOB_2);
    private final ProxyCore core = new ProxyCore(Wire.LOCAL, routes, new NumericNextHops(Wire.LOCAL), true, Set.of());

    @Test
    void aUserWithTwoRoutesGetsTwoTargetsInTableOrder() {
        RequestDecision d = core.decide(Wire.invite("sip:bob@example.com"), Wire.UDP);

        assertThat(d).isInstanceOfSatisfying(RequestDecision.Forward.class, f -> assertThat(f.targets())
                .extracting(t -> t.destination().orElseThrow()).containsExactly(BOB_1, BOB_2));
    }

    @Test
    void theDomainEntryServesEveryOtherUser() {
        RequestDecision d = core.decide(Wire.register(), Wire.UDP);

        assertThat(d).isInstanceOfSatisfying(RequestDecision.Forward.class, f -> {
            assertThat(f.targets()).hasSize(1);
            assertThat(f.targets().get(0).destination()).contains(REGISTRAR);
            assertThat(f.targets().get(0).uri().toString()).isEqualTo("sip:example.com");
        });
    }

    @Test
    void anOwnDomainWithoutAnyRouteIs404() {
        ProxyCore bare = new ProxyCore(Wire.LOCAL, StaticRoutes.none(), new NumericNextHops(Wire.LOCAL), true,
                Set.of());

        RequestDecision d = bare.decide(Wire.invite("sip:bob@example.com"), Wire.UDP);

        assertThat(d).isInstanceOfSatisfying(RequestDecision.Respond.class,
                r -> assertThat(r.response().statusCode()).isEqualTo(404));
    }

    @Test
    void aForeignDomainIsForwardedToItsRequestUri() {
        RequestDecision d = core.decide(Wire.invite("sip:carol@192.0.2.77:5080"), Wire.UDP);

        assertThat(d).isInstanceOfSatisfying(RequestDecision.Forward.class, f -> {
            assertThat(f.targets()).hasSize(1);
            assertThat(f.targets().get(0).uri().toString()).isEqualTo("sip:carol@192.0.2.77:5080");
            assertThat(f.targets().get(0).destination()).isEmpty();
        });
    }

    @Test
    void aLooseRoutedRequestIsNotRetargetedEvenInOurDomain() {
        SipRequest req = Wire.invite("sip:bob@example.com", "Route: <sip:192.0.2.10;lr>, <sip:192.0.2.40;lr>");

        RequestDecision d = core.decide(req, Wire.UDP);

        assertThat(d).isInstanceOfSatisfying(RequestDecision.Forward.class, f -> {
            assertThat(f.targets()).extracting(t -> t.uri().toString()).containsExactly("sip:bob@example.com");
            assertThat(f.request().routes()).extracting(r -> r.uri().toString()).containsExactly("sip:192.0.2.40;lr");
        });
    }

    @Test
    void optionsForOurAddressIsLocal() {
        SipRequest options = Wire.request("""
                OPTIONS sip:192.0.2.10 SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKopt
                Max-Forwards: 70
                From: <sip:alice@example.net>;tag=o1
                To: <sip:192.0.2.10>
                Call-ID: opt-1
                CSeq: 1 OPTIONS
                Content-Length: 0

                """);

        assertThat(core.decide(options, Wire.UDP)).isInstanceOf(RequestDecision.Local.class);
    }

    @Test
    void aStrictRoutedInDialogRequestIsFixedAndForwardedToTheRemoteTarget() throws Exception {
        // A strict router upstream put our Record-Route URI into the Request-URI and the remote target last.
        SipRequest bye = Wire.request("""
                BYE sip:192.0.2.10:5060;transport=udp;lr SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bKstrict
                Max-Forwards: 69
                Route: <sip:bob@192.0.2.31:5062>
                From: Alice <sip:alice@example.net>;tag=a1
                To: Bob <sip:bob@example.com>;tag=b1
                Call-ID: call-1@192.0.2.1
                CSeq: 2 BYE
                Content-Length: 0

                """);

        RequestDecision.Forward f = (RequestDecision.Forward) core.decide(bye, Wire.UDP);
        ForwardedRequest out = core.forward(bye, f.request(), f.targets().get(0), Wire.UDP);

        assertThat(out.request().requestUri().toString()).isEqualTo("sip:bob@192.0.2.31:5062");
        assertThat(out.request().hasHeader("Route")).isFalse();
        assertThat(out.destination()).isEqualTo(Endpoint.udp("192.0.2.31", 5062));
    }

    @Test
    void aRejectionFromTheResolverCarriesItsStatusAndAToTag() {
        ProxyCore busy = new ProxyCore(Wire.LOCAL, r -> new TargetDecision.Reject(480, "Temporarily Unavailable"),
                new NumericNextHops(Wire.LOCAL), true, Set.of());

        RequestDecision d = busy.decide(Wire.invite("sip:bob@example.com"), Wire.UDP);

        assertThat(d).isInstanceOfSatisfying(RequestDecision.Respond.class, r -> {
            assertThat(r.response().statusCode()).isEqualTo(480);
            assertThat(r.response().to().tag()).isPresent();
        });
    }

    @Test
    void ourViaIsRemovedFromAResponse() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.31:5062");
        ForwardedRequest out = core.forward(req, req, Target.of(req.requestUri()), Wire.UDP);

        SipResponse upstream = core.withoutOurVia(Wire.answer(out.request(), 180)).orElseThrow();

        assertThat(upstream.vias()).isEqualTo(req.vias());
        assertThat(upstream.statusCode()).isEqualTo(180);
    }

    @Test
    void aResponseWhoseTopViaIsNotOursOrWithNothingUnderItGoesNowhere() {
        SipRequest req = Wire.invite("sip:bob@192.0.2.31:5062");
        SipResponse notOurs = Wire.answer(req, 200);
        SipResponse onlyOurs = Wire.answer(Wire.invite("sip:x@192.0.2.31").toBuilder()
                .set("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKme").build(), 200);

        SipResponse noVia = notOurs.toBuilder().remove("Via").build();

        assertThat(core.withoutOurVia(notOurs)).isEmpty();
        assertThat(core.withoutOurVia(onlyOurs)).isEmpty();
        assertThat(core.withoutOurVia(noVia)).isEmpty();
    }

    @Test
    void aResponseWhoseNextViaIsBadIsDroppedAndTheViasBelowAreNotRead() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.31:5062");
        SipRequest forwarded = core.forward(req, req, Target.of(req.requestUri()), Wire.UDP).request();
        SipResponse answer = Wire.answer(forwarded, 180);
        SipResponse badNext = (SipResponse) Wire.overTheWire(answer.toBuilder()
                .set("Via", answer.topVia().toString()).add("Via", "SIP/2.0/UDP 192.0.2.1;;branch=").build());
        SipResponse badBelowNext = (SipResponse) Wire.overTheWire(answer.toBuilder()
                .add("Via", "SIP/2.0/UDP 192.0.2.2;;branch=").build());

        assertThat(core.withoutOurVia(badNext)).isEmpty();
        // A bad Via two hops down is the business of the hop that will read it: this one relays the response.
        SipResponse upstream = core.withoutOurVia(badBelowNext).orElseThrow();
        assertThat(upstream.topVia()).isEqualTo(req.topVia());
        assertThat(upstream.headerFields("Via")).hasSize(2);
    }

    @Test
    void aResolverMayAnswerWithAResponseOfItsOwn() {
        ProxyCore registrar = new ProxyCore(Wire.LOCAL,
                r -> new TargetDecision.Answer(SipResponse.forRequest(r, 200).toTag("reg").add("Expires", "600").build()),
                new NumericNextHops(Wire.LOCAL), true, Set.of());

        RequestDecision d = registrar.decide(Wire.register(), Wire.UDP);

        assertThat(d).isInstanceOfSatisfying(RequestDecision.Respond.class, r -> {
            assertThat(r.response().statusCode()).isEqualTo(200);
            assertThat(r.response().headerValue("Expires")).contains("600");
        });
    }

    @Test
    void aPendingDecisionCompletesIntoTheUsualOne() {
        CompletableFuture<TargetDecision> hss = new CompletableFuture<>();
        ProxyCore waiting = new ProxyCore(Wire.LOCAL, r -> TargetDecision.later(hss), new NumericNextHops(Wire.LOCAL),
                true, Set.of());

        RequestDecision d = waiting.decide(Wire.invite("sip:bob@example.com"), Wire.UDP);
        assertThat(d).isInstanceOf(RequestDecision.Pending.class);
        CompletableFuture<RequestDecision> later =
                ((RequestDecision.Pending) d).decision().toCompletableFuture();
        assertThat(later).isNotDone();

        hss.complete(TargetDecision.reject(404));

        assertThat(later.join()).isInstanceOfSatisfying(RequestDecision.Respond.class,
                r -> assertThat(r.response().statusCode()).isEqualTo(404));
    }
}
