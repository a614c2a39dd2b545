package io.rdht.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a {@link Scenario} for one network size: real {@code DhtNode}s on a {@link
 * SimulatedInternet}, in virtual time on one {@link EventLoop}. The nodes join one after another,
 * the network settles, then churn and the workload run while everything is measured. Under an
 * {@link Attack} the size counts the attackers too: they join at random instants of the join
 * phase, among fewer honest nodes, and everything measured is the honest nodes' (the workload's
 * nodes, the truth lookups are judged by, the traffic per node).
 */
final class Simulation {

    /** Virtual time starts here, so that creation times look like real ones. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static final long PROGRESS_EVERY_MILLIS = 5 * 60_000;
    private static final long SLOT_MILLIS = 60_000;

    private final Scenario scenario;
    private final int size;
    private final Consumer<String> progress;
    private final EventLoop loop = new EventLoop(START.toEpochMilli());
    private final SplittableRandom random;
    private final SimulatedInternet internet;
    private final Population population;
    private final int attackers;
    private final Adversaries adversaries;

    Simulation(Scenario scenario, int size, Consumer<String> progress) {
        this.scenario = scenario;
        this.attackers = scenario.attack() == null ? 0 : scenario.attack().attackers(size);
        this.size = size - attackers;
        this.progress = progress;
        this.random = new SplittableRandom(scenario.seed() ^ size);
        this.internet = new SimulatedInternet(loop, scenario.latency(), scenario.lossRate(), random.nextLong());
        this.population =
                new Population(loop, internet, scenario.honestSettings(), scenario.bootstraps(), random.split());
        this.adversaries = scenario.attack() == null
                ? null
                : new Adversaries(
                        loop,
                        internet,
                        scenario.settings(),
                        population,
                        scenario.attack().kind(),
                        random.split());
    }

    /** The attackers' side of the run; empty without an attack. Read after {@link #run}. */
    AttackStats attackStats() {
        return adversaries == null
                ? new AttackStats(0, 0, 0)
                : new AttackStats(adversaries.running().size(), adversaries.answered(), adversaries.valuesDropped());
    }

    SizeResult run() {
        long wallStart = System.nanoTime();
        join();
        runFor(scenario.settle(), "settling");
        long heapPerNodeKiB = heapAfterCollection() / size >> 10;
        progress.accept(String.format("%,d nodes: %,d KiB heap per node after settling", size, heapPerNodeKiB));

        long start = loop.nowMillis();
        long end = start + scenario.measure().toMillis();
        long joinsBefore = population.joins();
        SizeResult.Series series = new SizeResult.Series(
                new TimeSeries(start, SLOT_MILLIS),
                new TimeSeries(start, SLOT_MILLIS),
                new TimeSeries(start, SLOT_MILLIS),
                new OperationTimes(start));
        Workload w = scenario.workload();
        LookupProbe lookups = new LookupProbe(loop, population, random.split(), w, series.lookupSuccess());
        ValueProbe values = new ValueProbe(loop, population, random.split(), w, series.valuesFound(), series.times());
        ListenProbe listens = new ListenProbe(
                loop,
                population,
                random.split(),
                w,
                series.listenDelivered(),
                series.times(),
                scenario.settings().listen().refreshMillis());
        RoutingProbe tables = new RoutingProbe(
                loop,
                population,
                a -> population.isAliveAt(a) || adversaries != null && adversaries.isAt(a),
                random.split(),
                series.times());
        long datagramsBefore = honestDatagrams();
        long bytesBefore = honestBytes();

        population.startChurn(scenario.churn());
        Crash crash = scenario.crash();
        if (crash != null) {
            loop.schedule(
                    () -> {
                        int victims = crash.victims(population.alive().size());
                        population.crashAtOnce(victims);
                        series.times().crashed(loop.nowMillis(), victims);
                        progress.accept(String.format(
                                "%,d nodes: %,d crashed at once, %,d left",
                                size, victims, population.alive().size()));
                    },
                    crash.after().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        lookups.start(end);
        values.start(end);
        listens.start(end);
        tables.start(end);
        runFor(scenario.measure(), "measuring");
        double nodeSeconds = (double) size * scenario.measure().toMillis() / 1000;
        double datagrams = (honestDatagrams() - datagramsBefore) / nodeSeconds;
        double bytes = (honestBytes() - bytesBefore) / nodeSeconds;
        // The last puts' listen events and the last lookups get as long as the others had.
        runFor(w.deliveryWindow(), "draining");
        lookups.finish();

        return new SizeResult(
                size,
                Duration.ofNanos(System.nanoTime() - wallStart),
                heapPerNodeKiB,
                population.joins() - joinsBefore,
                lookups.success().attempts(),
                lookups.success().fraction(),
                lookups.hops().percentile(50),
                lookups.hops().percentile(99),
                lookups.latencyMillis().percentile(50),
                lookups.latencyMillis().percentile(99),
                values.puts().fraction(),
                values.foundBeforeTtl().fraction(),
                values.goneAfterTtl().fraction(),
                listens.delivered().fraction(),
                listens.delivered().attempts(),
                listens.delayMillis().percentile(50),
                listens.delayMillis().percentile(99),
                datagrams,
                bytes,
                series.times().summary(),
                series);
    }

    private long honestDatagrams() {
        return internet.total().datagrams() - internet.adversaryTotal().datagrams();
    }

    private long honestBytes() {
        return internet.total().bytes() - internet.adversaryTotal().bytes();
    }

    /** Starts the honest nodes one after another over the join phase, the attackers at random instants of it. */
    private void join() {
        population.startOne();
        if (adversaries != null) {
            adversaries.scheduleJoins(attackers, scenario.joinPhase().toMillis());
        }
        long gap = Math.max(1, scenario.joinPhase().toMillis() / size);
        for (int i = 1; i < size; i++) {
            loop.schedule(population::startOne, i * gap, TimeUnit.MILLISECONDS);
        }
        runFor(Duration.ofMillis(size * gap), "joining");
    }

    private void runFor(Duration duration, String phase) {
        long end = loop.nowMillis() + duration.toMillis();
        long wallStart = System.nanoTime();
        while (loop.nowMillis() < end) {
            long stepEnd = Math.min(end, loop.nowMillis() + PROGRESS_EVERY_MILLIS);
            loop.runUntil(stepEnd);
            progress.accept(String.format(
                    "%,d nodes%s, %s: %s of %s virtual, %,d alive, %.0f s wall, %,d MiB heap",
                    size,
                    attackers > 0 ? String.format(" + %,d attackers", attackers) : "",
                    phase,
                    Durations.format(Duration.ofMillis(duration.toMillis() - (end - loop.nowMillis()))),
                    Durations.format(duration),
                    population.alive().size(),
                    (System.nanoTime() - wallStart) / 1e9,
                    heapInUse() >> 20));
        }
    }

    private static long heapAfterCollection() {
        System.gc();
        System.gc();
        return heapInUse();
    }

    private static long heapInUse() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
