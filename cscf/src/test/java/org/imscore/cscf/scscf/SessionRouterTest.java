package org.imscore.cscf.scscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imscore.cscf.MutableClock;
import org.imscore.cscf.TestMessages;
import org.imscore.cscf.cx.Identities;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.uri.Uri;
import org.junit.jupiter.api.Test;

/** The S-CSCF's session routing as plain logic: originating and terminating decisions over the binding store. */
class SessionRouterTest {

    private static final String DOMAIN = "ims.example.org";
    private static final NameAddress ICSCF = NameAddress.parse("<sip:127.0.0.1:4060;lr>");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBindingStore bindings = new InMemoryBindingStore();
    private final SessionRouter router = new SessionRouter(new SessionRouter.Config(DOMAIN, ICSCF,
            "sip:scscf." + DOMAIN + ":6060"), bindings, clock);

    /** Registers {@code identities} (one implicit set) with one contact per entry of {@code contacts}. */
    private void register(List<String> identities, boolean barred, String... contacts) {
        List<UserProfile.PublicIdentity> ids = identities.stream()
                .map(i -> new UserProfile.PublicIdentity(i, barred, 0, Optional.empty())).toList();
        UserProfile profile = new UserProfile("user@" + DOMAIN, List.of(new UserProfile.ServiceProfile(ids)));
        List<ContactBinding> bound = new ArrayList<>();
        for (int i = 0; i < contacts.length; i++) {
            bound.add(new ContactBinding(0xc0 + i, NameAddress.parse("<" + contacts[i] + ">"), NOW.plusSeconds(600),
                    NOW, "reg-call", 1, List.of(NameAddress.parse("<sip:term@127.0.0.1:5060;lr>")),
                    RegInfo.ContactEvent.REGISTERED));
        }
        for (String identity : identities) {
            bindings.put(new Registration(identity, "user@" + DOMAIN, identity.hashCode(), bound, profile));
        }
    }

    private static SipRequest invite(String requestUri, String extraHeaders) {
        return (SipRequest) TestMessages.text("INVITE " + requestUri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\n"
                + "Max-Forwards: 69\n"
                + "From: <sip:alice@" + DOMAIN + ">;tag=a1\n"
                + "To: <" + requestUri + ">\n"
                + "Call-ID: call-1\n"
                + "CSeq: 1 INVITE\n"
                + "Contact: <sip:alice@127.0.0.1:5070>\n"
                + extraHeaders
                + "Content-Length: 0\n\n");
    }

    @Test
    void anOriginatingRequestToAHomeUserGoesToTheIcscf() {
        register(List.of("sip:alice@" + DOMAIN), false, "sip:alice@127.0.0.1:5070");

        SessionRouter.Decision d = router.originating(invite("sip:bob@" + DOMAIN,
                "P-Asserted-Identity: <sip:alice@" + DOMAIN + ">\n"));

        assertThat(d).isInstanceOfSatisfying(SessionRouter.Decision.Fork.class, f -> {
            assertThat(f.legs()).singleElement().satisfies(leg -> {
                assertThat(leg.routes()).extracting(NameAddress::toString).containsExactly(ICSCF.toString());
                assertThat(leg.requestUri().toString()).isEqualTo("sip:bob@" + DOMAIN);
            });
        });
    }

    @Test
    void anOriginatingRequestToANumberGoesToTheIcscfAndOneToAnotherDomainDoesNot() {
        register(List.of("sip:alice@" + DOMAIN), false, "sip:alice@127.0.0.1:5070");
        String pai = "P-Asserted-Identity: <sip:alice@" + DOMAIN + ">\n";

        SessionRouter.Decision tel = router.originating(invite("tel:+15551234", pai));
        SessionRouter.Decision foreign = router.originating(invite("sip:carol@other.example.net", pai));

        assertThat(((SessionRouter.Decision.Fork) tel).legs().get(0).routes()).hasSize(1);
        assertThat(((SessionRouter.Decision.Fork) foreign).legs().get(0).routes()).isEmpty();
    }

    @Test
    void aNumberInTheLocalTableIsTranslatedBeforeTheTargetNetworkIsDecided() {
        SessionRouter translating = new SessionRouter(new SessionRouter.Config(DOMAIN, ICSCF,
                "sip:scscf." + DOMAIN + ":6060", ForkingConfig.defaults(), NumberTable.of(java.util.Map.of(
                        "+15550100", "sip:carol@partner.example.net", "+15550200", "sip:bob@" + DOMAIN))),
                bindings, clock);
        register(List.of("sip:alice@" + DOMAIN), false, "sip:alice@127.0.0.1:5070");
        String pai = "P-Asserted-Identity: <sip:alice@" + DOMAIN + ">\n";

        SipRequest foreign = ((SessionRouter.Decision.Fork) translating.originating(invite("tel:+15550100", pai)))
                .legs().get(0);
        SipRequest home = ((SessionRouter.Decision.Fork) translating.originating(invite("tel:+15550200", pai)))
                .legs().get(0);

        assertThat(foreign.requestUri().toString()).isEqualTo("sip:carol@partner.example.net");
        assertThat(foreign.routes()).isEmpty();
        assertThat(home.requestUri().toString()).isEqualTo("sip:bob@" + DOMAIN);
        assertThat(home.routes()).extracting(NameAddress::toString).containsExactly(ICSCF.toString());
    }

