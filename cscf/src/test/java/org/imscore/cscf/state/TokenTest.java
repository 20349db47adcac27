package org.imscore.cscf.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A token's text is fixed: 16 lower-case hex digits, so a tag a peer echoes parses back to the number held. */
class TokenTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0xc1, 0x5eed00000001L, Long.MAX_VALUE, Long.MIN_VALUE, -1, 0x0123456789abcdefL})
    void textIsSixteenLowerCaseHexDigitsAndParsesBack(long token) {
        String text = Token.text(token);

        assertThat(text).hasSize(16).matches("[0-9a-f]{16}").isEqualTo(String.format("%016x", token));
        assertThat(Token.text(token)).isEqualTo(text);
        assertThat(Token.isToken(text)).isTrue();
        assertThat(Token.parse(text)).isEqualTo(token);
        assertThat(Token.is(token, text)).isTrue();
        assertThat(Token.is(token + 1, text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "c1", "t1", "00000000000000c", "00000000000000c10", "00000000000000C1",
            "00000000000000g1", " 00000000000000c", "0x000000000000c1", "second-device"})
    void anythingElseIsNoToken(String text) {
        assertThat(Token.isToken(text)).isFalse();
        assertThat(Token.is(0xc1, text)).isFalse();
        assertThatThrownBy(() -> Token.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a token");
    }

    @Test
    void nullIsNoToken() {
        assertThat(Token.isToken(null)).isFalse();
        assertThat(Token.is(0, null)).isFalse();
    }
}
