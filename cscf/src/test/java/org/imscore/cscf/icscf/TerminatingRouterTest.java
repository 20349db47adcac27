package org.imscore.cscf.icscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imscore.cscf.CaptureVectors;
import org.imscore.cscf.ScriptedHss;
import org.imscore.cscf.TestMessages;
import org.imscore.cscf.cx.CxFailure;
import org.imscore.cscf.cx.LocationInfoAnswer;
import org.imscore.cscf.cx.ScscfCapabilities;
import org.imscore.sip.message.SipRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminatingRouterTest {

    static final String REALM = CaptureVectors.REALM;

    final ScriptedHss hss = new ScriptedHss();
    final TerminatingRouter router = new TerminatingRouter(new IcscfConfig(List.of(
            new ScscfEntry(CaptureVectors.SERVER_NAME, Set.of(1L))), REALM, 30), hss);

    /** An INVITE for a home user, as an originating S-CSCF or another network sends it. */
    SipRequest invite() {
        return (SipRequest) TestMessages.text("INVITE tel:0598765432100 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.4.128.30:6060;branch=z9hG4bKt1\n"
                + "From: <sip:bob@" + REALM + ">;tag=b1\nTo: <tel:0598765432100>\n"
                + "Call-ID: call-9@10.4.128.30\nCSeq: 1 INVITE\nMax-Forwards: 68\n"
                + "Contact: <sip:bob@10.4.128.30>\nContent-Length: 0\n\n");
    }

    IcscfRegistrar.Decision route(SipRequest r) {
        return router.route(r).toCompletableFuture().join();
    }

    @Test
    void servingScscfGoesOnTopOfTheRouteSetAndTheRequestUriStays() {
        hss.onLir = r -> new LocationInfoAnswer(false, Optional.of(CaptureVectors.SERVER_NAME), Optional.empty(),
                Optional.empty());

        IcscfRegistrar.Decision d = route(invite());

        assertThat(hss.lirs).singleElement().satisfies(l -> {
            assertThat(l.publicIdentity()).isEqualTo("tel:0598765432100");
            assertThat(l.originating()).isFalse();
        });
        assertThat(d).isInstanceOfSatisfying(IcscfRegistrar.Decision.Forward.class, f -> {
            assertThat(f.request().requestUri().toString()).isEqualTo("tel:0598765432100");
            assertThat(f.request().headerValue("Route")).hasValue("<" + CaptureVectors.SERVER_NAME + ";lr>");
        });
    }

    @Test
    void unregisteredUserWithServicesGetsAnScscfChosenByCapabilities() {
        hss.onLir = r -> new LocationInfoAnswer(true, Optional.empty(),
                Optional.of(new ScscfCapabilities(List.of(1L), List.of(), List.of())), Optional.empty());

        IcscfRegistrar.Decision d = route(invite());

        assertThat(((IcscfRegistrar.Decision.Forward) d).serverName()).isEqualTo(CaptureVectors.SERVER_NAME);
    }

    @ParameterizedTest
    @CsvSource({
            "USER_UNKNOWN, 404",
            "IDENTITY_NOT_REGISTERED, 480",
            "BACKEND_UNAVAILABLE, 504",
            "BACKEND_ERROR, 480",
            "AUTHORIZATION_REJECTED, 403",
    })
    void lirFailuresBecomeTheirResponse(CxFailure failure, int status) {
        hss.onLir = ScriptedHss.failing(failure);

        IcscfRegistrar.Decision d = route(invite());

        assertThat(d).isInstanceOfSatisfying(IcscfRegistrar.Decision.Reject.class, r -> {
            assertThat(r.response().statusCode()).isEqualTo(status);
            assertThat(r.response().hasHeader("Retry-After")).isEqualTo(failure.isBackendFailure());
        });
    }
}
