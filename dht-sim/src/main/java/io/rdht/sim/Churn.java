package io.rdht.sim;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How long nodes stay: session lengths from a Weibull distribution, as measured for BitTorrent
 * peers (shape 0.4–0.6: most sessions are short, a few very long). A node that leaves crashes
 * without a word, and a new node (new id, new address) joins in its place, so the network keeps
 * its size.
 *
 * <p>The nodes present when measuring starts have been running for a while, so their remaining
 * time is not a fresh session: it is drawn from the equilibrium residual distribution of the
 * renewal process (a length-biased session, of which a uniform fraction remains). For a Weibull of
 * shape k and scale λ the length-biased session is λ·G^(1/k) with G ~ Gamma(1 + 1/k).
 *
 * @param shape         Weibull shape k; 1 would be memoryless
 * @param medianSession median session length; null for no churn
 */
public record Churn(double shape, Duration medianSession) {

    /** Checks the parameters. */
    public Churn {
        if (medianSession != null && !(shape > 0 && medianSession.toMillis() > 0)) {
            throw new IllegalArgumentException(
                    "need shape > 0 and a positive median session, got " + shape + ", " + medianSession);
        }
    }

    /** Nobody leaves. */
    public static Churn none() {
        return new Churn(1, null);
    }

    /** Whether nodes leave at all. */
    public boolean isActive() {
        return medianSession != null;
    }

    /** The Weibull scale λ that gives the median session. */
    private double scaleMillis() {
        return medianSession.toMillis() / Math.pow(Math.log(2), 1 / shape);
    }

    /** The mean session length: λ·Γ(1 + 1/k). */
    public Duration meanSession() {
        return Duration.ofMillis(Math.round(scaleMillis() * Math.exp(Gamma.logGamma(1 + 1 / shape))));
    }

    /** A fresh node's session length, in milliseconds. */
    public long sessionMillis(SplittableRandom random) {
        return Math.round(scaleMillis() * Math.pow(-Math.log(1 - random.nextDouble()), 1 / shape));
    }

    /** The time left to a node found running in a network at equilibrium, in milliseconds. */
    public long residualMillis(SplittableRandom random) {
        double lengthBiased = scaleMillis() * Math.pow(Gamma.sample(1 + 1 / shape, random), 1 / shape);
        return Math.round(random.nextDouble() * lengthBiased);
    }

    @Override
    public String toString() {
        return isActive() ? "Weibull shape " + shape + ", median session " + Durations.format(medianSession) : "none";
    }
}
