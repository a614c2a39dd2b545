package io.rdht.sim;

import io.rdht.core.engine.EngineSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 * @param settings  every honest node's engine settings, before the defences
 * @param seed      the one source of randomness: the same seed gives the same run
 * @param attack    attacker nodes among the network's size; null for none
 * @param defences  the defences the honest nodes have on (issue 13)
 * @param bootstraps running nodes each joining node bootstraps from, distinct, at random
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
        long seed,
        Attack attack,
        Defences defences,
        int bootstraps) {

    /** A scenario without attackers or defences, whose nodes join through one running node each. */
    public Scenario(
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
        this(
                sizes,
                churn,
                crash,
                lossRate,
                latency,
                joinPhase,
                settle,
                measure,
                workload,
                settings,
                seed,
                null,
                Defences.NONE,
                1);
    }

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
        if (attack != null && sizes.stream().anyMatch(n -> attack.attackers(n) >= n - 1)) {
            throw new IllegalArgumentException("the attackers must leave at least 2 honest nodes in " + sizes);
        }
        if (attack != null
                && attack.kind() == Attack.Kind.ECLIPSE
                && sizes.stream().anyMatch(n -> attack.attackers(n) > AttackerLayout.ECLIPSE_HOSTS)) {
            throw new IllegalArgumentException(
                    "an eclipse from one /24 has at most " + AttackerLayout.ECLIPSE_HOSTS + " attackers");
        }
        if (attack != null
                && attack.kind() == Attack.Kind.ECLIPSE_GRIND
                && sizes.stream().anyMatch(n -> attack.attackers(n) > AttackerLayout.GRIND_MAX)) {
            throw new IllegalArgumentException(
                    "an eclipse of one /24 under id binding has at most " + AttackerLayout.GRIND_MAX + " attackers");
        }
        if (crash != null && crash.after().compareTo(measure) >= 0) {
            throw new IllegalArgumentException("the crash must come while measuring (within "
                    + Durations.format(measure) + "), got " + Durations.format(crash.after()));
        }
        Objects.requireNonNull(defences, "defences");
        if (bootstraps < 1) {
            throw new IllegalArgumentException("a joining node needs at least 1 bootstrap node, got " + bootstraps);
        }
    }

    /**
     * This scenario with {@code attack} (null for none) and {@code defences}; under an eclipse the
     * workload is about the target key alone.
     */
    Scenario with(Attack attack, Defences defences) {
        Workload w = attack != null && attack.kind().isEclipse() ? workload.about(Attack.TARGET) : workload;
        return new Scenario(
                sizes,
                churn,
                crash,
                lossRate,
                latency,
                joinPhase,
                settle,
                measure,
                w,
                settings,
                seed,
                attack,
                defences,
                bootstraps);
    }

    /** This scenario with each joining node given {@code count} running nodes to bootstrap from. */
    Scenario withBootstraps(int count) {
        return new Scenario(
                sizes, churn, crash, lossRate, latency, joinPhase, settle, measure, workload, settings, seed, attack,
                defences, count);
    }

    /** The honest nodes' settings: {@link #settings} with the defences on. */
    EngineSettings honestSettings() {
        return defences.apply(settings);
    }
}
