package io.rdht.sim;

import io.rdht.core.DhtNode;
import io.rdht.core.RoutingSnapshot;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * How many crashed nodes the live nodes' routing tables still hold, read through {@code
 * DhtNode.routingTable()}: every {@value #EVERY_MILLIS} ms the tables of up to {@value #NODES}
 * random live nodes (all of them in a smaller network). A contact is dead when its node crashed; a
 * table drops a contact after two requests in a row went unanswered, and until the first of them
 * a dead contact is unsuspected: lookups wait for it through one re-send. For dead contacts the table's round-trip estimate is kept too: a request to
 * one is waited for in proportion to it before it counts as lost.
 */
final class RoutingProbe {

    private static final long EVERY_MILLIS = 5_000;
    private static final int NODES = 20;

    private final EventLoop loop;
    private final Population population;
    private final Predicate<InetSocketAddress> running;
    private final SplittableRandom random;
    private final OperationTimes times;
    private long stopAt;

    /** Reads the tables of {@code population}'s nodes; a contact is dead unless {@code running} holds for its address. */
    RoutingProbe(
            EventLoop loop,
            Population population,
            Predicate<InetSocketAddress> running,
            SplittableRandom random,
            OperationTimes times) {
        this.loop = loop;
        this.population = population;
        this.running = running;
        this.random = random;
        this.times = times;
    }

    /** Reads tables until {@code stopAtMillis}. */
    void start(long stopAtMillis) {
        this.stopAt = stopAtMillis;
        loop.schedule(this::sample, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        List<DhtNode> alive = population.alive();
        List<DhtNode> sampled = new ArrayList<>();
        if (alive.size() <= NODES) {
            sampled.addAll(alive);
        } else {
            for (int i = 0; i < NODES; i++) {
                sampled.add(alive.get(random.nextInt(alive.size())));
            }
        }
        long at = loop.nowMillis();
        for (DhtNode node : sampled) {
            node.routingTable().subscribe(table -> record(at, table), error -> {});
        }
        if (loop.nowMillis() + EVERY_MILLIS < stopAt) {
            loop.schedule(this::sample, EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void record(long at, RoutingSnapshot table) {
        for (RoutingSnapshot.BucketView bucket : table.buckets()) {
            for (RoutingSnapshot.ContactView c : bucket.contacts()) {
                boolean dead = !running.test(c.node().address());
                times.deadContacts.add(at, dead ? 1 : 0);
                if (dead) {
                    times.deadHandedOut.add(at, c.failures() == 0 ? 1 : 0);
                    if (c.rttMillis() >= 0) {
                        times.deadRtt.add(at, Math.round(c.rttMillis()));
                    }
                }
            }
        }
    }
}
