package org.imscore.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SecurityMechanism;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.Via;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.TelUri;
import org.junit.jupiter.api.Test;

/** Typed reads of the IMS headers as a real phone and Kamailio CSCFs sent them (ipsec_reg capture). */
class CaptureHeadersTest {

    private static SipMessage frame(int number) {
        return SipParser.parse(TestData.resource("captures/open5gs_ipsec_reg/" + number + ".sip")).message();
    }

    @Test
    void firstRegisterFromThePhone() {
        SipMessage m = frame(281);
        assertThat(((SipRequest) m).requestUri().toString()).isEqualTo("sip:ims.mnc001.mcc001.3gppnetwork.org");
        assertThat(m.header(HeaderType.AUTHORIZATION).orElseThrow().nonce()).isEmpty();
        SecurityMechanism client = m.header(HeaderType.SECURITY_CLIENT).orElseThrow();
        assertThat(client.spiC().getAsLong()).isEqualTo(25656);
        assertThat(client.spiS().getAsLong()).isEqualTo(25657);
        assertThat(client.portC().getAsInt()).isEqualTo(6301);
        assertThat(client.portS().getAsInt()).isEqualTo(6300);
        assertThat(client.ealg()).contains("null");
        assertThat(m.headers(HeaderType.SUPPORTED)).containsExactly("path", "gruu", "sec-agree");
        assertThat(m.headers(HeaderType.REQUIRE)).containsExactly("sec-agree");
        assertThat(m.headers(HeaderType.PROXY_REQUIRE)).containsExactly("sec-agree");
        assertThat(m.contacts().get(0).instance()).contains("<urn:gsma:imei:35622410-483840-0>");
        assertThat(m.contacts().get(0).q().getAsDouble()).isEqualTo(1.0);
    }

    @Test
    void secondRegisterEchoesSecurityServer() {
        SipMessage challenge = frame(406);
        SipMessage register = frame(485);
        assertThat(register.headers(HeaderType.SECURITY_VERIFY))
                .isEqualTo(challenge.headers(HeaderType.SECURITY_SERVER));
        assertThat(register.headers(HeaderType.P_VISITED_NETWORK_ID)).containsExactly("ims.mnc001.mcc001.3gppnetwork.org");
    }

    @Test
    void okToRegisterCarriesPathServiceRouteAndAssociatedUris() {
        SipMessage ok = frame(672);
        List<Via> vias = ok.vias();
        assertThat(vias).hasSize(3);
        assertThat(vias.get(2).received()).contains("192.168.101.5");
        assertThat(vias.get(2).rport().getAsInt()).isEqualTo(6301);
        assertThat(vias.get(2).parameters().has("keep")).isTrue();
        assertThat(ok.header(HeaderType.PATH).orElseThrow().uri().toString())
                .isEqualTo("sip:term@pcscf.ims.mnc001.mcc001.3gppnetwork.org;lr");
        SipUri serviceRoute = (SipUri) ok.header(HeaderType.SERVICE_ROUTE).orElseThrow().uri();
        assertThat(serviceRoute.port()).isEqualTo(6060);
        assertThat(serviceRoute.lr()).isTrue();
        List<NameAddress> associated = ok.headers(HeaderType.P_ASSOCIATED_URI);
        assertThat(associated.get(0).uri()).isInstanceOf(TelUri.class);
        assertThat(associated.get(1).uri().toString()).isEqualTo("sip:0398765432100");
        assertThat(ok.contacts().get(0).expires().getAsLong()).isEqualTo(3240);
    }

    @Test
    void regEventSubscription() {
        SipMessage subscribe = frame(684);
        assertThat(((SipRequest) subscribe).requestUri()).isInstanceOf(TelUri.class);
        assertThat(subscribe.header(HeaderType.EVENT).orElseThrow().eventType()).isEqualTo("reg");
        assertThat(subscribe.header(HeaderType.EXPIRES)).contains(600000L);
        assertThat(subscribe.header(HeaderType.P_CHARGING_VECTOR).orElseThrow().icidGeneratedAt()).contains("10.4.128.21");
        assertThat(subscribe.header(HeaderType.P_ASSERTED_IDENTITY).orElseThrow().uri().toString()).isEqualTo("tel:0398765432100");
        assertThat(((SipUri) subscribe.recordRoutes().get(0).uri()).parameters().value("lr")).isEqualTo("on");
        SipMessage notify = frame(686);
        assertThat(notify.header(HeaderType.SUBSCRIPTION_STATE).orElseThrow().expires().getAsLong()).isEqualTo(600000);
        assertThat(notify.contentType().orElseThrow().is("application", "reginfo+xml")).isTrue();
        assertThat(notify.bodyAsString()).contains("<reginfo");
    }
}
