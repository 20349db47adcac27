package org.imscore.cscf.scscf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.imscore.sip.uri.Uri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberTableTest {

    private final NumberTable table = NumberTable.of(Map.of(
            "+15550100", "sip:carol@partner.example.net",
            "+4930*", "sip:{number}@gw.example.net;user=phone",
            "+49301234*", "tel:+4930999",
            "+493012345", "sip:dora@ims.example.org"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            tel:+15550100                                  | sip:carol@partner.example.net
            tel:+1-555-0100                                | sip:carol@partner.example.net
            sip:+15550100@ims.example.org;user=phone       | sip:carol@partner.example.net
            tel:+4930777                                   | sip:+4930777@gw.example.net;user=phone
            tel:+49301234000                               | tel:+4930999
            tel:+493012345                                 | sip:dora@ims.example.org
            """)
    void aDialledNumberTakesItsLongestMatch(String dialled, String target) {
        assertThat(table.translate(Uri.parse(dialled))).map(Uri::toString).contains(target);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            tel:+15550101
            tel:+4931000
            sip:+15550100@ims.example.org
            sip:carol@ims.example.org
            tel:5550100;phone-context=example.org
            """)
    void otherTargetsAreLeftAlone(String target) {
        assertThat(table.translate(Uri.parse(target))).isEmpty();
    }

    @Test
    void anEmptyTableTranslatesNothing() {
        assertThat(NumberTable.empty().translate(Uri.parse("tel:+15550100"))).isEmpty();
        assertThat(NumberTable.empty().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            15550100     | sip:carol@example.net     | write a global number
            +1555x       | sip:carol@example.net     | write a global number
            +            | sip:carol@example.net     | write a global number
            +15550100    | not a uri                 | is not a URI
            +15550100    | http://example.net/       | is not a sip: or tel: URI
            """)
    void aBadRowIsRefusedWithWhatToFix(String number, String target, String message) {
        assertThatThrownBy(() -> NumberTable.of(Map.of(number, target)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("number '" + number + "'")
                .hasMessageContaining(message);
    }
}
