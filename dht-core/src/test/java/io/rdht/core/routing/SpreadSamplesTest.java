package io.rdht.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadSamplesTest {

    @Test
    void tellsNothingUntilFourLookupsEnded() {
        SpreadSamples s = new SpreadSamples();
        s.add(0.001);
        s.add(0.001);
        s.add(0.001);
        assertThat(s.lowQuartile()).isZero();
        s.add(0.001);
        assertThat(s.lowQuartile()).isEqualTo(0.001);
    }

    @Test
    void lookupsThatSybilsEndedDoNotWidenTheEstimateWhileAQuarterMetNone() {
        SpreadSamples s = new SpreadSamples();
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(i % 4 == 0 ? 0.0008 + i * 1e-6 : 0.02);
        }
        assertThat(s.lowQuartile()).isLessThan(0.001);
    }

    @Test
    void keepsOnlyTheLastLookups() {
        SpreadSamples s = new SpreadSamples();
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(0.0001);
        }
        for (int i = 0; i < SpreadSamples.KEPT; i++) {
            s.add(0.01);
        }
        assertThat(s.lowQuartile()).isEqualTo(0.01);
    }
}
