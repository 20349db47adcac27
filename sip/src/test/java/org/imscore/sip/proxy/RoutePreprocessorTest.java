package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.4, route information preprocessing. */
class RoutePreprocessorTest {

    private final RoutePreprocessor pre = new RoutePreprocessor(Wire.LOCAL);

    @Test
    void strictRouterPutOurRecordRouteIntoTheRequestUriTheLastRouteBecomesTheRequestUri() {
        // The previous hop strict-routed: our Record-Route URI is the Request-URI, the remote target is last.
        SipRequest req = Wire.invite("sip:192.0.2.10:5060;transport=udp;lr",
                "Route: <sip:p2.example.net;lr>, <sip:bob@192.0.2.30:5062>");

        SipRequest out = pre.preprocess(req, Wire.UDP);

        assertThat(out.requestUri().toString()).isEqualTo("sip:bob@192.0.2.30:5062");
        assertThat(out.routes()).extracting(r -> r.uri().toString()).containsExactly("sip:p2.example.net;lr");
    }

    @Test
    void strictRouteFixWithASingleRouteLeavesNoRoute() {
        SipRequest req = Wire.invite("sip:192.0.2.10:5060;transport=udp;lr", "Route: <sip:bob@192.0.2.30:5062>");

        SipRequest out = pre.preprocess(req, Wire.UDP);

        assertThat(out.requestUri().toString()).isEqualTo("sip:bob@192.0.2.30:5062");
        assertThat(out.hasHeader("Route")).isFalse();
    }

    @Test
    void aUserAtOurAddressIsNotAStrictRouteFix() {
        SipRequest req = Wire.invite("sip:bob@192.0.2.10:5060;lr", "Route: <sip:p2.example.net;lr>");

        assertThat(pre.preprocess(req, Wire.UDP).requestUri().toString()).isEqualTo("sip:bob@192.0.2.10:5060;lr");
    }

    @Test
    void topRouteNamingUsIsRemovedOthersStay() {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062",
                "Route: <sip:192.0.2.10;lr>", "Route: <sip:p2.example.net;lr>");

        SipRequest out = pre.preprocess(req, Wire.UDP);

        assertThat(out.routes()).extracting(NameAddress::uri).extracting(Object::toString)
                .containsExactly("sip:p2.example.net;lr");
        assertThat(out.requestUri().toString()).isEqualTo("sip:bob@192.0.2.30:5062");
    }

    @Test
    void bothValuesOfOurDoubleRecordRouteAreRemoved() {
        SipRequest req = Wire.invite("sip:bob@192.0.2.30:5062",
                "Route: <sip:192.0.2.10:5060;transport=tcp;lr>, <sip:192.0.2.10:5060;transport=udp;lr>, "
                        + "<sip:p2.example.net;lr>");

        SipRequest out = pre.preprocess(req, Wire.TCP);

        assertThat(out.routes()).extracting(r -> r.uri().toString()).containsExactly("sip:p2.example.net;lr");
    }

    @Test
    void routeToAnotherPortOfOurHostIsNotOurs() {
        SipRequest req = Wire.invite("sip:bob@example.com", "Route: <sip:192.0.2.10:5070;lr>");

        assertThat(pre.preprocess(req, Wire.UDP).routes()).hasSize(1);
    }

    @Test
    void maddrNamingUsIsStrippedWithPortAndTransport() {
        SipRequest req = Wire.invite("sip:bob@example.com:5060;maddr=192.0.2.10;transport=udp");

        SipRequest out = pre.preprocess(req, Wire.UDP);

        assertThat(out.requestUri().toString()).isEqualTo("sip:bob@example.com");
    }

    @Test
    void maddrNamingUsButOnAnotherTransportStays() {
        SipRequest req = Wire.invite("sip:bob@example.com;maddr=192.0.2.10;transport=tcp");

        assertThat(pre.preprocess(req, Wire.UDP).requestUri().toString())
                .isEqualTo("sip:bob@example.com;maddr=192.0.2.10;transport=tcp");
    }

    @Test
    void maddrNamingSomeoneElseStays() {
        SipRequest req = Wire.invite("sip:bob@example.com;maddr=192.0.2.99");

        assertThat(pre.preprocess(req, Wire.UDP).requestUri().toString())
                .isEqualTo("sip:bob@example.com;maddr=192.0.2.99");
    }

    @Test
    void requestWithoutRoutesIsUntouched() {
        SipRequest req = Wire.invite("sip:bob@example.com");

        assertThat(pre.preprocess(req, Wire.UDP)).isSameAs(req);
    }
}
