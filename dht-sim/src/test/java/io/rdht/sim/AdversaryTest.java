package io.rdht.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.engine.EngineSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdversaryTest {

    /** 200 honest nodes (and the attackers, if any), everything about the key the eclipse targets. */
    private static Scenario onTheTargetKey(Attack attack) {
        return new Scenario(
                        List.of(220),
                        Churn.none(),
                        null,
                        0.01,
                        LatencyModel.internet(),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(4),
                        new Workload(
                                1,
                                10,
                                Duration.ofMinutes(30),
                                2,
                                10,
                                Duration.ofSeconds(30),
                                Duration.ofSeconds(30),
                                false),
                        EngineSettings.defaults(),
                        5)
                .with(attack, Defences.NONE);
    }

    @Test
    void twentyNodesWithIdsNextToTheKeyHideItFromGetsListenersAndLookups() {
        Scenario s = onTheTargetKey(new Attack(Attack.Kind.ECLIPSE, 20, 0));
        assertThat(s.workload().key()).isEqualTo(Attack.TARGET);
        Simulation sim = new Simulation(s, 220, line -> {});
        SizeResult r = sim.run();

        assertThat(r.nodes()).as("honest nodes").isEqualTo(200);
        assertThat(sim.attackStats().running()).isEqualTo(20);
        assertThat(r.lookups()).isGreaterThan(150);
        assertThat(r.lookupSuccess())
                .as("lookups of the key that reach the honest closest")
                .isLessThan(0.05);
        assertThat(r.valuePuts()).as("puts look stored").isEqualTo(1);
        assertThat(r.valuesFound()).as("gets that find a value").isLessThan(0.05);
        assertThat(r.listenEvents()).isGreaterThan(100);
        assertThat(r.listenDelivered()).as("readings that reach listeners").isLessThan(0.05);
        assertThat(sim.attackStats().valuesDropped())
                .as("the values went to the attackers")
                .isPositive();
    }

    @Test
    void withoutAttackersTheSameWorkloadOnTheKeyIsServed() {
        // Without an attack the workload keeps random keys: the same key is asked for explicitly.
        Scenario s = onTheTargetKey(null);
        Scenario onKey = new Scenario(
                s.sizes(),
                s.churn(),
                null,
                s.lossRate(),
                s.latency(),
                s.joinPhase(),
                s.settle(),
                s.measure(),
                s.workload().about(Attack.TARGET),
                s.settings(),
                s.seed());
        Simulation sim = new Simulation(onKey, 220, line -> {});
        SizeResult r = sim.run();

        assertThat(r.nodes()).isEqualTo(220);
        assertThat(r.lookupSuccess()).isGreaterThan(0.98);
        assertThat(r.valuesFound()).isGreaterThan(0.98);
        assertThat(r.listenDelivered()).isGreaterThan(0.98);
        assertThat(sim.attackStats().answered()).isZero();
    }

    @Test
    void sybilsAreAShareOfTheNetworkAndAnswerLookupsWithEachOther() {
        Scenario s = onTheTargetKey(null).with(new Attack(Attack.Kind.SYBIL, 0, 0.1), Defences.NONE);
        assertThat(s.workload().key()).as("Sybils attack random keys").isNull();
        Simulation sim = new Simulation(s, 220, line -> {});
        SizeResult r = sim.run();

        assertThat(r.nodes()).isEqualTo(198);
        assertThat(sim.attackStats().running()).isEqualTo(22);
        assertThat(sim.attackStats().answered()).as("lookups reached them").isGreaterThan(100);
        assertThat(r.lookups()).isGreaterThan(150);
    }

    @Test
    void underIdBindingAttackersWithIdsChosenNextToTheKeyAreNeverAsked() {
        Scenario s = onTheTargetKey(null)
                .with(
                        new Attack(Attack.Kind.ECLIPSE, 20, 0),
                        Defences.parse(List.of("id-binding")).get(0));
        Simulation sim = new Simulation(s, 220, line -> {});
        SizeResult r = sim.run();

        assertThat(sim.attackStats().running()).isEqualTo(20);
        assertThat(sim.attackStats().answered())
                .as("no honest node asks a node whose id does not fit")
                .isZero();
        assertThat(r.lookupSuccess()).isGreaterThan(0.98);
        assertThat(r.valuesFound()).isGreaterThan(0.98);
        assertThat(r.listenDelivered()).isGreaterThan(0.98);
    }
}
