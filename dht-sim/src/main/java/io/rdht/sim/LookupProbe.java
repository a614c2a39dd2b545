package io.rdht.sim;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.LookupResult;
import io.rdht.core.NodeInfo;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Lookups of random ids (or all of one key, see {@link Workload#key}) from random nodes, as a
 * Poisson process. Each is judged against the truth: it succeeds when its result holds the live
 * node closest to the id (the closest honest node: attackers are not in the {@link Population}). Lookups whose own node dies
 * on the way are not counted; one that never ends counts as failed.
 */
final class LookupProbe {

    private final EventLoop loop;
    private final Population population;
    private final SplittableRandom random;
    private final double perSecond;
    private final Workload workload;
    private final Samples hops = new Samples();
    private final Samples latencyMillis = new Samples();
    private final Ratio success = new Ratio();
    private final TimeSeries successOverTime;
    private long stopAt;
    private final Map<Object, DhtNode> running = new IdentityHashMap<>();

    LookupProbe(
            EventLoop loop,
            Population population,
            SplittableRandom random,
            Workload workload,
            TimeSeries successOverTime) {
        this.loop = loop;
        this.population = population;
        this.random = random;
        this.workload = workload;
        this.perSecond = workload.lookupsPerSecond();
        this.successOverTime = successOverTime;
    }

    /** Runs lookups until {@code stopAtMillis}. */
    void start(long stopAtMillis) {
        this.stopAt = stopAtMillis;
        if (perSecond > 0) {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        long gap = Math.round(-Math.log(1 - random.nextDouble()) / perSecond * 1000);
        if (loop.nowMillis() + gap < stopAt) {
            loop.schedule(
                    () -> {
                        lookUp();
                        scheduleNext();
                    },
                    gap,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void lookUp() {
        DhtNode from = population.randomAlive();
        InfoHash target = workload.nextKey(random);
        long started = loop.nowMillis();
        Object lookup = new Object();
        running.put(lookup, from);
        from.findNodes(target)
                .subscribe(
                        result -> {
                            running.remove(lookup);
                            if (population.isAlive(from)) {
                                record(from, result, started);
                            }
                        },
                        error -> running.remove(lookup));
    }

    private void record(DhtNode from, LookupResult result, long started) {
        InfoHash truth = population.closestAlive(result.target());
        if (truth.equals(from.id())) {
            return; // The node asking is the closest itself: a lookup names others, and the node knows itself.
        }
        boolean found = result.closest().stream().map(NodeInfo::id).anyMatch(truth::equals);
        success.record(found);
        successOverTime.record(started, found);
        if (found) {
            hops.add(result.hops());
            latencyMillis.add(loop.nowMillis() - started);
        }
    }

    /** Counts the lookups still running on live nodes as failed; call once, at the end. */
    void finish() {
        running.values().stream().filter(population::isAlive).forEach(n -> success.record(false));
        running.clear();
    }

    Samples hops() {
        return hops;
    }

    Samples latencyMillis() {
        return latencyMillis;
    }

    Ratio success() {
        return success;
    }
}
