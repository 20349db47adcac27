package org.imscore.cscf.pcscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.imscore.sip.message.NameAddress;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Uri;
import org.junit.jupiter.api.Test;

/**
 * The indexes of the in-memory binding store answer as a scan of every binding with {@link Uri#equivalent} would:
 * contacts equivalent under RFC 3261 §19.1.4 (host case, escaped user) find and replace each other, contacts that
 * differ in user, port or a significant parameter do not, and each lookup keeps the order of registration.
 */
class InMemoryPcscfBindingStoreTest {

    private static final Instant UNTIL = Instant.parse("2026-01-01T01:00:00Z");
    private static final Endpoint FLOW = Endpoint.udp("127.0.0.1", 5070);
    private static final Endpoint OTHER_FLOW = Endpoint.udp("127.0.0.1", 5080);

    private final InMemoryPcscfBindingStore store = new InMemoryPcscfBindingStore();

    private static PcscfBinding binding(String contact, Endpoint source, String impu) {
        return new PcscfBinding(Uri.parse(contact), source, impu, List.of(impu),
                List.of(NameAddress.parse("<sip:orig@127.0.0.1:6060;lr>")), UNTIL);
    }

    @Test
    void equivalentContactsFindAndReplaceEachOther() {
        store.put(binding("sip:alice@127.0.0.1:5070;transport=udp", FLOW, "sip:alice@ims.example.org"));

        assertThat(store.ofContact(Uri.parse("sip:alice@127.0.0.1:5070;transport=UDP"))).isPresent();
        assertThat(store.ofContact(Uri.parse("sip:%61lice@127.0.0.1:5070;transport=udp"))).isPresent();
        assertThat(store.ofContact(Uri.parse("sip:alice@127.0.0.1:5071;transport=udp"))).isEmpty();
        assertThat(store.ofContact(Uri.parse("sip:alice@127.0.0.1:5070;transport=tcp"))).isEmpty();
        assertThat(store.ofContact(Uri.parse("sip:Alice@127.0.0.1:5070;transport=udp"))).isEmpty();
        assertThat(store.ofContact(Uri.parse("sips:alice@127.0.0.1:5070;transport=udp"))).isEmpty();

        // Re-registered from another flow: one binding, the new one, under every index.
        store.put(binding("sip:%61lice@127.0.0.1:5070;transport=udp", OTHER_FLOW, "sip:alice@ims.example.org"));
        assertThat(store.all()).singleElement().satisfies(b -> assertThat(b.source()).isEqualTo(OTHER_FLOW));
        assertThat(store.fromSource(FLOW)).isEmpty();
        assertThat(store.fromSource(OTHER_FLOW)).hasSize(1);
        assertThat(store.fromHost("127.0.0.1")).hasSize(1);
    }