    @Test
    void anOriginatingRequestNeedsARegisteredUnbarredAssertedIdentity() {
        register(List.of("sip:barred@" + DOMAIN), true, "sip:barred@127.0.0.1:5071");

        assertThat(status(router.originating(invite("sip:bob@" + DOMAIN, "")))).isEqualTo(403);
        assertThat(status(router.originating(invite("sip:bob@" + DOMAIN,
                "P-Asserted-Identity: <sip:stranger@" + DOMAIN + ">\n")))).isEqualTo(403);
        assertThat(status(router.originating(invite("sip:bob@" + DOMAIN,
                "P-Asserted-Identity: <sip:barred@" + DOMAIN + ">\n")))).isEqualTo(403);
        assertThat(status(router.originating(invite("sip:bob@" + DOMAIN,
                "P-Asserted-Identity: not a uri\n")))).isEqualTo(400);
    }

    @Test
    void aTerminatingRequestForksToEveryActiveContactAlongItsPath() {
        register(List.of("sip:bob@" + DOMAIN), false, "sip:bob@127.0.0.1:5080", "sip:bob@127.0.0.1:5081");

        SessionRouter.Decision d = router.terminating(invite("sip:bob@" + DOMAIN, ""));

        assertThat(d).isInstanceOfSatisfying(SessionRouter.Decision.Fork.class, f -> {
            assertThat(f.legs()).extracting(l -> l.requestUri().toString())
                    .containsExactly("sip:bob@127.0.0.1:5080", "sip:bob@127.0.0.1:5081");
            assertThat(f.legs()).allSatisfy(l -> {
                assertThat(l.routes()).extracting(NameAddress::toString)
                        .containsExactly("<sip:term@127.0.0.1:5060;lr>");
                assertThat(l.headerFields("P-Called-Party-ID")).singleElement()
                        .satisfies(h -> assertThat(h.value()).isEqualTo("<sip:bob@" + DOMAIN + ">"));
            });
        });
    }

    @Test
    void aTerminatingRequestForSomeoneWithoutLiveContactsIs480AndForABarredIdentity404() {
        register(List.of("sip:bob@" + DOMAIN), false, "sip:bob@127.0.0.1:5080");
        register(List.of("sip:barred@" + DOMAIN), true, "sip:barred@127.0.0.1:5071");

        assertThat(status(router.terminating(invite("sip:carol@" + DOMAIN, "")))).isEqualTo(480);
        assertThat(status(router.terminating(invite("sip:barred@" + DOMAIN, "")))).isEqualTo(404);
        clock.advance(Duration.ofSeconds(601));
        assertThat(status(router.terminating(invite("sip:bob@" + DOMAIN, "")))).isEqualTo(480);
    }

    @Test
    void aNumberReachesTheIdentityOfTheImplicitSetThatHoldsIt() {
        register(List.of("sip:dave@" + DOMAIN, "tel:+15551234"), false, "sip:dave@127.0.0.1:5090");

        assertThat(router.terminating(invite("tel:+1-555-1234", ""))).isInstanceOf(SessionRouter.Decision.Fork.class);
        assertThat(router.terminating(invite("sip:+15551234@" + DOMAIN + ";user=phone", "")))
                .isInstanceOf(SessionRouter.Decision.Fork.class);
        assertThat(Identities.routingKey(Uri.parse("sip:+1-555-1234@" + DOMAIN + ";user=phone")))
                .isEqualTo("tel:+15551234");
        assertThat(Identities.routingKey(Uri.parse("sip:+15551234@" + DOMAIN))).isEqualTo("sip:+15551234@" + DOMAIN);
    }

    @Test
    void theRouteNamingUsByServerNameIsRemovedAndTheServiceRouteMarksOriginating() {
        SipRequest fromIcscf = invite("sip:bob@" + DOMAIN, "Route: <sip:scscf." + DOMAIN + ":6060;lr>, <sip:x@y;lr>\n");
        SipRequest fromPcscf = invite("sip:bob@" + DOMAIN, "Route: <sip:orig@127.0.0.1:6060;lr>\n");

        assertThat(router.withoutOwnName(fromIcscf).routes()).extracting(NameAddress::toString)
                .containsExactly("<sip:x@y;lr>");
        assertThat(SessionRouter.isOriginating(fromPcscf)).isTrue();
        assertThat(SessionRouter.isOriginating(fromIcscf)).isFalse();
    }

    private static int status(SessionRouter.Decision d) {
        return ((SessionRouter.Decision.Reject) d).response().statusCode();
    }
}
