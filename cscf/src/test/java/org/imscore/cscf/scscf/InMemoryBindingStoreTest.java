package org.imscore.cscf.scscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.sip.message.NameAddress;
import org.junit.jupiter.api.Test;

class InMemoryBindingStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    private static final String DOMAIN = "ims.test";

    private static ContactBinding contact(int id, String uri, long secondsLeft) {
        return new ContactBinding(id, NameAddress.parse("<" + uri + ">"), NOW.plusSeconds(secondsLeft), NOW,
                "call-" + id, 1, List.of(), RegInfo.ContactEvent.REGISTERED);
    }

    private static Registration registration(String user, ContactBinding... contacts) {
        String impu = "sip:" + user + "@" + DOMAIN;
        UserProfile profile = new UserProfile(user + "@" + DOMAIN, List.of(new UserProfile.ServiceProfile(
                List.of(new UserProfile.PublicIdentity(impu, false, 0, Optional.empty())))));
        return new Registration(impu, user + "@" + DOMAIN, 7, List.of(contacts), profile);
    }

    @Test
    void theExpiryScanFindsEveryRegistrationWithAContactPastItsTimeAndNoOther() {
        InMemoryBindingStore store = new InMemoryBindingStore();
        Registration alice = registration("alice", contact(1, "sip:alice@192.0.2.1", 60));
        Registration bob = registration("bob", contact(2, "sip:bob@192.0.2.2", 600),
                contact(3, "sip:bob@192.0.2.3", 120));
        Registration carol = registration("carol", contact(4, "sip:carol@192.0.2.4", 600));
        store.put(alice);
        store.put(bob);
        store.put(carol);

        assertThat(store.withExpiredContacts(NOW.plusSeconds(59))).isEmpty();
        assertThat(store.withExpiredContacts(NOW.plusSeconds(60))).containsExactly(alice);
        // One of bob's two contacts is enough, whether it comes first in his list or not.
        assertThat(store.withExpiredContacts(NOW.plusSeconds(120))).containsExactlyInAnyOrder(alice, bob);
        assertThat(store.withExpiredContacts(NOW.plusSeconds(600))).containsExactlyInAnyOrder(alice, bob, carol);
    }

    @Test
    void aRegistrationKnowsWhetherAContactExpiredWithOneContactOrSeveral() {
        Registration one = registration("alice", contact(1, "sip:alice@192.0.2.1", 60));
        Registration two = registration("bob", contact(2, "sip:bob@192.0.2.2", 600),
                contact(3, "sip:bob@192.0.2.3", 120));

        assertThat(one.hasExpiredContact(NOW.plusMillis(59_999))).isFalse();
        assertThat(one.hasExpiredContact(NOW.plusSeconds(60))).isTrue();
        assertThat(two.hasExpiredContact(NOW.plusSeconds(119))).isFalse();
        assertThat(two.hasExpiredContact(NOW.plusSeconds(120))).isTrue();
        assertThat(registration("dave").hasExpiredContact(NOW.plusSeconds(999))).isFalse();
    }
}
