package org.imscore.cscf.ifc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IfcXmlTest {

    /** The shape the HSS writes (TS 29.228 Annex E): two service profiles, criteria only in the second. */
    static final String USER_DATA = """
            <?xml version="1.0" encoding="UTF-8"?>
            <IMSSubscription>
              <PrivateID>alice@ims.example.org</PrivateID>
              <ServiceProfile>
                <PublicIdentity><Identity>sip:alice@ims.example.org</Identity></PublicIdentity>
              </ServiceProfile>
              <ServiceProfile>
                <PublicIdentity><Identity>sip:bob@ims.example.org</Identity>
                  <Extension><IdentityType>0</IdentityType></Extension></PublicIdentity>
                <PublicIdentity><Identity>tel:+15550100</Identity></PublicIdentity>
                <InitialFilterCriteria>
                  <Priority>20</Priority>
                  <TriggerPoint>
                    <ConditionTypeCNF>1</ConditionTypeCNF>
                    <SPT><ConditionNegated>0</ConditionNegated><Group>0</Group><Method>MESSAGE</Method></SPT>
                    <SPT><ConditionNegated>0</ConditionNegated><Group>0</Group><Group>1</Group>
                      <SIPHeader><Header>Accept-Contact</Header><Content>mmtel</Content></SIPHeader></SPT>
                    <SPT><ConditionNegated>1</ConditionNegated><Group>1</Group><SessionCase>2</SessionCase></SPT>
                  </TriggerPoint>
                  <ApplicationServer>
                    <ServerName>sip:as.ims.example.org:5090</ServerName>
                    <DefaultHandling>1</DefaultHandling>
                    <ServiceInfo>voicemail</ServiceInfo>
                  </ApplicationServer>
                  <ProfilePartIndicator>0</ProfilePartIndicator>
                </InitialFilterCriteria>
                <InitialFilterCriteria>
                  <Priority>10</Priority>
                  <TriggerPoint>
                    <ConditionTypeCNF>0</ConditionTypeCNF>
                    <SPT><Group>0</Group><RequestURI>^sip:bob@</RequestURI></SPT>
                    <SPT><Group>0</Group><SessionDescription><Line>m</Line><Content>video</Content></SessionDescription></SPT>
                    <SPT><Group>1</Group><SessionDescription><Line>m</Line></SessionDescription></SPT>
                  </TriggerPoint>
                  <ApplicationServer><ServerName>sip:video.example.org</ServerName></ApplicationServer>
                </InitialFilterCriteria>
                <InitialFilterCriteria>
                  <Priority>30</Priority>
                  <ApplicationServer><ServerName>sip:all.example.org</ServerName><DefaultHandling>0</DefaultHandling></ApplicationServer>
                </InitialFilterCriteria>
              </ServiceProfile>
            </IMSSubscription>
            """;

    @Test
    void readsEveryElementOfTheCriteriaOfTheIdentitysProfile() {
        List<FilterCriterion> criteria = IfcXml.criteriaFor(USER_DATA, "sip:bob@ims.example.org");

        assertThat(criteria).extracting(FilterCriterion::priority).containsExactly(20, 10, 30);
        FilterCriterion first = criteria.get(0);
        assertThat(first.applicationServer().serverName()).isEqualTo("sip:as.ims.example.org:5090");
        assertThat(first.applicationServer().defaultHandling()).isEqualTo(DefaultHandling.SESSION_TERMINATED);
        assertThat(first.applicationServer().serviceInfo()).contains("voicemail");
        TriggerPoint tp = first.triggerPoint().orElseThrow();
        assertThat(tp.cnf()).isTrue();
        // the SIPHeader SPT is in groups 0 and 1: one record per group
        assertThat(tp.spts()).extracting(Spt::group).containsExactly(0, 0, 1, 1);
        assertThat(tp.spts().get(0).condition()).isEqualTo(new Spt.MethodIs("MESSAGE"));
        assertThat(tp.spts().get(1).condition()).isInstanceOfSatisfying(Spt.HeaderMatches.class, h -> {
            assertThat(h.header()).isEqualTo("Accept-Contact");
            assertThat(h.content()).map(p -> p.pattern()).contains("mmtel");
        });
        assertThat(tp.spts().get(3).negated()).isTrue();
        assertThat(tp.spts().get(3).condition())
                .isEqualTo(new Spt.SessionCaseIs(SessionCase.TERMINATING_UNREGISTERED));

        TriggerPoint second = criteria.get(1).triggerPoint().orElseThrow();
        assertThat(second.cnf()).isFalse();
        assertThat(second.spts().get(0).condition()).isInstanceOf(Spt.RequestUriMatches.class);
        assertThat(second.spts().get(1).condition()).isInstanceOfSatisfying(Spt.SdpLineMatches.class, s -> {
            assertThat(s.line()).isEqualTo("m");
            assertThat(s.content()).map(p -> p.pattern()).contains("video");
        });
        assertThat(second.spts().get(2).condition())
                .isInstanceOfSatisfying(Spt.SdpLineMatches.class, s -> assertThat(s.content()).isEmpty());
        assertThat(criteria.get(1).applicationServer().defaultHandling())
                .as("DefaultHandling absent").isEqualTo(DefaultHandling.SESSION_CONTINUED);

        assertThat(criteria.get(2).triggerPoint()).isEmpty();
    }

    @Test
    void findsTheProfileByAnyOfItsIdentitiesAndItsUriForm() {
        assertThat(IfcXml.criteriaFor(USER_DATA, "tel:+15550100")).hasSize(3);
        assertThat(IfcXml.criteriaFor(USER_DATA, "sip:bob@IMS.example.org")).hasSize(3);
    }

    @Test
    void profileWithoutCriteriaOrUnknownIdentityGivesNone() {
        assertThat(IfcXml.criteriaFor(USER_DATA, "sip:alice@ims.example.org")).isEmpty();
        assertThat(IfcXml.criteriaFor(USER_DATA, "sip:carol@ims.example.org")).isEmpty();
    }

    @Test
    void badCriteriaAreRefusedNamingTheElement() {
        assertThatThrownBy(() -> IfcXml.criteriaFor(bobWith(
                "<InitialFilterCriteria><ApplicationServer><ServerName>sip:as</ServerName></ApplicationServer>"
                        + "</InitialFilterCriteria>"), "sip:bob@x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("InitialFilterCriteria without Priority");
        assertThatThrownBy(() -> IfcXml.criteriaFor(bobWith(
                "<InitialFilterCriteria><Priority>x</Priority></InitialFilterCriteria>"), "sip:bob@x"))
                .hasMessage("InitialFilterCriteria/Priority is not a number: x");
        assertThatThrownBy(() -> IfcXml.criteriaFor(bobWith(
                "<InitialFilterCriteria><Priority>1</Priority></InitialFilterCriteria>"), "sip:bob@x"))
                .hasMessage("InitialFilterCriteria 1 without ApplicationServer");
        assertThatThrownBy(() -> IfcXml.criteriaFor(bobWith(criterion(
                "<SPT><Group>0</Group><RequestURI>([a-z</RequestURI></SPT>")), "sip:bob@x"))
                .hasMessage("SPT/RequestURI is not a valid regular expression: ([a-z");
        assertThatThrownBy(() -> IfcXml.criteriaFor(bobWith(criterion(
                "<SPT><Group>0</Group><SessionCase>7</SessionCase></SPT>")), "sip:bob@x"))
                .hasMessage("SessionCase 7 is not 0..3");
        assertThatThrownBy(() -> IfcXml.criteriaFor(bobWith(criterion(
                "<SPT><Group>0</Group></SPT>")), "sip:bob@x"))
                .hasMessageStartingWith("SPT without a condition");
        assertThatThrownBy(() -> IfcXml.criteriaFor(bobWith(criterion(
                "<SPT><Method>INVITE</Method></SPT>")), "sip:bob@x"))
                .hasMessage("SPT without Group");
        assertThatThrownBy(() -> IfcXml.criteriaFor(bobWith(criterion(
                "<SPT><ConditionNegated>2</ConditionNegated><Group>0</Group><Method>INVITE</Method></SPT>")),
                "sip:bob@x"))
                .hasMessage("SPT/ConditionNegated is not a boolean: 2");
        assertThatThrownBy(() -> IfcXml.criteriaFor("<IMSSubscription><ServiceProfile>", "sip:bob@x"))
                .hasMessageStartingWith("User-Data is not well-formed XML");
    }

    @Test
    void externalEntitiesAreNotResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<IMSSubscription><ServiceProfile><PublicIdentity><Identity>sip:bob@x</Identity>"
                + "</PublicIdentity><InitialFilterCriteria><Priority>1</Priority><ApplicationServer>"
                + "<ServerName>&e;</ServerName></ApplicationServer></InitialFilterCriteria>"
                + "</ServiceProfile></IMSSubscription>";
        assertThatThrownBy(() -> IfcXml.criteriaFor(xxe, "sip:bob@x")).isInstanceOf(IllegalArgumentException.class);
    }

    static String criterion(String spts) {
        return "<InitialFilterCriteria><Priority>1</Priority><TriggerPoint><ConditionTypeCNF>0</ConditionTypeCNF>"
                + spts + "</TriggerPoint><ApplicationServer><ServerName>sip:as</ServerName></ApplicationServer>"
                + "</InitialFilterCriteria>";
    }

    static String bobWith(String criteria) {
        return "<IMSSubscription><PrivateID>bob@x</PrivateID><ServiceProfile><PublicIdentity>"
                + "<Identity>sip:bob@x</Identity></PublicIdentity>" + criteria + "</ServiceProfile></IMSSubscription>";
    }
}
