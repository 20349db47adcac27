package org.imscore.cscf.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.imscore.cscf.MutableClock;
import org.imscore.cscf.TestMessages;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Uri;
import org.junit.jupiter.api.Test;

/**
 * What the P-CSCF's session routing asks of its registrar: which flow is a registered UE's, where a registered
 * contact is reached, which Route is our own Path, and who may pass the gate when several UEs share a host.
 */
class PcscfSessionGateTest {

    private static final String DOMAIN = "ims.example.org";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Endpoint ALICE_FLOW = Endpoint.udp("127.0.0.1", 5070);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryPcscfBindingStore store = new InMemoryPcscfBindingStore();
    private final PcscfRegistrar registrar = new PcscfRegistrar(new PcscfConfig(DOMAIN,
            NameAddress.parse("<sip:term@127.0.0.1:5060;lr>"), DOMAIN, NameAddress.parse("<sip:127.0.0.1:4060;lr>"),
            "127.0.0.1", DOMAIN), store, clock, () -> "icid-1");

    PcscfSessionGateTest() {
        store.put(new PcscfBinding(Uri.parse("sip:alice@127.0.0.1:5070"), ALICE_FLOW, "sip:alice@" + DOMAIN,
                List.of("sip:alice@" + DOMAIN), List.of(NameAddress.parse("<sip:orig@127.0.0.1:6060;lr>")),
                NOW.plusSeconds(600)));
    }

    private static SipRequest message(String contact) {
        return (SipRequest) TestMessages.text("MESSAGE sip:bob@" + DOMAIN + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-m1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@" + DOMAIN + ">;tag=a1\n"
                + "To: <sip:bob@" + DOMAIN + ">\n"
                + "Call-ID: m-1\n"
                + "CSeq: 1 MESSAGE\n"
                + (contact == null ? "" : "Contact: <" + contact + ">\n")
                + "Content-Length: 0\n\n");
    }

    @Test
    void ourPathIsRecognisedByUserHostAndPort() {
        assertThat(registrar.isOurPath(Uri.parse("sip:term@127.0.0.1:5060;lr"))).isTrue();
        assertThat(registrar.isOurPath(Uri.parse("sip:127.0.0.1:5060;lr"))).isFalse();
        assertThat(registrar.isOurPath(Uri.parse("sip:term@127.0.0.1:5061;lr"))).isFalse();
        assertThat(registrar.isOurPath(Uri.parse("tel:+15551234"))).isFalse();
    }

    @Test
    void aRegisteredContactIsReachedOnItsFlowUntilItExpires() {
        assertThat(registrar.bindingOfContact(Uri.parse("sip:alice@127.0.0.1:5070")))
                .hasValueSatisfying(b -> assertThat(b.source()).isEqualTo(ALICE_FLOW));
        assertThat(registrar.bindingOfContact(Uri.parse("sip:carol@127.0.0.1:5070"))).isEmpty();
        assertThat(registrar.isUeFlow(ALICE_FLOW)).isTrue();
        assertThat(registrar.isUeFlow(Endpoint.udp("127.0.0.1", 6060))).isFalse();

        clock.advance(Duration.ofSeconds(601));

        assertThat(registrar.bindingOfContact(Uri.parse("sip:alice@127.0.0.1:5070"))).isEmpty();
    }

    @Test
    void anotherUdpPortOfTheSameHostIsNotTheRegisteredUe() {
        assertThat(registrar.admit(message(null), ALICE_FLOW)).isInstanceOf(PcscfRegistrar.Admission.Admitted.class);
        assertThat(registrar.admit(message(null), Endpoint.udp("127.0.0.1", 5999)))
                .isInstanceOfSatisfying(PcscfRegistrar.Admission.Rejected.class,
                        r -> assertThat(r.response().statusCode()).isEqualTo(403));
        // Over TCP a UE may open a new connection from any port: its registered Contact identifies it.
        assertThat(registrar.admit(message("sip:alice@127.0.0.1:5070"), Endpoint.tcp("127.0.0.1", 40000)))
                .isInstanceOf(PcscfRegistrar.Admission.Admitted.class);
    }

    @Test
    void uesSharingOneFlowAreToldApartByTheirContact() {
        // carol registered after alice from alice's flow: one SIPp playing many UEs, or UEs behind one NAT binding.
        store.put(new PcscfBinding(Uri.parse("sip:carol@127.0.0.1:5070"), ALICE_FLOW, "sip:carol@" + DOMAIN,
                List.of("sip:carol@" + DOMAIN), List.of(NameAddress.parse("<sip:orig@127.0.0.1:6060;lr>")),
                NOW.plusSeconds(600)));

        assertThat(asserted(registrar.admit(message("sip:carol@127.0.0.1:5070"), ALICE_FLOW)))
                .isEqualTo("<sip:carol@" + DOMAIN + ">");
        assertThat(asserted(registrar.admit(message("sip:alice@127.0.0.1:5070"), ALICE_FLOW)))
                .isEqualTo("<sip:alice@" + DOMAIN + ">");
        // A Contact that is none of theirs: the flow's first UE, as with one UE per flow.
        assertThat(asserted(registrar.admit(message("sip:dave@127.0.0.1:5070"), ALICE_FLOW)))
                .isEqualTo("<sip:alice@" + DOMAIN + ">");
        assertThat(asserted(registrar.admit(message(null), ALICE_FLOW))).isEqualTo("<sip:alice@" + DOMAIN + ">");
    }

    private static String asserted(PcscfRegistrar.Admission admission) {
        assertThat(admission).isInstanceOf(PcscfRegistrar.Admission.Admitted.class);
        return ((PcscfRegistrar.Admission.Admitted) admission).request().headerFields("P-Asserted-Identity").get(0)
                .value();
    }
}
