package io.rdht.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KindTest {
    @Test
    void everyKindNumberFitsInOneCborByteAndNamesOnlyThatKind() throws MalformedMessageException {
        for (Kind kind : Kind.values()) {
            assertThat(kind.number()).as(kind.name()).isBetween(0, 23);
            assertThat(Kind.fromNumber(kind.number())).isEqualTo(kind);
        }
        assertThat(Arrays.stream(Kind.values()).map(Kind::number).distinct()).hasSize(Kind.values().length);
    }

    @Test
    void reservedNumbersAreTakenByNoKindAndReadAsMalformed() {
        for (int reserved : Kind.RESERVED.keySet()) {
            assertThat(Kind.values()).noneMatch(k -> k.number() == reserved);
            assertThatThrownBy(() -> Kind.fromNumber(reserved))
                    .isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining(Kind.RESERVED.get(reserved));
        }
    }
}
