package io.rdht.sim;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.ListenView;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.net.InetSocketAddress;
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
 * start of the put to the listener's event are measured, and each put's own duration. A listener
 * whose node dies is replaced by one on another node.
 *
 * <p>What a listen refresh costs is seen from outside through {@code DhtNode.listens()}: when a
 * node dies, every listen registered with it is polled every {@value #POLL_MILLIS} ms until it no
 * longer names that node, which happens when the listen's periodic refresh has looked the key up
 * again and registered with live nodes. The time from the death to then, and the part of it after
 * the refresh began (the refresh starts every refresh period from the subscription), are
 * measured.
 */
final class ListenProbe {

    private final EventLoop loop;
    private final Population population;
    private final SplittableRandom random;
    private final Workload workload;
    private final TimeSeries deliveredOverTime;
    /** Polls of a listen that still names a dead storer stop after this many (ten minutes). */
    private static final int MAX_POLLS = 6_000;

    private static final long POLL_MILLIS = 100;

    private final OperationTimes times;
    private final long refreshMillis;
    private final Map<DhtNode, List<Listener>> listenersByNode = new HashMap<>();
    /** When each node's listen of each key began: its refreshes follow every refresh period. */
    private final Map<DhtNode, Map<InfoHash, Long>> listenStarts = new HashMap<>();

    private final Map<Long, Long> putStartedAt = new HashMap<>();
    private final Samples delayMillis = new Samples();
    private final Ratio delivered = new Ratio();
    private long nextSequence;
    private long stopAt;

    ListenProbe(
            EventLoop loop,
            Population population,
            SplittableRandom random,
            Workload workload,
            TimeSeries deliveredOverTime,
            OperationTimes times,
            long refreshMillis) {
        this.loop = loop;
        this.times = times;
        this.refreshMillis = refreshMillis;
        this.population = population;
        this.random = random;
        this.workload = workload;
        this.deliveredOverTime = deliveredOverTime;
        population.onDeath(this::replaceListenersOf);
        population.onDeath(this::followListensRegisteredWith);
    }

    /** Subscribes the listeners over the first publish interval, publishes until {@code stopAtMillis}. */
    void start(long stopAtMillis) {
        this.stopAt = stopAtMillis;
        for (int k = 0; k < workload.listenKeys(); k++) {
            InfoHash key = workload.nextKey(random);
            for (int i = 0; i < workload.listenersPerKey(); i++) {
                // Spread over the first publish interval, before the first put to the key, so that the
                // listens' periodic refreshes do not all fall at the same instants.
                loop.schedule(
                        () -> listen(key),
                        random.nextLong(workload.publishInterval().toMillis()),
                        TimeUnit.MILLISECONDS);
            }
            long firstPut = workload.publishInterval().toMillis()
                    + random.nextLong(workload.publishInterval().toMillis());
            loop.schedule(() -> publish(key), firstPut, TimeUnit.MILLISECONDS);
        }
    }

    private void listen(InfoHash key) {
        DhtNode node = population.randomAlive();
        Listener l = new Listener(node, key, loop.nowMillis());
        l.subscription = node.listen(key).subscribe(event -> onEvent(l, event), error -> {});
        listenersByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(l);
        listenStarts.computeIfAbsent(node, n -> new HashMap<>()).putIfAbsent(key, loop.nowMillis());
    }

    private void replaceListenersOf(DhtNode dead) {
        listenStarts.remove(dead);
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
        List<Listener> expecting = listenersByNode.values().stream()
                .flatMap(List::stream)
                .filter(l -> l.key.equals(key))
                .toList();
        putStartedAt.put(sequence, now);
        Value value = Value.builder()
                .text(Long.toString(sequence))
                .ttl(Duration.ofMinutes(5))
                .build();
        // A put that fails is not retried: its listeners count it as an event not delivered.
        Puts.timed(loop, population, times, key, value, r -> {}, e -> {});
        loop.schedule(
                () -> judge(sequence, now, expecting), workload.deliveryWindow().toMillis(), TimeUnit.MILLISECONDS);
        if (now + workload.publishInterval().toMillis() < stopAt) {
            loop.schedule(() -> publish(key), workload.publishInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void followListensRegisteredWith(DhtNode dead) {
        long diedAt = loop.nowMillis();
        InetSocketAddress storer = dead.address();
        listenStarts.forEach((node, keys) -> keys.keySet().forEach(key -> poll(node, key, storer, diedAt, 0)));
    }

    /** Looks whether {@code node}'s listen of {@code key} still names {@code storer}; again later if so. */
    private void poll(DhtNode node, InfoHash key, InetSocketAddress storer, long diedAt, int polls) {
        node.listens()
                .subscribe(
                        views -> {
                            if (!population.isAlive(node)) {
                                return;
                            }
                            ListenView view = views.stream()
                                    .filter(v -> v.key().equals(key))
                                    .findFirst()
                                    .orElse(null);
                            boolean named = view != null
                                    && view.storers().stream()
                                            .anyMatch(s -> s.address().equals(storer));
                            if (named && polls < MAX_POLLS) {
                                loop.schedule(
                                        () -> poll(node, key, storer, diedAt, polls + 1),
                                        POLL_MILLIS,
                                        TimeUnit.MILLISECONDS);
                            } else if (polls > 0) {
                                // Still named after the last poll: recorded all the same, as the lower bound it is.
                                long now = loop.nowMillis();
                                times.listenMoved.add(diedAt, now - diedAt);
                                long since = listenStarts.get(node).get(key);
                                long refreshBegan = since + (now - since) / refreshMillis * refreshMillis;
                                times.refreshLookup.add(diedAt, now - Math.max(refreshBegan, diedAt));
                            }
                        },
                        error -> {});
    }

    private void onEvent(Listener l, ValueEvent event) {
        if (!(event instanceof ValueEvent.Added added) || !isReading(added.value())) {
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

    /** Whether {@code v} is one this probe put: under a key of its own, other probes' values come too. */
    private static boolean isReading(Value v) {
        String text = v.dataAsText();
        return !text.isEmpty() && text.length() < 19 && text.chars().allMatch(Character::isDigit);
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
