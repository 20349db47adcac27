package org.imscore.cscf.cx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserProfileXmlTest {

    @Test
    void readsIdentitiesBarringTypeAndDisplayNameAcrossServiceProfiles() {
        UserProfile p = UserProfileXml.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><IMSSubscription>"
                + "<PrivateID>alice@ims.test</PrivateID>"
                + "<ServiceProfile><PublicIdentity><Identity>sip:alice@ims.test</Identity><Extension>"
                + "<IdentityType>0</IdentityType><Extension><DisplayName>Alice</DisplayName></Extension></Extension>"
                + "</PublicIdentity><InitialFilterCriteria><Priority>0</Priority></InitialFilterCriteria>"
                + "</ServiceProfile>"
                + "<ServiceProfile><PublicIdentity><BarringIndication>true</BarringIndication>"
                + "<Identity> tel:+15551234 </Identity></PublicIdentity></ServiceProfile></IMSSubscription>");

        assertThat(p.privateIdentity()).isEqualTo("alice@ims.test");
        assertThat(p.serviceProfiles()).hasSize(2);
        assertThat(p.publicIdentities()).containsExactly(
                new UserProfile.PublicIdentity("sip:alice@ims.test", false, 0, java.util.Optional.of("Alice")),
                new UserProfile.PublicIdentity("tel:+15551234", true, 0, java.util.Optional.empty()));
        assertThat(p.unbarredIdentities()).containsExactly("sip:alice@ims.test");
        assertThat(p.find("sip:alice@IMS.TEST;user=phone")).isPresent();
        assertThat(p.find("tel:+1-555-1234")).hasValueSatisfying(i -> assertThat(i.barred()).isTrue());
    }

    @Test
    void badDocumentsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> UserProfileXml.parse("<Other/>")).hasMessageContaining("not <IMSSubscription>");
        assertThatThrownBy(() -> UserProfileXml.parse("<IMSSubscription><ServiceProfile><PublicIdentity>"
                + "<Identity>sip:a@b</Identity></PublicIdentity></ServiceProfile></IMSSubscription>"))
                .hasMessageContaining("no PrivateID");
        assertThatThrownBy(() -> UserProfileXml.parse("<IMSSubscription><PrivateID>a</PrivateID>"
                + "</IMSSubscription>")).hasMessageContaining("no ServiceProfile");
        assertThatThrownBy(() -> UserProfileXml.parse("<IMSSubscription><PrivateID>a</PrivateID><ServiceProfile>"
                + "<PublicIdentity><BarringIndication>2</BarringIndication><Identity>sip:a@b</Identity>"
                + "</PublicIdentity></ServiceProfile></IMSSubscription>")).hasMessageContaining("BarringIndication");
        assertThatThrownBy(() -> UserProfileXml.parse("<IMSSubscription><PrivateID>a</PrivateID><ServiceProfile>"
                + "<PublicIdentity></PublicIdentity></ServiceProfile></IMSSubscription>"))
                .hasMessageContaining("without Identity");
        assertThatThrownBy(() -> UserProfileXml.parse("<IMSSubscription>")).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> UserProfileXml.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<IMSSubscription><PrivateID>&e;</PrivateID></IMSSubscription>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
