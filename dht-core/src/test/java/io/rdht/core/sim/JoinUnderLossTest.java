package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeObserver;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Joining under 10% datagram loss: no node stays with its bootstrap node alone, a start completes
 * once the nearest live nodes answered, and lost datagrams evict nobody.
 */
class JoinUnderLossTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final int K = EngineSettings.defaults().lookup().k();

    @Test
    void everyNodeOfAThirtyTwoNodeNetworkJoinedUnderTenPercentLossKnowsAtLeastKOthers() {
        for (long seed = 1; seed <= 5; seed++) {
            try (VirtualNetwork net =
                    new VirtualNetwork(seed, NetworkConditions.lan().withLoss(0.10), EngineSettings.defaults())) {
                net.grow(32);
                net.advance(Duration.ofSeconds(30));
                for (int i = 0; i < net.alive().size(); i++) {
                    DhtNode n = net.alive().get(i);
                    assertThat(net.await(n.routingTable(), LIMIT).contactCount())
                            .as("contacts of node %d (seed %d), 30 s after the network formed", i, seed)
                            .isGreaterThanOrEqualTo(8);
                }
            }
        }
    }

    @Test
    void underTenPercentLossEachStartInANetworkOfTwoKCompletesWithKLiveContactsStillThereThirtySecondsLater() {
        for (long seed = 1; seed <= 5; seed++) {
            try (VirtualNetwork net =
                    new VirtualNetwork(seed, NetworkConditions.lan().withLoss(0.10), EngineSettings.defaults())) {
                // from 2K nodes on, a self-lookup hears of more than K nodes beside those whose reply was lost
                net.grow(2 * K);
                List<RoutingSnapshot> atStart = new ArrayList<>();
                while (net.alive().size() < 32) {
                    atStart.add(startedWith(net));
                }
                net.advance(Duration.ofSeconds(30));
                for (int i = 0; i < atStart.size(); i++) {
                    int index = 2 * K + i;
                    DhtNode n = net.alive().get(index);
                    assertThat(atStart.get(i).contactCount())
                            .as("contacts of node %d (seed %d) when its start completed", index, seed)
                            .isGreaterThanOrEqualTo(K);
                    assertThat(ids(net.await(n.routingTable(), LIMIT)))
                            .as("node %d (seed %d) 30 s later still knows every node it joined with", index, seed)
                            .containsAll(ids(atStart.get(i)));
                }
            }
        }
    }

    /** Adds a node and returns its routing table at the moment its start completed. */
    private static RoutingSnapshot startedWith(VirtualNetwork net) {
        AtomicReference<RoutingSnapshot> table = new AtomicReference<>();
        net.add(config -> config.observer(new NodeObserver() {
            @Override
            public void onStarted(DhtNode node) {
                // read on the node's thread at the same virtual instant, before any later datagram
                node.routingTable().subscribe(table::set);
            }
        }));
        net.runUntil(() -> table.get() != null, LIMIT);
        return table.get();
    }

    private static Set<InfoHash> ids(RoutingSnapshot table) {
        return table.buckets().stream()
                .flatMap(b -> b.contacts().stream())
                .map(c -> c.node().id())
                .collect(Collectors.toSet());
    }
}
