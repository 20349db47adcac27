package org.imscore.testkit.ue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two UEs calling each other directly on loopback (the callee stands where the P-CSCF would be). */
class TestUeCallTest {

    private TestUe callee;
    private TestUe caller;

    @AfterEach
    void close() {
        if (caller != null) {
            caller.close();
        }
        if (callee != null) {
            callee.close();
        }
    }

    private void start(Transport transport, boolean answer) {
        // The callee's own "P-CSCF" is never used; its transport picks the listening point the caller calls.
        callee = TestUe.start(TestUeRegistrationTest.config(new Endpoint(transport,
                new InetSocketAddress("127.0.0.1", 9)), UeCredentials.password("x")).withAutoAnswer(answer));
        Endpoint calleeAt = new Endpoint(transport, callee.listeningPoint().address());
        caller = TestUe.start(TestUeRegistrationTest.config(calleeAt, UeCredentials.password("x")));
    }

    private SipUri calleeUri() {
        return SipUri.of("bob", "127.0.0.1", callee.listeningPoint().port());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAnsweredCallIsAckedAndHungUp(Transport transport) {
        start(transport, true);

        Call call = caller.call(calleeUri());

        assertThat(call.isAnswered()).isTrue();
        assertThat(call.provisional()).extracting(SipResponse::statusCode).contains(180);
        assertThat(call.response().contentType()).get().hasToString("application/sdp");
        IncomingCall incoming = callee.nextIncomingCall(Duration.ofSeconds(5)).orElseThrow();
        assertThat(incoming.answeredWith()).isEqualTo(200);
        assertThat(incoming.invite().bodyAsString()).contains("m=audio").contains("AMR-WB/16000");
        assertThat(call.hangUp().statusCode()).isEqualTo(200);
    }

    @Test
    void aUeThatDoesNotAnswerIsBusy() {
        start(Transport.UDP, false);

        Call call = caller.call(calleeUri());

        assertThat(call.response().statusCode()).isEqualTo(486);
        assertThat(call.dialog()).isEmpty();
        assertThat(callee.nextIncomingCall(Duration.ofSeconds(5)).orElseThrow().answeredWith()).isEqualTo(486);
    }
}
