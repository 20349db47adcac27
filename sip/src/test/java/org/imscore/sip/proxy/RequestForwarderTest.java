package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.Via;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.6 steps 1 to 9: the copy a proxy sends on one branch. */
class RequestForwarderTest {

    private static final String BRANCH = "z9hG4bKloop.1";
    private final RequestForwarder rr = new RequestForwarder(Wire.LOCAL, new NumericNextHops(Wire.LOCAL), true, true);
    private final RequestForwarder noRr = new RequestForwarder(Wire.LOCAL, new NumericNextHops(Wire.LOCAL), false, false);

    @Test
    void requestUriBecomesTheTargetAndMaxForwardsIsDecremented() throws Exception {
        SipRequest req = Wire.invite("sip:bob@example.com");

        ForwardedRequest f = noRr.forward(req, Target.of(SipUri.parse("sip:bob@192.0.2.30:5062")), BRANCH, Wire.UDP);

        assertThat(f.request().requestUri().toString()).isEqualTo("sip:bob@192.0.2.30:5062");
        assertThat(f.request().maxForwards()).contains(69);
        assertThat(f.destination()).isEqualTo(Endpoint.udp("192.0.2.30", 5062));
    }

    @Test
    void missingMaxForwardsIsAddedAs70() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062").toBuilder().remove("Max-Forwards").build();

