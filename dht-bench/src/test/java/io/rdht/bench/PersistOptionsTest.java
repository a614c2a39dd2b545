package io.rdht.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PersistOptionsTest {

    @Test
    void flagsReplaceTheDefaultsOneByOne() throws Flags.UsageException {
        PersistOptions o = PersistOptions.parse("--rounds", "4", "--seconds=5");

        assertThat(o).isEqualTo(new PersistOptions(32, 4, 5, 64, 10));
    }

    @Test
    void aNumberOutOfRangeIsRefusedNamingTheFlag() {
        assertThatThrownBy(() -> PersistOptions.parse("--nodes", "1"))
                .isInstanceOf(Flags.UsageException.class)
                .hasMessageContaining("--nodes");
        assertThatThrownBy(() -> PersistOptions.parse("--persist"))
                .isInstanceOf(Flags.UsageException.class)
                .hasMessageContaining("--persist");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(PersistReport.median(List.of(0.9, 1.2, 0.8))).isEqualTo(0.9);
        assertThat(PersistReport.median(List.of(1.0, 0.8, 0.9, 1.2))).isEqualTo(0.95, Offset.offset(1e-9));
    }
}
