package io.rdht.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.cli.ExitCode;
import io.rdht.cli.UserError;
import io.rdht.core.InfoHash;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static final String POLLUTION = "c6c7e2b17b27367a841b2795a76c49b3fb81590e";

    @Test
    void nameIsHashedAsOpenDhtDoes() {
        assertThat(Keys.parse("pollution_level").toHex()).isEqualTo(POLLUTION);
    }

    @Test
    void fortyHexDigitsAreTheKeyItselfInEitherCase() {
        assertThat(Keys.parse(POLLUTION)).isEqualTo(InfoHash.fromHex(POLLUTION));
        assertThat(Keys.parse(POLLUTION.toUpperCase())).isEqualTo(InfoHash.fromHex(POLLUTION));
    }

    @Test
    void shortHexLookingNamesAreStillNames() {
        assertThat(Keys.parse("cafe")).isEqualTo(InfoHash.of("cafe"));
        assertThat(Keys.parse("12345")).isEqualTo(InfoHash.of("12345"));
    }

    @Test
    void idWithADigitTooManyOrTooFewIsRefused() {
        assertRefused(POLLUTION.substring(1), "looks like an id but has 39 hex digits; an id has 40");
        assertRefused(POLLUTION + "0", "looks like an id but has 41 hex digits; an id has 40");
    }

    @Test
    void nonAsciiDigitsAreANameNotAnId() {
        String fullWidth = "１".repeat(40);
        assertThat(Keys.parse(fullWidth)).isEqualTo(InfoHash.of(fullWidth));
    }

    @Test
    void emptyKeyOrControlCharactersAreRefused() {
        assertRefused("", "the key is empty");
        assertRefused("a\u0007b", "control character");
        assertRefused("x".repeat(1025), "at most 1024");
    }

    private static void assertRefused(String key, String message) {
        assertThatThrownBy(() -> Keys.parse(key))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageContaining(message);
    }
}