    @Test
    void manyUesOnOneFlowKeepTheirOrderAndLeaveOneByOne() {
        for (int i = 1; i <= 3; i++) {
            store.put(binding("sip:ue" + i + "@127.0.0.1:5070", FLOW, "sip:ue" + i + "@ims.example.org"));
        }
        store.put(binding("sip:other@127.0.0.1:5080", OTHER_FLOW, "sip:other@ims.example.org"));

        assertThat(store.fromSource(FLOW)).extracting(PcscfBinding::publicIdentity)
                .containsExactly("sip:ue1@ims.example.org", "sip:ue2@ims.example.org", "sip:ue3@ims.example.org");
        assertThat(store.fromHost("127.0.0.1")).hasSize(4);
        assertThat(store.ofContact(Uri.parse("sip:ue2@127.0.0.1:5070")))
                .hasValueSatisfying(b -> assertThat(b.publicIdentity()).isEqualTo("sip:ue2@ims.example.org"));

        assertThat(store.remove(Uri.parse("sip:ue2@127.0.0.1:5070"))).isTrue();
        assertThat(store.remove(Uri.parse("sip:ue2@127.0.0.1:5070"))).isFalse();
        assertThat(store.ofContact(Uri.parse("sip:ue2@127.0.0.1:5070"))).isEmpty();
        assertThat(store.fromSource(FLOW)).extracting(PcscfBinding::publicIdentity)
                .containsExactly("sip:ue1@ims.example.org", "sip:ue3@ims.example.org");

        store.remove(Uri.parse("sip:ue1@127.0.0.1:5070"));
        store.remove(Uri.parse("sip:ue3@127.0.0.1:5070"));
        assertThat(store.fromSource(FLOW)).isEmpty();
        assertThat(store.fromHost("127.0.0.1")).hasSize(1);
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void lookupsOnASharedFlowStopAtTheFirstMatchAndCount() {
        for (int i = 1; i <= 3; i++) {
            store.put(binding("sip:ue" + i + "@127.0.0.1:5070", FLOW, "sip:ue" + i + "@ims.example.org"));
        }

        assertThat(store.hasSource(FLOW)).isTrue();
        assertThat(store.hasSource(OTHER_FLOW)).isFalse();
        assertThat(store.firstFromSource(FLOW, b -> true)).hasValueSatisfying(
                b -> assertThat(b.publicIdentity()).isEqualTo("sip:ue1@ims.example.org"));
        assertThat(store.firstFromSource(FLOW, b -> b.publicIdentity().startsWith("sip:ue3"))).isPresent();
        assertThat(store.firstFromSource(OTHER_FLOW, b -> true)).isEmpty();
        assertThat(store.firstFromHost("127.0.0.1", b -> b.publicIdentity().equals("sip:ue2@ims.example.org")))
                .isPresent();
        assertThat(store.firstFromHost("127.0.0.2", b -> true)).isEmpty();
        assertThat(store.countFromHost("127.0.0.1")).isEqualTo(3);

        // Re-registering ue1 (same contact) moves it to the end of its flow; the count stays.
        store.put(binding("sip:ue1@127.0.0.1:5070", FLOW, "sip:ue1@ims.example.org"));
        assertThat(store.fromSource(FLOW)).extracting(PcscfBinding::publicIdentity)
                .containsExactly("sip:ue2@ims.example.org", "sip:ue3@ims.example.org", "sip:ue1@ims.example.org");
        assertThat(store.countFromHost("127.0.0.1")).isEqualTo(3);

        for (int i = 1; i <= 3; i++) {
            store.remove(Uri.parse("sip:ue" + i + "@127.0.0.1:5070"));
        }
        assertThat(store.hasSource(FLOW)).isFalse();
        assertThat(store.countFromHost("127.0.0.1")).isZero();
    }

    @Test
    void contactsThatShareAKeyButAreNotEquivalentLiveSideBySideAndLeaveAlone() {
        // Same user, host and port (one key), different transport (not equivalent): a bucket of three.
        store.put(binding("sip:carol@127.0.0.1:5070;transport=udp", FLOW, "sip:carol.udp@ims.example.org"));
        store.put(binding("sip:carol@127.0.0.1:5070;transport=tcp", OTHER_FLOW, "sip:carol.tcp@ims.example.org"));
        store.put(binding("sip:carol@127.0.0.1:5070;transport=sctp", FLOW, "sip:carol.sctp@ims.example.org"));

        assertThat(store.ofContact(Uri.parse("sip:carol@127.0.0.1:5070;transport=TCP")))
                .hasValueSatisfying(b -> assertThat(b.publicIdentity()).isEqualTo("sip:carol.tcp@ims.example.org"));
        assertThat(store.remove(Uri.parse("sip:carol@127.0.0.1:5070;transport=tcp"))).isTrue();
        assertThat(store.ofContact(Uri.parse("sip:carol@127.0.0.1:5070;transport=tcp"))).isEmpty();
        assertThat(store.ofContact(Uri.parse("sip:carol@127.0.0.1:5070;transport=udp"))).isPresent();
        assertThat(store.ofContact(Uri.parse("sip:carol@127.0.0.1:5070;transport=sctp"))).isPresent();
        assertThat(store.hasSource(OTHER_FLOW)).isFalse();
        assertThat(store.fromSource(FLOW)).extracting(PcscfBinding::publicIdentity)
                .containsExactly("sip:carol.udp@ims.example.org", "sip:carol.sctp@ims.example.org");

        // Re-registering one of them replaces it alone, and moves it to the end of its flow.
        store.put(binding("sip:carol@127.0.0.1:5070;transport=udp", FLOW, "sip:carol.again@ims.example.org"));
        assertThat(store.fromSource(FLOW)).extracting(PcscfBinding::publicIdentity)
                .containsExactly("sip:carol.sctp@ims.example.org", "sip:carol.again@ims.example.org");
        assertThat(store.countFromHost("127.0.0.1")).isEqualTo(2);
    }

    @Test
    void uesOnFlowsOfTheirOwnShareTheHostListInRegistrationOrder() {
        for (int i = 1; i <= 4; i++) {
            store.put(binding("sip:ue" + i + "@10.0.0.1:" + (5000 + i), Endpoint.udp("10.0.0.1", 5000 + i),
                    "sip:ue" + i + "@ims.example.org"));
        }
        store.remove(Uri.parse("sip:ue1@10.0.0.1:5001"));
        store.remove(Uri.parse("sip:ue4@10.0.0.1:5004"));

        assertThat(store.fromHost("10.0.0.1")).extracting(PcscfBinding::publicIdentity)
                .containsExactly("sip:ue2@ims.example.org", "sip:ue3@ims.example.org");
        assertThat(store.firstFromHost("10.0.0.1", b -> b.publicIdentity().contains("ue3")))
                .hasValueSatisfying(b -> assertThat(b.source()).isEqualTo(Endpoint.udp("10.0.0.1", 5003)));
        assertThat(store.hasSource(Endpoint.udp("10.0.0.1", 5001))).isFalse();
        assertThat(store.fromSource(Endpoint.udp("10.0.0.1", 5002))).hasSize(1);
        store.remove(Uri.parse("sip:ue2@10.0.0.1:5002"));
        store.remove(Uri.parse("sip:ue3@10.0.0.1:5003"));
        assertThat(store.fromHost("10.0.0.1")).isEmpty();
        assertThat(store.countFromHost("10.0.0.1")).isZero();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void thousandsOfContactsStayFoundWhileTheIndexGrowsAndShrinks() {
        // Non-SIP contacts all share one key, so their chain crosses every growth of the table with them.
        for (int i = 0; i < 3; i++) {
            store.put(binding("tel:+1555010" + i, OTHER_FLOW, "tel:+1555010" + i));
        }
        int ues = 5_000;
        for (int i = 0; i < ues; i++) {
            store.put(binding("sip:ue" + i + "@10.1." + (i / 250) + "." + (i % 250) + ":5060", FLOW,
                    "sip:ue" + i + "@ims.example.org"));
        }
        for (int i = 0; i < ues; i += 2) {
            assertThat(store.remove(Uri.parse("sip:UE" + i + "@10.1." + (i / 250) + "." + (i % 250) + ":5060")))
                    .isFalse(); // the user part is case-sensitive: not the same contact
            assertThat(store.remove(Uri.parse("sip:%75e" + i + "@10.1." + (i / 250) + "." + (i % 250) + ":5060")))
                    .isTrue();
        }

        for (int i = 0; i < ues; i++) {
            String contact = "sip:ue" + i + "@10.1." + (i / 250) + "." + (i % 250) + ":5060";
            if (i % 2 == 0) {
                assertThat(store.ofContact(Uri.parse(contact))).as(contact).isEmpty();
            } else {
                assertThat(store.ofContact(Uri.parse(contact))).as(contact)
                        .hasValueSatisfying(b -> assertThat(b.contactText()).isEqualTo(contact));
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(store.ofContact(Uri.parse("tel:+1555010" + i)))
                    .hasValueSatisfying(b -> assertThat(b.publicIdentity()).startsWith("tel:+1555010"));
        }
        assertThat(store.ofContact(Uri.parse("tel:+15550109"))).isEmpty();
        assertThat(store.remove(Uri.parse("tel:+15550101"))).isTrue();
        assertThat(store.ofContact(Uri.parse("tel:+15550101"))).isEmpty();
        assertThat(store.ofContact(Uri.parse("tel:+15550102"))).isPresent();
        assertThat(store.fromSource(FLOW)).hasSize(ues / 2);
        assertThat(store.all()).hasSize(ues / 2 + 2);
    }

    @Test
    void associatedUrisOfJustTheIdentityReadBackAsIt() {
        PcscfBinding own = binding("sip:dave@127.0.0.1:5070", FLOW, "sip:dave@ims.example.org");
        PcscfBinding more = new PcscfBinding(Uri.parse("sip:dave@127.0.0.1:5070"), FLOW, "sip:dave@ims.example.org",
                List.of("sip:dave@ims.example.org", "tel:+15550100"), List.of(), UNTIL);

        assertThat(own.associatedUris()).containsExactly("sip:dave@ims.example.org");
        assertThat(more.associatedUris()).containsExactly("sip:dave@ims.example.org", "tel:+15550100");
        assertThat(own).isNotEqualTo(more);
        assertThat(new PcscfBinding(Uri.parse("sip:dave@127.0.0.1:5070"), FLOW, "sip:dave@ims.example.org",
                List.of(), List.of(), UNTIL).associatedUris()).isEmpty();
    }
}
