package org.imscore.cscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.imscore.cscf.cx.DiameterCxClientAccess;
import org.imscore.cscf.cx.MultimediaAuthAnswer;
import org.imscore.cscf.cx.RegistrationTermination;
import org.imscore.cscf.cx.ServerAssignmentAnswer;
import org.imscore.cscf.icscf.IcscfConfig;
import org.imscore.cscf.icscf.IcscfRegistrar;
import org.imscore.cscf.icscf.ScscfEntry;
import org.imscore.cscf.pcscf.GmProtection;
import org.imscore.cscf.pcscf.InMemoryPcscfBindingStore;
import org.imscore.cscf.pcscf.PcscfBinding;
import org.imscore.cscf.pcscf.PcscfConfig;
import org.imscore.cscf.pcscf.PcscfRegistrar;
import org.imscore.cscf.regevent.RegEventConfig;
import org.imscore.cscf.regevent.RegEventNotifier;
import org.imscore.cscf.regevent.RegInfoXml;
import org.imscore.cscf.scscf.InMemoryBindingStore;
import org.imscore.cscf.scscf.InMemoryChallengeStore;
import org.imscore.cscf.scscf.ScscfConfig;
import org.imscore.cscf.scscf.ScscfRegistrar;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;

/**
 * The three roles chained without sockets: the phone's captured REGISTERs go UE -> P-CSCF -> I-CSCF -> S-CSCF and the
 * answers come back through the P-CSCF; then the P-CSCF subscribes to reg-event and learns of an HSS-initiated
 * de-registration. Via handling and transport are the proxy core's and are left out.
 */
class RegistrationFlowTest {

    static final String REALM = CaptureVectors.REALM;
    static final Endpoint UE = Endpoint.udp("192.168.101.2", 5060);

    final MutableClock clock = new MutableClock(Instant.parse("2020-04-17T08:00:34Z"));
    final ScriptedHss hss = new ScriptedHss();
    final PcscfRegistrar pcscf = new PcscfRegistrar(new PcscfConfig(REALM,
            NameAddress.parse("<sip:term@pcscf." + REALM + ";lr>"), REALM,
            NameAddress.parse("<sip:icscf." + REALM + ":4060;lr>"), "10.4.128.21", REALM),
            new InMemoryPcscfBindingStore(), clock, new Counter());
    final IcscfRegistrar icscf = new IcscfRegistrar(new IcscfConfig(List.of(new ScscfEntry(CaptureVectors.SERVER_NAME,
            Set.of(1L))), REALM, 30), hss);
    final ScscfRegistrar scscf = new ScscfRegistrar(ScscfConfig.defaults(CaptureVectors.SERVER_NAME, REALM,
            NameAddress.parse("<sip:orig@scscf." + REALM + ":6060;lr>")), hss, new InMemoryBindingStore(),
            new InMemoryChallengeStore(), clock, new Counter());
    final RegEventNotifier notifier = new RegEventNotifier(RegEventConfig.defaults(
            SipUri.parse("sip:scscf." + REALM + ":6060")), scscf, clock, new Counter());

    RegistrationFlowTest() {
        hss.onUar = r -> DiameterCxClientAccess.uaa(CaptureVectors.diameter("nonipsec/304-uaa.bin"));
        hss.onMar = r -> new MultimediaAuthAnswer(r.privateIdentity(), r.publicIdentity(),
                List.of(CaptureVectors.NONIPSEC));
        hss.onSar = r -> new ServerAssignmentAnswer(Optional.empty(), Optional.of(CaptureVectors.profile()),
                List.of());
    }

    /** P-CSCF, I-CSCF, S-CSCF; the S-CSCF's answer as the UE gets it. */
    SipResponse throughTheCore(SipRequest fromUe, GmProtection protection) {
        SipRequest toIcscf = ((PcscfRegistrar.RegisterDecision.Forward) pcscf.forwardRegister(fromUe, protection))
                .request();
        SipRequest toScscf = ((IcscfRegistrar.Decision.Forward) icscf.route(toIcscf).toCompletableFuture().join())
                .request();
        assertThat(toScscf.requestUri().toString()).isEqualTo(CaptureVectors.SERVER_NAME);
        ScscfRegistrar.Outcome outcome = scscf.register(toScscf).toCompletableFuture().join();
        notifier.stateChanged(outcome.regEvent());
        SipResponse r = outcome.response();
        if (r.statusCode() == 401) {
            return pcscf.relayChallenge(r).toUe();
        }
        return pcscf.registered(fromUe, UE, r);
    }

    @Test
    void phoneRegistersThroughAllThreeRolesAndIsDeregisteredByTheHss() {
        SipResponse challenge = throughTheCore(TestMessages.request("nonipsec/161-register-ue-to-pcscf.sip"),
                GmProtection.NONE);
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headerValue("WWW-Authenticate")).hasValue("Digest realm=\"" + REALM
                + "\", nonce=\"8SA0p/qltIMlBqyAM/vqAFr2Rj1SH4AAMadojvfm1sU=\", algorithm=AKAv1-MD5, "
                + "qop=\"auth,auth-int\"");

        clock.advance(Duration.ofMillis(110));
        SipResponse ok = throughTheCore(TestMessages.request("nonipsec/495-register-auth-ue-to-pcscf.sip"),
                GmProtection.NONE);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headerValue("Path")).hasValue("<sip:term@pcscf." + REALM + ";lr>");
        assertThat(hss.uars).hasSize(2);

        // The phone may now use the network; its SUBSCRIBE goes out with the asserted identity.
        PcscfRegistrar.Admission admitted = pcscf.admit(TestMessages.request("nonipsec/713-subscribe-ue-to-pcscf.sip"),
                UE);
        SipRequest ueSubscribe = ((PcscfRegistrar.Admission.Admitted) admitted).request();
        assertThat(notifier.subscribe(ueSubscribe).response().statusCode()).isEqualTo(200);

        // The P-CSCF subscribes too, and is accepted as the P-CSCF on the Path.
        PcscfBinding binding = ((PcscfRegistrar.Admission.Admitted) admitted).binding();
        SipRequest pcscfSubscribe = pcscf.regEventSubscribe(binding, "pcscf-sub-1", "p1", 600_000);
        RegEventNotifier.SubscribeResult sub = notifier.subscribe(pcscfSubscribe);
        assertThat(sub.response().statusCode()).isEqualTo(200);
        assertThat(pcscf.applyRegEvent(RegInfoXml.read(sub.firstNotify().orElseThrow().request().bodyAsString())))
                .isZero();

        // The HSS withdraws the registration; every watcher hears "terminated" and the P-CSCF drops the UE.
        List<RegEventNotifier.Notify> notifies = notifier.stateChanged(scscf.terminate(new RegistrationTermination(
                CaptureVectors.IMPI, List.of(), List.of(), RegistrationTermination.Reason.PERMANENT_TERMINATION,
                Optional.empty())).get(0));
        assertThat(notifies).hasSize(2).allSatisfy(n -> assertThat(n.request().headerValue("Subscription-State"))
                .hasValue("terminated;reason=rejected"));
        RegEventNotifier.Notify toPcscf = notifies.stream()
                .filter(n -> n.request().callId().equals("pcscf-sub-1")).findFirst().orElseThrow();
        assertThat(pcscf.applyRegEvent(RegInfoXml.read(toPcscf.request().bodyAsString()))).isEqualTo(1);
        assertThat(pcscf.admit(TestMessages.request("nonipsec/713-subscribe-ue-to-pcscf.sip"), UE))
                .isInstanceOf(PcscfRegistrar.Admission.Rejected.class);
    }
}
