package org.imscore.cscf.regevent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.imscore.cscf.TestMessages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class RegInfoXmlTest {

    @ParameterizedTest
    @ValueSource(strings = {"nonipsec/722-notify-scscf-to-pcscf.sip", "ipsec/686-notify-scscf-to-ue.sip"})
    void readsTheCapturedNotifyBodies(String resource) {
        RegInfo info = RegInfoXml.read(TestMessages.request(resource).bodyAsString());

        assertThat(info.version()).isEqualTo(2);
        assertThat(info.state()).isEqualTo(RegInfo.DocumentState.FULL);
        assertThat(info.registrations()).hasSize(2);
        assertThat(info.registrations().get(0).aor()).startsWith("tel:0");
        assertThat(info.registrations().get(1).aor()).startsWith("sip:0");
        assertThat(info.registrations()).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(RegInfo.RegistrationState.ACTIVE);
            assertThat(r.contacts()).singleElement().satisfies(c -> {
                assertThat(c.state()).isEqualTo(RegInfo.ContactState.ACTIVE);
                assertThat(c.event()).isEqualTo(RegInfo.ContactEvent.REGISTERED);
                assertThat(c.uri()).startsWith("sip:192.168.101.");
                assertThat(c.expires()).isPresent();
                assertThat(c.unknownParams()).extracting(RegInfo.UnknownParam::name)
                        .contains("+sip.instance", "+g.3gpp.smsip", "+g.3gpp.icsi-ref");
            });
        });
    }

    @Test
    void capturedUnknownParamsKeepTheirQuotesAndUnescapedAngleBrackets() {
        RegInfo info = RegInfoXml.read(TestMessages.request("nonipsec/722-notify-scscf-to-pcscf.sip").bodyAsString());

        RegInfo.Contact c = info.registrations().get(0).contacts().get(0);
        assertThat(c.id()).isEqualTo("0x7f45bcb21ca8");
        assertThat(c.expires()).hasValue(600000);
        assertThat(c.q()).hasValue("0.000");
        assertThat(c.unknownParams()).contains(
                new RegInfo.UnknownParam("+sip.instance", "\"<urn:gsma:imei:86728703-952237-0>\""),
                new RegInfo.UnknownParam("video", ""));
    }

    @Test
    void writtenDocumentIsWellFormedNamespacedXmlAndReadsBackEqual() throws Exception {
        RegInfo info = new RegInfo(7, RegInfo.DocumentState.PARTIAL, List.of(
                new RegInfo.Registration("sip:alice@example.com", "r1", RegInfo.RegistrationState.ACTIVE, List.of(
                        new RegInfo.Contact("c1", RegInfo.ContactState.ACTIVE, RegInfo.ContactEvent.SHORTENED,
                                "sip:alice@192.0.2.1:5060;transport=tcp", Optional.of("Alice & <Bob>"),
                                OptionalLong.of(60), OptionalLong.empty(), OptionalLong.of(3540), Optional.of("0.5"),
                                Optional.of("abc@host"), OptionalLong.of(17),
                                List.of(new RegInfo.UnknownParam("+sip.instance", "\"<urn:uuid:1>\""))),
                        RegInfo.Contact.of("c2", RegInfo.ContactEvent.PROBATION, "sip:alice@192.0.2.2",
                                OptionalLong.empty(), List.of()))),
                new RegInfo.Registration("tel:+15551234", "r2", RegInfo.RegistrationState.INIT, List.of())));

        String xml = RegInfoXml.write(info);

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("urn:ietf:params:xml:ns:reginfo");
        assertThat(root.getLocalName()).isEqualTo("reginfo");
        assertThat(root.getAttribute("version")).isEqualTo("7");
        assertThat(root.getAttribute("state")).isEqualTo("partial");
        assertThat(doc.getElementsByTagNameNS(RegInfo.NAMESPACE, "contact").getLength()).isEqualTo(2);
        assertThat(RegInfoXml.read(xml)).isEqualTo(info);
    }

    @Test
    void everyContactEventHasItsStateAndTheWrongPairingIsRefused() {
        for (RegInfo.ContactEvent e : RegInfo.ContactEvent.values()) {
            RegInfo.Contact c = RegInfo.Contact.of("c", e, "sip:a@b", OptionalLong.empty(), List.of());
            assertThat(c.state()).isEqualTo(e.ordinal() < 4 ? RegInfo.ContactState.ACTIVE
                    : RegInfo.ContactState.TERMINATED);
        }
        assertThatThrownBy(() -> RegInfoXml.read(doc("<registration aor=\"sip:a@b\" id=\"1\" state=\"active\">"
                + "<contact id=\"c\" state=\"active\" event=\"expired\"><uri>sip:a@c</uri></contact></registration>")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expired");
    }

    @Test
    void badDocumentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RegInfoXml.read("<reginfo xmlns=\"urn:other\" version=\"0\" state=\"full\"/>"))
                .hasMessageContaining("expected <reginfo>");
        assertThatThrownBy(() -> RegInfoXml.read(doc("<registration id=\"1\" state=\"active\"/>")))
                .hasMessageContaining("without aor");
        assertThatThrownBy(() -> RegInfoXml.read("<reginfo xmlns=\"" + RegInfo.NAMESPACE
                + "\" version=\"-1\" state=\"full\"/>")).hasMessageContaining("version");
        assertThatThrownBy(() -> RegInfoXml.read("<reginfo xmlns=\"" + RegInfo.NAMESPACE
                + "\" version=\"1\" state=\"whole\"/>")).hasMessageContaining("state");
        assertThatThrownBy(() -> RegInfoXml.read(doc("<registration aor=\"a\" id=\"1\" state=\"active\">"
                + "<contact id=\"c\" state=\"active\" event=\"registered\"/></registration>")))
                .hasMessageContaining("no <uri>");
        assertThatThrownBy(() -> RegInfoXml.read("<reginfo")).hasMessageContaining("not well-formed");
    }

    @Test
    void doctypeAndExternalEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<reginfo xmlns=\"" + RegInfo.NAMESPACE + "\" version=\"0\" state=\"full\">"
                + "<registration aor=\"&x;\" id=\"1\" state=\"init\"/></reginfo>";

        assertThatThrownBy(() -> RegInfoXml.read(xxe)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void internalEntitiesAreNeverExpanded() {
        // "Billion laughs": each entity ten of the one before; expanded, the aor would be 10^9 copies of "lol".
        StringBuilder dtd = new StringBuilder("<!DOCTYPE reginfo [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String bomb = "<?xml version=\"1.0\"?>" + dtd + "]>"
                + "<reginfo xmlns=\"" + RegInfo.NAMESPACE + "\" version=\"0\" state=\"full\">"
                + "<registration aor=\"&lol9;\" id=\"1\" state=\"init\"/></reginfo>";

        assertThatThrownBy(() -> RegInfoXml.read(bomb)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownExtensionElementsAreSkipped() {
        RegInfo info = RegInfoXml.read(doc("<registration aor=\"sip:a@b\" id=\"1\" state=\"active\">"
                + "<x:ext xmlns:x=\"urn:x\"><x:deep/></x:ext><contact id=\"c\" state=\"active\" event=\"created\">"
                + "<uri>sip:a@c</uri><gr:pub-gruu xmlns:gr=\"urn:ietf:params:xml:ns:gruuinfo\" uri=\"sip:g\"/>"
                + "</contact></registration>"));

        assertThat(info.registrations().get(0).contacts().get(0).event()).isEqualTo(RegInfo.ContactEvent.CREATED);
    }

    private static String doc(String inner) {
        return "<reginfo xmlns=\"" + RegInfo.NAMESPACE + "\" version=\"0\" state=\"full\">" + inner + "</reginfo>";
    }
}