        ForwardedRequest f = noRr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP);

        assertThat(f.request().maxForwards()).contains(70);
    }

    @Test
    void ourViaGoesOnTopWithTheBranchAndTheOutgoingTransport() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062;transport=tcp");

        ForwardedRequest f = noRr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP);

        Via top = f.request().topVia();
        assertThat(top.toString()).isEqualTo("SIP/2.0/TCP 192.0.2.10:5060;branch=" + BRANCH);
        assertThat(f.request().vias()).hasSize(2);
        assertThat(f.request().vias().get(1)).isEqualTo(req.topVia());
        assertThat(f.destination()).isEqualTo(Endpoint.tcp("192.0.2.30", 5062));
        assertThat(f.branch()).isEqualTo(BRANCH);
    }

    @Test
    void inviteIsRecordRoutedWithLrAndOurTransport() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062", "Record-Route: <sip:p0.example.net;lr>");

        SipRequest out = rr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP).request();

        assertThat(out.recordRoutes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:192.0.2.10:5060;transport=udp;lr", "sip:p0.example.net;lr");
    }

    @Test
    void changingTransportRecordRoutesTwiceOnePerSide() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062;transport=tcp");

        SipRequest out = rr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP).request();

        // The callee uses the top one (our TCP side); the caller, reading the list backwards, our UDP side.
        assertThat(out.recordRoutes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:192.0.2.10:5060;transport=tcp;lr", "sip:192.0.2.10:5060;transport=udp;lr");
    }

    @Test
    void recordRouteOffOrNonDialogRequestsGetNone() throws Exception {
        SipRequest invite = Wire.invite("sip:bob@192.0.2.30:5062");
        SipRequest register = Wire.register();
        SipRequest inDialog = Wire.invite("sip:bob@192.0.2.30:5062").toBuilder()
                .set("To", "Bob <sip:bob@example.com>;tag=b1").build();
        Target to = Target.via(invite.requestUri(), Endpoint.udp("192.0.2.30", 5062));

        assertThat(noRr.forward(invite, to, BRANCH, Wire.UDP).request().hasHeader("Record-Route")).isFalse();
        assertThat(rr.forward(register, to, BRANCH, Wire.UDP).request().hasHeader("Record-Route")).isFalse();
        assertThat(rr.forward(inDialog, to, BRANCH, Wire.UDP).request().hasHeader("Record-Route")).isFalse();
    }

    @Test
    void nextHopIsTheTopRouteWhenThereIsOne() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062", "Route: <sip:192.0.2.40:5080;transport=tcp;lr>");

        ForwardedRequest f = noRr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP);

        assertThat(f.destination()).isEqualTo(Endpoint.tcp("192.0.2.40", 5080));
        assertThat(f.request().requestUri().toString()).isEqualTo("sip:bob@192.0.2.30:5062");
        assertThat(f.request().routes()).hasSize(1);
    }

    @Test
    void strictNextHopGetsItsUriAsRequestUriAndTheTargetGoesLast() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062",
                "Route: <sip:192.0.2.40:5080>, <sip:192.0.2.41;lr>");

        ForwardedRequest f = noRr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP);

        assertThat(f.request().requestUri().toString()).isEqualTo("sip:192.0.2.40:5080");
        assertThat(f.request().routes()).extracting(r -> r.uri().toString())
                .containsExactly("sip:192.0.2.41;lr", "sip:bob@192.0.2.30:5062");
        assertThat(f.destination()).isEqualTo(Endpoint.udp("192.0.2.40", 5080));
    }

    @Test
    void aTargetsFixedDestinationWinsOverItsUri() throws Exception {
        SipRequest req = Wire.register();

        ForwardedRequest f = noRr.forward(req, Target.via(req.requestUri(), Endpoint.tcp("127.0.0.1", 6000)),
                BRANCH, Wire.UDP);

        assertThat(f.destination()).isEqualTo(Endpoint.tcp("127.0.0.1", 6000));
        assertThat(f.request().requestUri().toString()).isEqualTo("sip:example.com");
        assertThat(f.request().topVia().transport()).isEqualTo("TCP");
    }

    @Test
    void contentLengthIsWrittenWhenMissing() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062").toBuilder().remove("Content-Length").build();
        req = SipRequest.of(req.method(), req.requestUri(), req.requestUri().toString(), req.version(),
                req.headerFields(), new byte[0]);

        SipRequest out = noRr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP).request();

        assertThat(out.headerValue("Content-Length")).contains("0");
    }

    @Test
    void aHostNameOrAnUnofferedTransportCannotBeReached() {
        SipRequest req = Wire.invite("sip:bob@bob-pc.example.org");
        SipRequest sctp = Wire.invite("sip:bob@192.0.2.30;transport=sctp");

        assertThatThrownBy(() -> noRr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP))
                .isInstanceOf(UnreachableTargetException.class);
        assertThatThrownBy(() -> noRr.forward(sctp, Target.of(sctp.requestUri()), BRANCH, Wire.UDP))
                .isInstanceOf(UnreachableTargetException.class);
    }

    @Test
    void theCopyIsValidOnTheWire() throws Exception {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062");

        SipRequest out = rr.forward(req, Target.of(req.requestUri()), BRANCH, Wire.UDP).request();

        SipRequest reparsed = (SipRequest) Wire.overTheWire(out);
        assertThat(reparsed.topVia().branch()).contains(BRANCH);
        assertThat(reparsed.recordRoutes()).hasSize(1);
        assertThat(reparsed.callId()).isEqualTo(req.callId());
    }

    @Test
    void aRegisterFromAUaSupportingPathGetsOurPathOthersDoNot() throws Exception {
        SipRequest withPath = Wire.register("Supported: path");
        SipRequest without = Wire.register();
        Target registrar = Target.via(withPath.requestUri(), Endpoint.udp("192.0.2.20", 5060));

        SipRequest out = rr.forward(withPath, registrar, BRANCH, Wire.UDP).request();

        assertThat(out.headers(HeaderType.PATH)).extracting(p -> p.uri().toString())
                .containsExactly("sip:192.0.2.10:5060;transport=udp;lr");
        assertThat(rr.forward(without, registrar, BRANCH, Wire.UDP).request().hasHeader("Path")).isFalse();
        assertThat(noRr.forward(withPath, registrar, BRANCH, Wire.UDP).request().hasHeader("Path")).isFalse();
    }

    @Test
    void anUnreadableSupportedHeaderMeansNoPathRatherThanAFailure() throws Exception {
        SipRequest req = Wire.register("Supported: path, bad tag");
        Target registrar = Target.via(req.requestUri(), Endpoint.udp("192.0.2.20", 5060));

        SipRequest out = rr.forward(req, registrar, BRANCH, Wire.UDP).request();

        assertThat(out.hasHeader("Path")).isFalse();
        assertThat(out.headerValue("Supported")).contains("path, bad tag");
    }
}
