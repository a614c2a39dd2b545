package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

    @Test
    void internetRoundTripsLieBetween20And300MillisecondsPlusJitter() {
        LatencyModel model = LatencyModel.internet();
        SplittableRandom random = new SplittableRandom(5);
        long[] rtts = new long[50_000];
        for (int i = 0; i < rtts.length; i++) {
            double a = model.accessMillis(random);
            double b = model.accessMillis(random);
            rtts[i] = model.oneWayMillis(a, b, random) + model.oneWayMillis(b, a, random);
        }
        Arrays.sort(rtts);
        assertThat(rtts[0]).isGreaterThanOrEqualTo(20);
        assertThat(rtts[rtts.length - 1]).isLessThanOrEqualTo(330);
        assertThat(rtts[rtts.length / 2]).isBetween(60L, 120L);
    }
}
