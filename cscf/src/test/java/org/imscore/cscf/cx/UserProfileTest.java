package org.imscore.cscf.cx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.imscore.cscf.ifc.ProfileCriteria;
import org.junit.jupiter.api.Test;

class UserProfileTest {

    private static UserProfile.PublicIdentity identity(String uri) {
        return new UserProfile.PublicIdentity(uri, false, 0, Optional.empty());
    }

    @Test
    void anImpiThatIsTheFirstImpuWithoutSipIsDerivedAndAnyOtherIsKeptAsWritten() {
        var one = List.of(new UserProfile.ServiceProfile(List.of(identity("sip:001010000000001@ims.test"))));

        assertThat(new UserProfile("001010000000001@ims.test", one).privateIdentity())
                .isEqualTo("001010000000001@ims.test");
        assertThat(new UserProfile("alice.private@ims.test", one).privateIdentity())
                .isEqualTo("alice.private@ims.test");
        assertThat(new UserProfile("sip:001010000000001@ims.test", one).privateIdentity())
                .isEqualTo("sip:001010000000001@ims.test");
        var tel = List.of(new UserProfile.ServiceProfile(List.of(identity("tel:+15550100"))));
        assertThat(new UserProfile("+15550100", tel).privateIdentity()).isEqualTo("+15550100");
        assertThat(new UserProfile("nobody@ims.test", List.of()).privateIdentity()).isEqualTo("nobody@ims.test");
    }

    @Test
    void oneServiceProfileAndOneIdentityReadBackAsListsAndCompareLikeSeveral() {
        var alice = identity("sip:alice@ims.test");
        var bob = identity("sip:bob@ims.test");
        UserProfile single = new UserProfile("alice@ims.test",
                List.of(new UserProfile.ServiceProfile(List.of(alice), ProfileCriteria.NONE)));
        UserProfile two = new UserProfile("alice@ims.test", List.of(
                new UserProfile.ServiceProfile(List.of(alice)), new UserProfile.ServiceProfile(List.of(bob))));

        assertThat(single.serviceProfiles()).singleElement()
                .satisfies(p -> assertThat(p.publicIdentities()).containsExactly(alice));
        assertThat(single.publicIdentities()).containsExactly(alice);
        assertThat(two.publicIdentities()).containsExactly(alice, bob);
        assertThat(two.serviceProfiles().get(1).publicIdentities()).containsExactly(bob);
        assertThat(single).isEqualTo(new UserProfile("alice@ims.test",
                        List.of(new UserProfile.ServiceProfile(List.of(alice)))))
                .hasSameHashCodeAs(new UserProfile("alice@ims.test",
                        List.of(new UserProfile.ServiceProfile(List.of(alice)))))
                .isNotEqualTo(two)
                .isNotEqualTo(new UserProfile("other@ims.test",
                        List.of(new UserProfile.ServiceProfile(List.of(alice)))));
        assertThat(new UserProfile.ServiceProfile(List.of()).publicIdentities()).isEmpty();
        assertThat(single.toString()).contains("alice@ims.test", "sip:alice@ims.test");
    }
}
