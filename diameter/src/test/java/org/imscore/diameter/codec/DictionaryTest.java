package org.imscore.diameter.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.imscore.diameter.dictionary.AvpCode;
import org.imscore.diameter.dictionary.AvpCodeMap;
import org.imscore.diameter.dictionary.AvpDefinition;
import org.imscore.diameter.dictionary.AvpType;
import org.imscore.diameter.dictionary.CommandDefinition;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.dictionary.Dictionary;
import org.imscore.diameter.dictionary.FlagRule;
import org.imscore.diameter.dictionary.GrammarRule;
import org.junit.jupiter.api.Test;

class DictionaryTest {

    private final Dictionary cx = Dictionaries.cx();

    @Test
    void cxInheritsBase() {
        assertThat(cx.avp(264, 0).orElseThrow().name()).isEqualTo("Origin-Host");
        assertThat(cx.avp(601, 10415).orElseThrow().type()).isEqualTo(AvpType.UTF8_STRING);
        assertThat(Dictionaries.base().avp(601, 10415)).isEmpty();
        assertThat(cx.application(16777216)).isPresent();
        assertThat(cx.application(0)).isPresent();
        assertThat(cx.application(16777217)).isEmpty();
        assertThat(cx.command(257, 0, true)).isPresent();
    }

    @Test
    void everyAvpIsFoundByItsCodeAndVendor() {
        for (AvpDefinition def : cx.avps()) {
            assertThat(cx.avp(def.code(), def.vendorId())).as(def.name()).containsSame(def);
            assertThat(cx.avp(def.code(), def.vendorId() + 1)).as(def.name() + " of another vendor").isEmpty();
        }
        assertThat(cx.groupRules(cx.avp("Experimental-Result"))).isNotEmpty();
        assertThat(cx.groupRules(cx.avp("Origin-Host"))).isEmpty();
    }

    @Test
    void avpCodeMapTakesCodesAndVendorsAsUnsigned() {
        AvpCodeMap<String> map = AvpCodeMap.of(Map.of(new AvpCode(-1, 0), "top code", new AvpCode(1, -1), "top vendor",
                new AvpCode(1, 0), "ietf", new AvpCode(1, 10415), "3gpp"));
        assertThat(map.get(-1, 0)).isEqualTo("top code");
        assertThat(map.get(1, -1)).isEqualTo("top vendor");
        assertThat(map.get(1, 0)).isEqualTo("ietf");
        assertThat(map.get(1, 10415)).isEqualTo("3gpp");
        assertThat(map.get(2, 0)).isNull();
        assertThat(map.size()).isEqualTo(4);
    }

    @Test
    void everyCxAvpOf29229IsDefined() {
        for (int code = 600; code <= 659; code++) {
            if (code == 627) {
                continue; // User-Data-Request-Type, removed from TS 29.229
            }
            assertThat(cx.avp(code, 10415)).as("AVP %d", code).isPresent();
        }
        assertThat(cx.avp("Supported-Features").mandatory()).isEqualTo(FlagRule.MAY);
        assertThat(cx.avp("Server-Assignment-Type").enumName(1)).hasValue("REGISTRATION");
    }

    @Test
    void commandGrammarsReadAsTheRfcWritesThem() {
        CommandDefinition cer = cx.command("CER").orElseThrow();
        assertThat(cer.request()).isTrue();
        assertThat(cer.proxiable()).isFalse();
        GrammarRule hostIp = cer.rules().get(2);
        assertThat(hostIp.name()).isEqualTo("Host-IP-Address");
        assertThat(hostIp.min()).isEqualTo(1);
        assertThat(hostIp.max()).isEqualTo(Integer.MAX_VALUE);
        CommandDefinition mar = cx.command("MAR").orElseThrow();
        assertThat(mar.code()).isEqualTo(303);
        assertThat(mar.applicationId()).isEqualTo(16777216);
        assertThat(mar.proxiable()).isTrue();
        assertThat(mar.rules().get(0).kind()).isEqualTo(GrammarRule.Kind.FIXED);
        assertThat(mar.allowsAnyAvp()).isTrue();
        for (String name : new String[] {"UAR", "UAA", "SAR", "SAA", "LIR", "LIA", "MAR", "MAA", "RTR", "RTA",
                "PPR", "PPA", "CER", "CEA", "DWR", "DWA", "DPR", "DPA"}) {
            assertThat(cx.command(name)).as(name).isPresent();
        }
        assertThat(cx.groupRules(cx.avp("SIP-Auth-Data-Item"))).isNotEmpty();
    }

    @Test
    void badDictionaryTextIsRejectedWithItsLine() {
        assertThatThrownBy(() -> Dictionary.parse("t", "avp A 1 0 NoSuchType M\n", null))
                .hasMessageContaining("line 1").hasMessageContaining("NoSuchType");
        assertThatThrownBy(() -> Dictionary.parse("t", "<X> ::= < Diameter Header: 1, REQ >\n { Missing }\n", null))
                .hasMessageContaining("Missing");
    }

    @Test
    void applicationDictionaryCanExtendBase() {
        Dictionary sh = Dictionary.parse("sh", """
                application 16777217 10415 Sh
                avp User-Identity 700 10415 Grouped M
                <UDR> ::= < Diameter Header: 306, REQ, PXY, 16777217 >
                        < Session-Id >
                        { User-Identity }
                      * [ AVP ]
                """, Dictionaries.base());
        assertThat(sh.command(306, 16777217, true).orElseThrow().rules()).hasSize(3);
        assertThat(sh.avp("Origin-Host").code()).isEqualTo(264);
    }
}
