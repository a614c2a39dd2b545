package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * 1,000 real nodes on the in-memory transport in virtual time: puts and gets from random nodes,
 * the loss of 30% of the nodes chosen among the storers, and expiry.
 */
class ThousandNodeNetworkTest {

    private static final int NODES = 1000;
    private static final int VALUES = 1000;
    private static final Duration TTL = Duration.ofHours(1);

    @Test
    void valuesAreFoundFromAnyNodeSurviveTheLossOfTheirStorersAndExpireAtTheirTtl() {
        try (VirtualNetwork net = new VirtualNetwork(2026, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(NODES);
            net.advance(Duration.ofSeconds(30));

            Map<Integer, PutResult> puts = putAll(net);
            assertThat(puts).as("every put confirmed").hasSize(VALUES);
            puts.values()
                    .forEach(r ->
                            assertThat(r.storers()).as("storers of %s", r.key()).hasSizeGreaterThanOrEqualTo(6));
            assertThat(getAll(net)).as("values found right after the puts").isEqualTo(VALUES);

            List<List<DhtNode>> waves = victimsInWaves(net, puts);
            for (List<DhtNode> wave : waves) {
                wave.forEach(net::kill);
                net.advance(Duration.ofMinutes(6));
            }
            assertThat(net.alive().size()).as("nodes still alive").isBetween(NODES - 300, NODES - 290);
            assertThat(getAll(net))
                    .as("values found after 30% of the nodes, all storers, died")
                    .isEqualTo(VALUES);

            Duration elapsed =
                    Duration.between(puts.values().iterator().next().value().created(), net.now());
            net.advance(TTL.minus(elapsed).minusSeconds(30));
            assertThat(getAll(net))
                    .as("values found 30 s before their TTL ends")
                    .isEqualTo(VALUES);
            net.advance(Duration.ofSeconds(31 + 5));
            assertThat(getAll(net)).as("values found after their TTL ended").isZero();
            long stored = 0;
            for (DhtNode n : net.alive()) {
                stored += net.await(n.storage(), Duration.ofSeconds(1)).size();
            }
            assertThat(stored).as("keys still stored anywhere after expiry").isZero();
        }
    }

    private static Map<Integer, PutResult> putAll(VirtualNetwork net) {
        Map<Integer, PutResult> results = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < VALUES; i++) {
            int n = i;
            Value v = Value.builder()
                    .text("value-" + i)
                    .contentType(Value.TEXT_PLAIN)
                    .ttl(TTL)
                    .build();
            net.randomAlive().put(key(i), v).subscribe(r -> results.put(n, r), e -> failed.incrementAndGet());
        }
        net.runUntil(() -> results.size() + failed.get() == VALUES, Duration.ofMinutes(2));
        return results;
    }

    /** Gets every key from a random node; returns how many came back with exactly the right value. */
    private static int getAll(VirtualNetwork net) {
        Map<Integer, List<Value>> found = new ConcurrentHashMap<>();
        AtomicInteger ended = new AtomicInteger();
        for (int i = 0; i < VALUES; i++) {
            int n = i;
            List<Value> values = new ArrayList<>();
            Flux<Value> get = net.randomAlive().get(key(i));
            get.subscribe(values::add, e -> ended.incrementAndGet(), () -> {
                found.put(n, values);
                ended.incrementAndGet();
            });
        }
        net.runUntil(() -> ended.get() == VALUES, Duration.ofMinutes(2));
        int right = 0;
        for (Map.Entry<Integer, List<Value>> e : found.entrySet()) {
            List<Value> vs = e.getValue();
            if (vs.size() == 1 && vs.get(0).dataAsText().equals("value-" + e.getKey())) {
                right++;
            }
        }
        return right;
    }

    /**
     * 30% of the nodes, taken value by value as the whole set of nodes that first stored it, in
     * three waves: each wave takes at most a third of any value's first storers, and the values
     * whose every first storer dies can only survive through re-publication between the waves.
     */
    private static List<List<DhtNode>> victimsInWaves(VirtualNetwork net, Map<Integer, PutResult> puts) {
        Map<InfoHash, DhtNode> byId = new HashMap<>();
        net.alive().forEach(n -> byId.put(n.id(), n));
        List<List<DhtNode>> waves = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Set<DhtNode> chosen = new HashSet<>();
        List<PutResult> order = new ArrayList<>(puts.values());
        Collections.shuffle(order, new Random(net.random().nextLong()));
        int wholeSetsKilled = 0;
        for (PutResult r : order) {
            List<DhtNode> storers =
                    r.storers().stream().map(s -> byId.get(s.id())).toList();
            if (chosen.size() + storers.size() > NODES * 3 / 10) {
                break;
            }
            for (int i = 0; i < storers.size(); i++) {
                if (chosen.add(storers.get(i))) {
                    waves.get(i % 3).add(storers.get(i));
                }
            }
            wholeSetsKilled++;
        }
        assertThat(wholeSetsKilled).as("values that lose every first storer").isGreaterThan(30);
        return waves;
    }

    private static InfoHash key(int i) {
        return InfoHash.of("key-" + i);
    }
}
