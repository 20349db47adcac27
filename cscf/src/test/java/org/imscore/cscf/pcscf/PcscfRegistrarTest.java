package org.imscore.cscf.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.imscore.cscf.MutableClock;
import org.imscore.cscf.TestMessages;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.PChargingVector;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Uri;
import org.junit.jupiter.api.Test;

/** The P-CSCF's registration role on the captured messages of both registrations. */
class PcscfRegistrarTest {

    static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
    static final Endpoint UE = Endpoint.udp("192.168.101.2", 5060);

    final MutableClock clock = new MutableClock(Instant.parse("2020-04-17T08:00:34Z"));
    final InMemoryPcscfBindingStore store = new InMemoryPcscfBindingStore();
    final PcscfConfig config = new PcscfConfig(REALM, NameAddress.parse("<sip:term@pcscf." + REALM + ";lr>"), REALM,
            NameAddress.parse("<sip:icscf." + REALM + ":4060;lr>"), "10.4.128.21", REALM);
    final PcscfRegistrar pcscf = new PcscfRegistrar(config, store, clock, () -> "4956537F000001976200002200000000");

    SipRequest forwarded(SipRequest fromUe, GmProtection protection) {
        return ((PcscfRegistrar.RegisterDecision.Forward) pcscf.forwardRegister(fromUe, protection)).request();
    }

    @Test
    void capturedRegisterGetsWhatTheCapturedPcscfAddedPlusChargingAndIntegrityProtected() {
        SipRequest captured = TestMessages.request("nonipsec/181-register-pcscf-to-icscf.sip");

        SipRequest out = forwarded(TestMessages.request("nonipsec/161-register-ue-to-pcscf.sip"), GmProtection.NONE);

        assertThat(out.headerValue("Path")).isEqualTo(captured.headerValue("Path"));
        assertThat(out.headerValue("P-Visited-Network-ID")).isEqualTo(captured.headerValue("P-Visited-Network-ID"));
        assertThat(out.headers(HeaderType.REQUIRE)).containsExactly("path");
        assertThat(out.headers(HeaderType.SUPPORTED)).containsExactly("path");
        DigestCredentials auth = out.header(HeaderType.AUTHORIZATION).orElseThrow();
        DigestCredentials original = captured.header(HeaderType.AUTHORIZATION).orElseThrow();
        assertThat(auth.username()).isEqualTo(original.username());
        assertThat(auth.realm()).isEqualTo(original.realm());
        assertThat(auth.uri()).isEqualTo(original.uri());
        assertThat(auth.nonce()).isEmpty();
        assertThat(auth.get("integrity-protected")).hasValue("no");
        assertThat(out.headerValue("Authorization").orElseThrow()).contains("integrity-protected=\"no\"");
        PChargingVector pcv = out.header(HeaderType.P_CHARGING_VECTOR).orElseThrow();
        assertThat(pcv.icidValue()).isEqualTo("4956537F000001976200002200000000");
        assertThat(pcv.icidGeneratedAt()).hasValue("10.4.128.21");
        assertThat(pcv.origIoi()).hasValue(REALM);
        assertThat(out.routes()).singleElement().satisfies(r ->
                assertThat(r.uri().toString()).isEqualTo("sip:icscf." + REALM + ":4060;lr"));
        // Untouched: the Request-URI, the identities, the contact, the call.
        assertThat(out.requestUri().toString()).isEqualTo("sip:" + REALM);
        assertThat(out.contacts()).isEqualTo(TestMessages.request("nonipsec/161-register-ue-to-pcscf.sip").contacts());
        assertThat(out.callId()).isEqualTo(captured.callId());
    }

    @Test
    void registerInsideTheSasSaysIntegrityProtectedYes() {
        SipRequest out = forwarded(TestMessages.request("nonipsec/495-register-auth-ue-to-pcscf.sip"),
                GmProtection.IPSEC);

        DigestCredentials auth = out.header(HeaderType.AUTHORIZATION).orElseThrow();
        assertThat(auth.get("integrity-protected")).hasValue("yes");
        assertThat(auth.response()).isEqualTo("9dad9da7bd3272620d55ecb91d2ac017");
        assertThat(auth.nonce()).isEqualTo("8SA0p/qltIMlBqyAM/vqAFr2Rj1SH4AAMadojvfm1sU=");
    }

    @Test
    void registerWithoutAuthorizationGetsOneWithTheImpiDerivedFromTheImpu() {
        SipRequest ue = TestMessages.request("nonipsec/161-register-ue-to-pcscf.sip").toBuilder()
                .remove("Authorization").build();

        DigestCredentials auth = forwarded(ue, GmProtection.NONE).header(HeaderType.AUTHORIZATION).orElseThrow();

        assertThat(auth.username()).isEqualTo("001011234567895@" + REALM);
        assertThat(auth.realm()).isEqualTo(REALM);
        assertThat(auth.uri()).isEqualTo("sip:" + REALM);
        assertThat(auth.nonce()).isEmpty();
        assertThat(auth.response()).isEmpty();
        assertThat(auth.get("integrity-protected")).hasValue("no");
    }

