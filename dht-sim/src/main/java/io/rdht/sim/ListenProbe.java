package io.rdht.sim;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;

/**
 * Listeners on a few keys, each on a random node, and a new value put to each key at a steady
 * pace from a random node. Each put is expected by every listener that was listening when the put
 * began and is still alive a delivery window later; the ratio delivered and the delay from the
 * start of the put to the listener's event are measured. A listener whose node dies is replaced by
 * one on another node.
 */
final class ListenProbe {

    private final EventLoop loop;
    private final Population population;
    private final SplittableRandom random;
    private final Workload workload;
    private final TimeSeries deliveredOverTime;
    private final Map<DhtNode, List<Listener>> listenersByNode = new HashMap<>();
    private final Map<Long, Long> putStartedAt = new HashMap<>();
    private final Samples delayMillis = new Samples();
    private final Ratio delivered = new Ratio();
    private long nextSequence;
    private long stopAt;

    ListenProbe(EventLoop loop, Population population, SplittableRandom random, Workload workload,
                TimeSeries deliveredOverTime) {
        this.loop = loop;
        this.population = population;
        this.random = random;
        this.workload = workload;
        this.deliveredOverTime = deliveredOverTime;
        population.onDeath(this::replaceListenersOf);
    }

    /** Subscribes the listeners now, publishes until {@code stopAtMillis}. */
    void start(long stopAtMillis) {
        this.stopAt = stopAtMillis;
        for (int k = 0; k < workload.listenKeys(); k++) {
            InfoHash key = InfoHash.random(random);
            for (int i = 0; i < workload.listenersPerKey(); i++) {
                listen(key);
            }
            long firstPut = workload.publishInterval().toMillis() + random.nextLong(workload.publishInterval().toMillis());
            loop.schedule(() -> publish(key), firstPut, TimeUnit.MILLISECONDS);
        }
    }

    private void listen(InfoHash key) {
        DhtNode node = population.randomAlive();
        Listener l = new Listener(node, key, loop.nowMillis());
        l.subscription = node.listen(key).subscribe(event -> onEvent(l, event), error -> { });
        listenersByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(l);
    }

    private void replaceListenersOf(DhtNode dead) {
        List<Listener> gone = listenersByNode.remove(dead);
        if (gone != null) {
            for (Listener l : gone) {
                l.subscription.dispose();
                listen(l.key);
            }
        }
    }

    private void publish(InfoHash key) {
        long sequence = nextSequence++;
        long now = loop.nowMillis();
        List<Listener> expecting = listenersByNode.values().stream().flatMap(List::stream)
                .filter(l -> l.key.equals(key)).toList();
        putStartedAt.put(sequence, now);
        Value value = Value.builder().text(Long.toString(sequence)).ttl(Duration.ofMinutes(5)).build();
        // A put that fails is not retried: its listeners count it as an event not delivered.
        population.randomAlive().put(key, value).subscribe(r -> { }, e -> { });
        loop.schedule(() -> judge(sequence, now, expecting), workload.deliveryWindow().toMillis(),
                TimeUnit.MILLISECONDS);
        if (now + workload.publishInterval().toMillis() < stopAt) {
            loop.schedule(() -> publish(key), workload.publishInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void onEvent(Listener l, ValueEvent event) {
        if (!(event instanceof ValueEvent.Added added)) {
            return;
        }
        long sequence = Long.parseLong(added.value().dataAsText());
        Long startedAt = putStartedAt.get(sequence);
        if (startedAt != null && l.received.add(sequence) && startedAt >= l.since) {
            delayMillis.add(loop.nowMillis() - startedAt);
        }
    }

    private void judge(long sequence, long startedAt, List<Listener> expecting) {
        for (Listener l : expecting) {
            if (population.isAlive(l.node)) {
                boolean got = l.received.contains(sequence);
                delivered.record(got);
                deliveredOverTime.record(startedAt, got);
            }
        }
    }

    Samples delayMillis() {
        return delayMillis;
    }

    Ratio delivered() {
        return delivered;
    }

    private static final class Listener {
        final DhtNode node;
        final InfoHash key;
        final long since;
        final Set<Long> received = new HashSet<>();
        Disposable subscription;

        Listener(DhtNode node, InfoHash key, long since) {
            this.node = node;
            this.key = key;
            this.since = since;
        }
    }
}
