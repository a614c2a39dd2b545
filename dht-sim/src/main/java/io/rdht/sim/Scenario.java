package io.rdht.sim;

import io.rdht.core.engine.EngineSettings;
import java.time.Duration;
import java.util.List;

/**
 * One simulation: the same scenario run for each network size.
 *
 * @param sizes     network sizes, one run each
 * @param churn     how long nodes stay once measuring starts
 * @param crash     a share of the nodes that crash at one instant while measuring; null for none
 * @param lossRate  share of datagrams lost, in [0, 1)
 * @param latency   round trips between nodes
 * @param joinPhase the nodes join one after another, spread over this long
 * @param settle    then the network runs this long untouched
 * @param measure   then churn and the workload run this long, and everything is measured
 * @param workload  what the users do while measuring
 * @param settings  every node's engine settings
 * @param seed      the one source of randomness: the same seed gives the same run
 */
public record Scenario(
        List<Integer> sizes,
        Churn churn,
        Crash crash,
        double lossRate,
        LatencyModel latency,
        Duration joinPhase,
        Duration settle,
        Duration measure,
        Workload workload,
        EngineSettings settings,
        long seed) {

    /** Checks the figures. */
    public Scenario {
        sizes = List.copyOf(sizes);
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 2)) {
            throw new IllegalArgumentException("each network size must be ≥ 2, got " + sizes);
        }
        if (!(lossRate >= 0 && lossRate < 1)) {
            throw new IllegalArgumentException("loss rate must be in [0, 1), got " + lossRate);
        }
        if (joinPhase.isNegative() || settle.isNegative() || measure.isNegative() || measure.isZero()) {
            throw new IllegalArgumentException("phases must not be negative, and measuring must take some time");
        }
        if (crash != null && crash.after().compareTo(measure) >= 0) {
            throw new IllegalArgumentException("the crash must come while measuring (within "
                    + Durations.format(measure) + "), got " + Durations.format(crash.after()));
        }
    }
}