    @Test
    void telImpuWithoutAuthorizationIs403() {
        SipRequest ue = TestMessages.request("nonipsec/161-register-ue-to-pcscf.sip").toBuilder()
                .remove("Authorization").set("From", "<tel:0598765432100>;tag=1").set("To", "<tel:0598765432100>")
                .build();

        PcscfRegistrar.RegisterDecision d = pcscf.forwardRegister(ue, GmProtection.NONE);

        assertThat(d).isInstanceOfSatisfying(PcscfRegistrar.RegisterDecision.Reject.class, r -> {
            assertThat(r.response().statusCode()).isEqualTo(403);
            assertThat(r.response().reasonPhrase()).isEqualTo("Forbidden - No private identity");
        });
    }

    @Test
    void malformedAuthorizationIs400NamingTheHeader() {
        SipRequest ue = TestMessages.request("nonipsec/161-register-ue-to-pcscf.sip").toBuilder()
                .set("Authorization", "Digest username=\"unterminated").build();

        PcscfRegistrar.RegisterDecision d = pcscf.forwardRegister(ue, GmProtection.NONE);

        assertThat(d).isInstanceOfSatisfying(PcscfRegistrar.RegisterDecision.Reject.class, r -> {
            assertThat(r.response().statusCode()).isEqualTo(400);
            assertThat(r.response().reasonPhrase()).isEqualTo("Bad Authorization header");
        });
    }

    @Test
    void secAgreeIsEndedHereAndUntrustedHeadersFromTheUeAreReplaced() {
        SipRequest ue = TestMessages.request("ipsec/281-register-ue-to-pcscf.sip").toBuilder()
                .add("P-Asserted-Identity", "<sip:forged@" + REALM + ">")
                .add("P-Charging-Vector", "icid-value=forged").build();

        SipRequest out = forwarded(ue, GmProtection.NONE);

        assertThat(out.hasHeader("Security-Client")).isFalse();
        assertThat(out.hasHeader("Proxy-Require")).isFalse();
        assertThat(out.headers(HeaderType.REQUIRE)).containsExactly("path");
        assertThat(out.headers(HeaderType.SUPPORTED)).containsExactly("path", "gruu");
        assertThat(out.hasHeader("P-Asserted-Identity")).isFalse();
        assertThat(out.header(HeaderType.P_CHARGING_VECTOR).orElseThrow().icidValue())
                .isEqualTo("4956537F000001976200002200000000");
    }

    @Test
    void challengeLosesCkAndIkWhichAreReturnedForTheSas() {
        SipResponse fromIcscf = TestMessages.response("nonipsec/427-401-icscf-to-pcscf.sip");

        PcscfRegistrar.ChallengeRelay relay = pcscf.relayChallenge(fromIcscf);

        DigestChallenge c = relay.toUe().header(HeaderType.WWW_AUTHENTICATE).orElseThrow();
        assertThat(c.ck()).isEmpty();
        assertThat(c.ik()).isEmpty();
        assertThat(relay.toUe().headerValue("WWW-Authenticate")).hasValue("Digest realm=\"" + REALM
                + "\", nonce=\"8SA0p/qltIMlBqyAM/vqAFr2Rj1SH4AAMadojvfm1sU=\", algorithm=AKAv1-MD5, "
                + "qop=\"auth,auth-int\"");
        assertThat(relay.keys()).hasValueSatisfying(k -> {
            assertThat(HexFormat.of().formatHex(k.ck())).isEqualTo("b12bd6d3bf809a6cf001a58187353060");
            assertThat(HexFormat.of().formatHex(k.ik())).isEqualTo("66cb51e13b70780e328e43ea52951d3f");
        });
        assertThat(relay.toUe().vias()).isEqualTo(fromIcscf.vias());
        assertThat(relay.toUe().to()).isEqualTo(fromIcscf.to());
    }

    @Test
    void challengeWithoutKeysPassesUnchanged() {
        SipResponse md5 = TestMessages.response("nonipsec/427-401-icscf-to-pcscf.sip").toBuilder()
                .set("WWW-Authenticate", "Digest realm=\"" + REALM + "\", nonce=\"abc\", algorithm=MD5, qop=\"auth\"")
                .build();

        PcscfRegistrar.ChallengeRelay relay = pcscf.relayChallenge(md5);

        assertThat(relay.keys()).isEmpty();
        assertThat(relay.toUe().header(HeaderType.WWW_AUTHENTICATE).orElseThrow().nonce()).isEqualTo("abc");
    }

