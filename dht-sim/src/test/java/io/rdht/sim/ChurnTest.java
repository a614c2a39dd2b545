package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChurnTest {

    private static final int DRAWS = 200_000;
    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void sessionsHaveTheMedianAsked() {
        Churn churn = new Churn(0.5, Duration.ofHours(1));
        double[] sessions = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            sessions[i] = churn.sessionMillis(random);
        }
        Arrays.sort(sessions);
        assertThat(sessions[DRAWS / 2] / 3_600_000).isCloseTo(1, within(0.02));
    }

    @Test
    void meanSessionIsTheWeibullMean() {
        // shape 0.5: mean = λ·Γ(3) = 2λ, and λ = median / (ln 2)².
        Churn churn = new Churn(0.5, Duration.ofHours(1));
        double lambdaHours = 1 / Math.pow(Math.log(2), 2);
        assertThat(churn.meanSession().toMillis() / 3_600_000.0).isCloseTo(2 * lambdaHours, within(0.001));
    }

    @Test
    void residualTimesHaveTheMeanOfARenewalProcessAtEquilibrium() {
        // E[residual] = E[T²] / (2 E[T]); for Weibull, E[T^n] = λ^n Γ(1 + n/k).
        double shape = 0.6;
        Churn churn = new Churn(shape, Duration.ofMinutes(10));
        double sum = 0;
        for (int i = 0; i < DRAWS; i++) {
            sum += churn.residualMillis(random);
        }
        double lambda = 600_000 / Math.pow(Math.log(2), 1 / shape);
        double expected = lambda * Math.exp(Gamma.logGamma(1 + 2 / shape) - Gamma.logGamma(1 + 1 / shape)) / 2;
        assertThat(sum / DRAWS / expected).isCloseTo(1, within(0.03));
    }

    @Test
    void gammaSamplesHaveMeanAndVarianceEqualToTheShape() {
        double shape = 2.7;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = Gamma.sample(shape, random);
            sum += x;
            squares += x * x;
        }
        double mean = sum / DRAWS;
        assertThat(mean).isCloseTo(shape, within(0.03));
        assertThat(squares / DRAWS - mean * mean).isCloseTo(shape, within(0.1));
        assertThat(Math.exp(Gamma.logGamma(5))).isCloseTo(24, within(1e-9));
    }

    @Test
    void noChurnIsInactive() {
        assertThat(Churn.none().isActive()).isFalse();
        assertThat(new Churn(0.4, Duration.ofMinutes(10)).isActive()).isTrue();
    }
}
