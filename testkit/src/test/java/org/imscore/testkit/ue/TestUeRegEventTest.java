package org.imscore.testkit.ue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.UsimSqnState;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The UE's reg-event subscription against {@link ScriptedRegistrar}: SUBSCRIBE, NOTIFY answers, unsubscribe. */
class TestUeRegEventTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String AOR = "sip:001011234567895@" + ScriptedRegistrar.REALM;
    static final String ACTIVE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="0" state="full">
            \t<registration aor="%s" id="r1" state="active">
            \t\t<contact id="c1" state="active" event="registered" expires="600000" q="1.000">
            \t\t\t<uri>sip:001011234567895@127.0.0.1:5070</uri>
            \t\t\t<unknown-param name="+sip.instance">&lt;urn:gsma:imei:86728703-952237-0&gt;</unknown-param>
            \t\t</contact>
            \t</registration>
            </reginfo>
            """.formatted(AOR);
    static final String TERMINATED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="1" state="full">
            \t<registration aor="%s" id="r1" state="terminated">
            \t\t<contact id="c1" state="terminated" event="unregistered" expires="0">
            \t\t\t<uri>sip:001011234567895@127.0.0.1:5070</uri>
            \t\t</contact>
            \t</registration>
            </reginfo>
            """.formatted(AOR);

    private ScriptedRegistrar registrar;
    private TestUe ue;

    @BeforeEach
    void start() {
        registrar = ScriptedRegistrar.aka(TestUeRegistrationTest.KEYS, SqnScheme.DEFAULT.compose(1, 0));
    }

    @AfterEach
    void close() {
        if (ue != null) {
            ue.close();
        }
        registrar.close();
    }

    private RegEventSubscription registeredAndSubscribed(Transport transport) {
        ue = TestUe.start(TestUeRegistrationTest.config(registrar.endpoint(transport),
                UeCredentials.aka(TestUeRegistrationTest.KEYS, UsimSqnState.initial(SqnScheme.DEFAULT))));
        ue.register().registration();
        return ue.subscribeRegEvent();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void subscribesAndReadsTheFullState(Transport transport) throws Exception {
        RegEventSubscription sub = registeredAndSubscribed(transport);

        assertThat(sub.isAccepted()).isTrue();
        assertThat(sub.dialog()).isPresent();
        SipRequest subscribe = registrar.received.stream().filter(r -> r.isMethod("SUBSCRIBE")).findFirst()
                .orElseThrow();
        assertThat(subscribe.requestUri()).hasToString(AOR);
        assertThat(subscribe.header(HeaderType.EVENT).orElseThrow().eventType()).isEqualTo("reg");
        assertThat(subscribe.headerValue("Accept")).contains("application/reginfo+xml");
        assertThat(subscribe.header(HeaderType.EXPIRES)).contains(600_000L);
        Endpoint pcscf = registrar.endpoint(transport);
        // Preloaded route: the P-CSCF first, then the Service-Route of the registration (TS 24.229 §5.1.2A.1.1).
        assertThat(subscribe.routes()).hasSize(2);
        assertThat(subscribe.routes().get(0).uri().toString()).contains(":" + pcscf.address().getPort());
        assertThat(subscribe.routes().get(1)).hasToString(ScriptedRegistrar.SERVICE_ROUTE);

        SipResponse answer = registrar.notify("active;expires=600000", "application/reginfo+xml", ACTIVE);

        assertThat(answer.statusCode()).isEqualTo(200);
        Notification n = sub.next(WAIT);
        assertThat(n.answeredWith()).isEqualTo(200);
        assertThat(n.state()).isEqualTo("active");
        assertThat(sub.isTerminated()).isFalse();
        assertThat(n.subscriptionState().orElseThrow().expires()).hasValue(600_000L);
        RegInfo info = n.reginfo();
        assertThat(info.version()).isZero();
        assertThat(info.state()).isEqualTo("full");
        RegInfo.Aor aor = info.registration(AOR).orElseThrow();
        assertThat(aor.state()).isEqualTo("active");
        assertThat(aor.contacts()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo("active");
            assertThat(c.event()).isEqualTo("registered");
            assertThat(c.expires()).hasValue(600_000L);
            assertThat(c.unknownParams()).containsEntry("+sip.instance", "<urn:gsma:imei:86728703-952237-0>");
        });
    }

    @Test
    void unsubscribingGetsAFinalTerminatedNotify() throws Exception {
        RegEventSubscription sub = registeredAndSubscribed(Transport.UDP);
        registrar.notify("active;expires=600000", "application/reginfo+xml", ACTIVE);
        sub.next(WAIT);

        SipResponse ended = sub.unsubscribe();
        SipResponse answer = registrar.notify("terminated;reason=timeout", "application/reginfo+xml", TERMINATED);

        assertThat(ended.statusCode()).isEqualTo(200);
        SipRequest unsubscribe = registrar.received.get(registrar.received.size() - 1);
        assertThat(unsubscribe.isMethod("SUBSCRIBE")).isTrue();
        assertThat(unsubscribe.header(HeaderType.EXPIRES)).contains(0L);
        assertThat(unsubscribe.to().tag()).isPresent();
        assertThat(unsubscribe.cseq().number()).isEqualTo(2);
        assertThat(answer.statusCode()).isEqualTo(200);
        Notification last = sub.next(WAIT);
        assertThat(last.state()).isEqualTo("terminated");
        assertThat(last.subscriptionState().orElseThrow().reason()).contains("timeout");
        assertThat(last.reginfo().registrations().get(0).contacts().get(0).event()).isEqualTo("unregistered");
        assertThat(sub.received()).hasSize(2);
        assertThat(sub.isTerminated()).isTrue();
    }

    @Test
    void aNotifyWithoutBodyIsAccepted() throws Exception {
        RegEventSubscription sub = registeredAndSubscribed(Transport.UDP);

        assertThat(registrar.notify("pending", null, null).statusCode()).isEqualTo(200);

        Notification n = sub.next(WAIT);
        assertThat(n.state()).isEqualTo("pending");
        assertThat(n.regInfo()).isEmpty();
    }

    @Test
    void aMalformedReginfoIsAnswered400AndKept() throws Exception {
        RegEventSubscription sub = registeredAndSubscribed(Transport.UDP);

        SipResponse answer = registrar.notify("active", "application/reginfo+xml", "<reginfo version=\"1\"");

        assertThat(answer.statusCode()).isEqualTo(400);
        Notification n = sub.next(WAIT);
        assertThat(n.answeredWith()).isEqualTo(400);
        assertThat(n.problem()).get().asString().contains("not well-formed");
        assertThat(n.regInfo()).isEmpty();
    }

    @Test
    void aNotifyWithoutSubscriptionStateIsAnswered400() throws Exception {
        RegEventSubscription sub = registeredAndSubscribed(Transport.UDP);

        SipResponse answer = registrar.notify(null, "application/reginfo+xml", ACTIVE);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.reasonPhrase()).contains("Subscription-State");
        assertThat(sub.next(WAIT).problem()).contains("missing Subscription-State");
    }

    @Test
    void aBodyOfAnotherTypeIsAnswered415() throws Exception {
        RegEventSubscription sub = registeredAndSubscribed(Transport.UDP);

        SipResponse answer = registrar.notify("active", "application/pidf+xml", "<presence/>");

        // Refused by the UA core before it reaches the subscription (RFC 3261 §8.2.3).
        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.headerValue("Accept")).get().asString().contains("application/reginfo+xml");
        assertThat(sub.poll(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void aNotifyOutsideAnySubscriptionIsAnswered481() throws Exception {
        RegEventSubscription sub = registeredAndSubscribed(Transport.UDP);

        SipResponse answer = registrar.strayNotify(new Endpoint(Transport.UDP, ue.listeningPoint().address()));

        assertThat(answer.statusCode()).isEqualTo(481);
        assertThat(sub.poll(Duration.ofMillis(200))).isEmpty();
    }
}
