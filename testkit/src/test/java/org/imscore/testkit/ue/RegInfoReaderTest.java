package org.imscore.testkit.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading reginfo documents (RFC 3680 §5.3) and what happens to each kind of bad one. */
class RegInfoReaderTest {

    /** Shaped as the captured S-CSCF's NOTIFY (two AORs, unknown-params, q, display-name, an extension element). */
    private static final String TWO_AORS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <reginfo xmlns="urn:ietf:params:xml:ns:reginfo" xmlns:gr="urn:ietf:params:xml:ns:gruuinfo" version="2" state="full">
            \t<registration aor="tel:0398765432100" id="0x7f1" state="active">
            \t\t<contact id="0x7f2" state="active" event="registered" expires="3599" q="1.000">
            \t\t\t<uri>sip:192.168.101.5:6300;alias=192.168.101.5~6301~1</uri>
            \t\t\t<display-name xml:lang="en">Phone</display-name>
            \t\t\t<unknown-param name="+sip.instance">&lt;urn:gsma:imei:35622410-483840-0&gt;</unknown-param>
            \t\t\t<unknown-param name="+g.3gpp.smsip"></unknown-param>
            \t\t\t<gr:pub-gruu uri="sip:x@y;gr=z"/>
            \t\t</contact>
            \t</registration>
            \t<registration aor="sip:0398765432100@ims.mnc001.mcc001.3gppnetwork.org" id="0x7f3" state="terminated">
            \t</registration>
            </reginfo>
            """;

    @Test
    void readsRegistrationsContactsAndUnknownParams() {
        RegInfo info = RegInfoReader.read(TWO_AORS);

        assertThat(info.version()).isEqualTo(2);
        assertThat(info.state()).isEqualTo("full");
        assertThat(info.registrations()).extracting(RegInfo.Aor::state).containsExactly("active", "terminated");
        RegInfo.Aor tel = info.registration("tel:0398765432100").orElseThrow();
        assertThat(tel.id()).isEqualTo("0x7f1");
        RegInfo.Contact c = tel.contacts().get(0);
        assertThat(c.id()).isEqualTo("0x7f2");
        assertThat(c.event()).isEqualTo("registered");
        assertThat(c.expires()).hasValue(3599);
        assertThat(c.uri()).isEqualTo("sip:192.168.101.5:6300;alias=192.168.101.5~6301~1");
        assertThat(c.unknownParams()).containsEntry("+sip.instance", "<urn:gsma:imei:35622410-483840-0>")
                .containsEntry("+g.3gpp.smsip", "");
        assertThat(info.registration("sip:0398765432100@ims.mnc001.mcc001.3gppnetwork.org").orElseThrow()
                .contacts()).isEmpty();
    }

    @Test
    void aContactWithoutExpiresHasNone() {
        RegInfo info = RegInfoReader.read("<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='0' state='partial'>"
                + "<registration aor='sip:a@b' id='1' state='init'><contact id='c' state='terminated' event='expired'>"
                + "<uri>sip:a@1.2.3.4</uri></contact></registration></reginfo>");

        assertThat(info.registrations().get(0).contacts().get(0).expires()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<reginfo version='1'|not well-formed",
        "<reginfo xmlns='urn:other' version='1' state='full'/>|root must be <reginfo",
        "<presence xmlns='urn:ietf:params:xml:ns:reginfo'/>|got <presence>",
        "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' state='full'/>|lacks the version attribute",
        "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='-1' state='full'/>|non-negative integer",
        "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='x' state='full'/>|non-negative integer",
        "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1'/>|lacks the state attribute",
        "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><registration id='1' state='active'/></reginfo>|<registration> lacks the aor",
        "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><registration aor='sip:a@b' id='1' state='active'><contact id='c' state='active' event='registered'></contact></registration></reginfo>|has no <uri>",
        "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><registration aor='sip:a@b' id='1' state='active'><contact id='c' state='active'><uri>sip:x</uri></contact></registration></reginfo>|lacks the event attribute",
        "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'><registration aor='sip:a@b' id='1' state='active'><contact id='c' state='active' event='registered' expires='soon'><uri>sip:x</uri></contact></registration></reginfo>|expires must be a non-negative integer",
        "''|not well-formed",
    })
    void aBadDocumentIsRefusedNamingTheFault(String xml, String message) {
        assertThatThrownBy(() -> RegInfoReader.read(xml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aDtdIsRefusedSoNoEntityIsExpanded() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE reginfo [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<reginfo xmlns='urn:ietf:params:xml:ns:reginfo' version='1' state='full'>"
                + "<registration aor='&x;' id='1' state='active'/></reginfo>";

        assertThatThrownBy(() -> RegInfoReader.read(xxe)).isInstanceOf(IllegalArgumentException.class);
    }
}