    @Test
    void capturedOkCreatesTheBindingWithAssociatedUrisAndServiceRoute() {
        SipRequest ue = TestMessages.request("nonipsec/495-register-auth-ue-to-pcscf.sip");
        SipResponse ok = TestMessages.response("nonipsec/707-200-icscf-to-pcscf.sip");

        assertThat(pcscf.registered(ue, UE, ok)).isSameAs(ok);

        assertThat(store.all()).singleElement().satisfies(b -> {
            assertThat(b.contact().toString()).isEqualTo("sip:192.168.101.2:5060");
            assertThat(b.source()).isEqualTo(UE);
            assertThat(b.associatedUris()).containsExactly("tel:0598765432100", "sip:0598765432100");
            assertThat(b.serviceRoute()).singleElement().satisfies(r ->
                    assertThat(r.toString()).isEqualTo("<sip:orig@scscf." + REALM + ":6060;lr>"));
            assertThat(b.expiresAt()).isEqualTo(clock.instant().plusSeconds(540000));
        });
    }

    @Test
    void bindingsShareTheServiceRouteAndFlowOfUesThatHaveTheSame() {
        SipRequest ue = TestMessages.request("nonipsec/495-register-auth-ue-to-pcscf.sip");
        SipResponse ok = TestMessages.response("nonipsec/707-200-icscf-to-pcscf.sip");
        String impu = ue.to().uri().toString();
        // A second UE behind the same flow, answered by a 200 parsed anew (its own Service-Route instance).
        SipRequest other = ue.toBuilder().set("Contact", "<sip:192.168.101.3:5060>;expires=600000")
                .set("To", "<sip:0598765432100@" + REALM + ">").build();
        SipResponse otherOk = TestMessages.response("nonipsec/707-200-icscf-to-pcscf.sip").toBuilder()
                .set("Contact", "<sip:192.168.101.3:5060>;expires=600000")
                .set("P-Associated-URI", "<sip:0598765432100@" + REALM + ">, <tel:0598765432100>").build();

        pcscf.registered(ue, Endpoint.udp("192.168.101.2", 5060), ok);
        pcscf.registered(other, Endpoint.udp("192.168.101.2", 5060), otherOk);

        PcscfBinding first = store.ofContact(Uri.parse("sip:192.168.101.2:5060")).orElseThrow();
        PcscfBinding second = store.ofContact(Uri.parse("sip:192.168.101.3:5060")).orElseThrow();
        assertThat(second.serviceRoute()).isSameAs(first.serviceRoute())
                .isEqualTo(ok.headers(HeaderType.SERVICE_ROUTE));
        assertThat(second.source()).isSameAs(first.source()).isEqualTo(UE);
        assertThat(first.publicIdentity()).isEqualTo(impu);
        assertThat(first.associatedUris()).containsExactly("tel:0598765432100", "sip:0598765432100");
        // The default identity the IMPU itself: held once.
        assertThat(second.publicIdentity()).isEqualTo("sip:0598765432100@" + REALM);
        assertThat(second.associatedUris()).containsExactly("sip:0598765432100@" + REALM, "tel:0598765432100");
        assertThat(second.associatedUris().get(0)).isSameAs(second.publicIdentity());
        assertThat(store.fromSource(UE)).containsExactly(first, second);
    }

    @Test
    void capturedSubscribeFromTheRegisteredUeIsAdmittedWithAssertedIdentityAndServiceRoute() {
        register();
        SipRequest captured = TestMessages.request("nonipsec/717-subscribe-pcscf-to-scscf.sip");

        PcscfRegistrar.Admission a = pcscf.admit(TestMessages.request("nonipsec/713-subscribe-ue-to-pcscf.sip"), UE);

        assertThat(a).isInstanceOfSatisfying(PcscfRegistrar.Admission.Admitted.class, ok -> {
            SipRequest out = ok.request();
            assertThat(out.headerValue("P-Asserted-Identity")).isEqualTo(captured.headerValue("P-Asserted-Identity"));
            assertThat(out.hasHeader("P-Preferred-Identity")).isFalse();
            assertThat(out.headerValue("Route")).isEqualTo(captured.headerValue("Route"));
            assertThat(out.header(HeaderType.P_CHARGING_VECTOR)).isPresent();
        });
    }

    @Test
    void preferredIdentityThatIsNotTheUesOwnIsRefused() {
        register();
        SipRequest s = TestMessages.request("nonipsec/713-subscribe-ue-to-pcscf.sip").toBuilder()
                .set("P-Preferred-Identity", "<sip:someone-else@" + REALM + ">").build();

        PcscfRegistrar.Admission a = pcscf.admit(s, UE);

        assertThat(a).isInstanceOfSatisfying(PcscfRegistrar.Admission.Rejected.class, r -> {
            assertThat(r.response().statusCode()).isEqualTo(403);
            assertThat(r.response().reasonPhrase()).isEqualTo("Forbidden - P-Preferred-Identity not registered");
        });
    }

