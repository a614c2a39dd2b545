package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesAndFormatsTheUsualUnits() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.approximate(Duration.ofMinutes(251))).isEqualTo("4.2h");
    }

    @Test
    void rejectsWhatIsNotADurationNamingIt() {
        assertThatThrownBy(() -> Durations.parse("10")).hasMessageContaining("'10'");
        assertThatThrownBy(() -> Durations.parse("10 weeks")).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Durations.parse("ms")).hasMessageContaining("not a duration");
    }
}
