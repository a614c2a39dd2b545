package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.engine.EngineSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefencesTest {

    @Test
    void noneTurnsOffEveryDefenceTheNodeHasOnByDefault() {
        EngineSettings defaults = EngineSettings.defaults();
        assertThat(defaults.listen().widening().enabled())
                .as("the engine's default")
                .isTrue();

        EngineSettings today = Defences.NONE.apply(defaults);
        assertThat(today.listen().widening().enabled()).isFalse();
        assertThat(today.lookup().paths()).isEqualTo(1);
        assertThat(today.lookup().diversity().maxPerPrefix()).isZero();
        assertThat(today.routing().idBinding().enforce()).isFalse();
        assertThat(today.lookup().spreadLimit()).isZero();
    }

    @Test
    void theSpreadCheckSetsTheLookupsSpreadLimitAndNothingElse() {
        EngineSettings s = Defences.parse(List.of("spread-check")).get(0).apply(EngineSettings.defaults());
        assertThat(s.lookup().spreadLimit()).isEqualTo(Defence.SPREAD_LIMIT);
        assertThat(s.lookup().paths()).isEqualTo(1);
        assertThat(s.routing().idBinding().enforce()).isFalse();
    }

    @Test
    void addressRulesApplyToTheSimulatorsPrivateAddressesToo() {
        EngineSettings s =
                Defences.parse(List.of("id-binding+prefix-diversity")).get(0).apply(EngineSettings.defaults());
        assertThat(s.routing().idBinding().enforce()).isTrue();
        assertThat(s.routing().idBinding().includeLocal()).isTrue();
        assertThat(s.lookup().diversity().maxPerPrefix()).isEqualTo(Defence.MAX_PER_PREFIX);
        assertThat(s.lookup().diversity().includeLocal()).isTrue();
    }

    @Test
    void eachSetTurnsOnItsDefencesAndOnlyThose() {
        List<Defences> sets = Defences.parse(List.of("disjoint-paths", "silent-key", "disjoint-paths+silent-key"));

        EngineSettings paths = sets.get(0).apply(EngineSettings.defaults());
        assertThat(paths.lookup().paths()).isEqualTo(Defence.PATHS);
        assertThat(paths.listen().widening().enabled()).isFalse();

        EngineSettings silent = sets.get(1).apply(EngineSettings.defaults());
        assertThat(silent.lookup().paths()).isEqualTo(1);
        assertThat(silent.listen().widening().enabled()).isTrue();

        assertThat(sets.get(2).label()).isEqualTo("disjoint-paths + silent-key");
        assertThat(Defences.NONE.label()).isEqualTo("none");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Defences.parse(List.of("disjoint-paths+moat")))
                .hasMessageContaining("unknown defence 'moat'");
    }
}