    @Test
    void preferredIdentityFromTheRegisteredSetIsAsserted() {
        register();
        SipRequest s = TestMessages.request("nonipsec/713-subscribe-ue-to-pcscf.sip").toBuilder()
                .set("P-Preferred-Identity", "<sip:0598765432100>").build();

        PcscfRegistrar.Admission a = pcscf.admit(s, UE);

        assertThat(((PcscfRegistrar.Admission.Admitted) a).request().headerValue("P-Asserted-Identity"))
            .hasValue("<sip:0598765432100>");
    }

    @Test
    void requestsFromUnregisteredUesAre403AndAnAckIsDropped() {
        SipRequest s = TestMessages.request("nonipsec/713-subscribe-ue-to-pcscf.sip");

        assertThat(pcscf.admit(s, UE)).isInstanceOfSatisfying(PcscfRegistrar.Admission.Rejected.class, r -> {
            assertThat(r.response().statusCode()).isEqualTo(403);
            assertThat(r.response().reasonPhrase()).isEqualTo("Forbidden - Not registered");
        });
        SipRequest ack = s.toBuilder().method("ACK").set("CSeq", "909056856 ACK").build();
        assertThat(pcscf.admit(ack, UE)).isInstanceOf(PcscfRegistrar.Admission.Discarded.class);

        register();
        assertThat(pcscf.admit(s, Endpoint.udp("192.168.101.99", 5060)))
                .isInstanceOf(PcscfRegistrar.Admission.Rejected.class);
        assertThat(pcscf.admit(s, UE)).isInstanceOf(PcscfRegistrar.Admission.Admitted.class);

        clock.advance(Duration.ofSeconds(540000));
        assertThat(pcscf.admit(s, UE)).isInstanceOf(PcscfRegistrar.Admission.Rejected.class);
    }

    @Test
    void inDialogRequestPassesUnchanged() {
        register();
        SipRequest bye = (SipRequest) TestMessages.text("BYE sip:peer@192.0.2.50 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.168.101.2:5060;branch=z9hG4bKb1\n"
                + "From: <tel:0598765432100>;tag=a\nTo: <sip:peer@" + REALM + ">;tag=b\n"
                + "Call-ID: call-1\nCSeq: 2 BYE\nMax-Forwards: 70\nRoute: <sip:mo@10.4.128.21;lr>\n"
                + "Content-Length: 0\n\n");

        PcscfRegistrar.Admission a = pcscf.admit(bye, Endpoint.tcp("192.168.101.2", 40000));

        assertThat(a).isInstanceOfSatisfying(PcscfRegistrar.Admission.Admitted.class,
                ok -> assertThat(ok.request()).isSameAs(bye));
    }

    @Test
    void deregistrationOkRemovesTheBinding() {
        register();
        SipRequest dereg = TestMessages.request("nonipsec/495-register-auth-ue-to-pcscf.sip").toBuilder()
                .set("Expires", "0").build();
        SipResponse ok = TestMessages.response("nonipsec/707-200-icscf-to-pcscf.sip").toBuilder()
                .remove("Contact").build();

        pcscf.registered(dereg, UE, ok);

        assertThat(store.all()).isEmpty();
    }

    @Test
    void regEventWithTerminatedContactsDeregistersTheUeHere() {
        register();
        RegInfo info = new RegInfo(3, RegInfo.DocumentState.FULL, List.of(new RegInfo.Registration(
                "tel:0598765432100", "r", RegInfo.RegistrationState.TERMINATED, List.of(RegInfo.Contact.of("c",
                RegInfo.ContactEvent.DEACTIVATED, "sip:192.168.101.2:5060;alias=192.168.101.2~5060~1",
                OptionalLong.empty(), List.of())))));

        assertThat(pcscf.applyRegEvent(info)).isEqualTo(1);

        assertThat(pcscf.admit(TestMessages.request("nonipsec/713-subscribe-ue-to-pcscf.sip"), UE))
                .isInstanceOf(PcscfRegistrar.Admission.Rejected.class);
    }

    @Test
    void icidValuesAreUniqueHexOfFixedLength() {
        IcidGenerator icids = new IcidGenerator(clock, new Random(1));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String v = icids.get();
            assertThat(v).matches("[0-9A-F]{32}");
            seen.add(v);
        }
        assertThat(seen).hasSize(1000);
    }

    private void register() {
        pcscf.registered(TestMessages.request("nonipsec/495-register-auth-ue-to-pcscf.sip"), UE,
                TestMessages.response("nonipsec/707-200-icscf-to-pcscf.sip"));
    }
}
