package org.imscore.cscf.ifc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.cscf.cx.UserProfileXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The filter criteria read once with the profile, when the SAA arrives, give every request what reading the
 * document on each request gave: the same criteria, or the same refusal, for every identity of every document.
 */
class ProfileCriteriaTest {

    private static final String GOOD = "<InitialFilterCriteria><Priority>5</Priority><ApplicationServer>"
            + "<ServerName>sip:good.example.org</ServerName></ApplicationServer></InitialFilterCriteria>";
    private static final List<String> BAD = List.of(
            "<InitialFilterCriteria><ApplicationServer><ServerName>sip:as</ServerName></ApplicationServer>"
                    + "</InitialFilterCriteria>",
            "<InitialFilterCriteria><Priority>x</Priority></InitialFilterCriteria>",
            "<InitialFilterCriteria><Priority>1</Priority></InitialFilterCriteria>",
            IfcXmlTest.criterion("<SPT><Group>0</Group><RequestURI>([a-z</RequestURI></SPT>"),
            IfcXmlTest.criterion("<SPT><Group>0</Group><SessionCase>7</SessionCase></SPT>"),
            IfcXmlTest.criterion("<SPT><Group>0</Group></SPT>"),
            IfcXmlTest.criterion("<SPT><Method>INVITE</Method></SPT>"),
            IfcXmlTest.criterion("<SPT><ConditionNegated>2</ConditionNegated><Group>0</Group>"
                    + "<Method>INVITE</Method></SPT>"));
    private static final List<String> IDENTITIES = List.of("sip:alice@ims.example.org", "sip:bob@ims.example.org",
            "sip:bob@IMS.example.org", "tel:+15550100", "sip:carol@ims.example.org", "sip:bob@x", "sip:alice@x");

    /** Every document: the HSS's shape, and each malformed criterion alone, before and after a good profile. */
    static Stream<Arguments> documents() {
        List<Arguments> all = new ArrayList<>();
        all.add(Arguments.of("two profiles, criteria in the second", IfcXmlTest.USER_DATA));
        for (int i = 0; i < BAD.size(); i++) {
            all.add(Arguments.of("bad criterion " + i + " alone", IfcXmlTest.bobWith(GOOD + BAD.get(i))));
            all.add(Arguments.of("bad criterion " + i + " in the first profile", twoProfiles(BAD.get(i), GOOD)));
            all.add(Arguments.of("bad criterion " + i + " in the second profile", twoProfiles(GOOD, BAD.get(i))));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void readOnceAnswersEveryIdentityAsReadingOnEachRequestDid(String name, String document) {
        UserProfile profile = UserProfileXml.parse(document);

        for (String identity : IDENTITIES) {
            Object onEachRequest = outcome(() -> IfcXml.criteriaFor(document, identity));
            Object readOnce = outcome(() -> profile.criteriaFor(identity));
            assertThat(readOnce).as(identity).isEqualTo(onEachRequest);
        }
    }

    @Test
    void malformedCriteriaLeaveTheProfileUsableAndSayWhyOnUse() {
        UserProfile profile = UserProfileXml.parse(twoProfiles(BAD.get(1), GOOD));

        assertThat(profile.unbarredIdentities()).containsExactly("sip:alice@x", "sip:bob@x");
        assertThat(profile.serviceProfiles()).extracting(UserProfile.ServiceProfile::criteria)
                .containsOnly(new ProfileCriteria.Unreadable("InitialFilterCriteria/Priority is not a number: x"));
        assertThatThrownBy(() -> profile.criteriaFor("sip:bob@x"))
                .hasMessage("InitialFilterCriteria/Priority is not a number: x");
    }

    @Test
    void criteriaReadFromTwoCopiesOfADocumentAreEqualSoOneInstanceCanServeBoth() {
        ProfileCriteria first = UserProfileXml.parse(IfcXmlTest.USER_DATA).serviceProfiles().get(1).criteria();
        ProfileCriteria second = UserProfileXml.parse(IfcXmlTest.USER_DATA).serviceProfiles().get(1).criteria();

        assertThat(first).isNotSameAs(second).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(UserProfileXml.parse(IfcXmlTest.USER_DATA.replace("^sip:bob@", "^sip:bob2@"))
                .serviceProfiles().get(1).criteria()).isNotEqualTo(first);
        assertThat(UserProfileXml.parse(IfcXmlTest.USER_DATA.replace("<Content>mmtel</Content>", ""))
                .serviceProfiles().get(1).criteria()).isNotEqualTo(first);
        assertThat(UserProfileXml.parse(IfcXmlTest.USER_DATA.replace("<Content>video</Content>",
                "<Content>audio</Content>")).serviceProfiles().get(1).criteria()).isNotEqualTo(first);
    }

    private static String twoProfiles(String aliceCriteria, String bobCriteria) {
        return "<IMSSubscription><PrivateID>bob@x</PrivateID>"
                + "<ServiceProfile><PublicIdentity><Identity>sip:alice@x</Identity></PublicIdentity>" + aliceCriteria
                + "</ServiceProfile>"
                + "<ServiceProfile><PublicIdentity><Identity>sip:bob@x</Identity></PublicIdentity>" + bobCriteria
                + "</ServiceProfile></IMSSubscription>";
    }

    private interface Read {
        List<FilterCriterion> criteria();
    }

    /** The criteria, or the refusal's message: what a request sees. */
    private static Object outcome(Read read) {
        try {
            return read.criteria();
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }
}
