package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.KeySnapshot;
import io.rdht.core.LeaveReport;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A node that leaves gracefully hands its values on and is dropped by its peers at once. */
class GracefulLeaveTest {

    private static final Duration LIMIT = Duration.ofMinutes(1);
    private static final int K = 8;

    private final Set<InfoHash> knownIds = new HashSet<>();

    @Test
    void aLeavingNodeHandsEveryValueToKLiveNodesAndItsPeersDropItAtOnce() {
        try (VirtualNetwork net = new VirtualNetwork(31, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(30);
            DhtNode leaver = net.alive().get(7);
            List<InfoHash> keys = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                InfoHash key = InfoHash.of("handed-" + i);
                keys.add(key);
                net.await(net.alive().get(i % 30 == 7 ? 8 : i % 30).put(key, Value.of("v" + i)), LIMIT);
            }
            List<InfoHash> held = net.await(leaver.storage(), LIMIT).stream()
                    .map(KeySnapshot::key)
                    .toList();
            RoutingSnapshot known = net.await(leaver.routingTable(), LIMIT);
            knownIds.addAll(known.buckets().stream()
                    .flatMap(b -> b.contacts().stream())
                    .map(c -> c.node().id())
                    .toList());
            known.buckets().stream()
                    .filter(b -> b.replacement() != null)
                    .forEach(b -> knownIds.add(b.replacement().id()));
            assertThat(held).as("the leaver stores some of the keys").isNotEmpty();

            LeaveReport report = net.await(leaver.leave(Duration.ofSeconds(3)), LIMIT);
            net.alive().remove(leaver);

            assertThat(report.complete()).isTrue();
            assertThat(report.keys()).isEqualTo(held.size());
            assertThat(report.keysHandedOn()).isEqualTo(held.size());
            assertThat(report.peersAnswered()).isEqualTo(report.peersTold()).isPositive();
            List<DhtNode> told =
                    net.alive().stream().filter(n -> knownIds.contains(n.id())).toList();
            assertThat(told).hasSize(report.peersTold());
            for (DhtNode n : told) {
                assertThat(net.await(n.routingTable(), LIMIT).buckets())
                        .flatExtracting(b -> b.contacts())
                        .as("the contacts of %s, a peer the leaver knew, right after the leave", n)
                        .noneMatch(c -> c.node().id().equals(leaver.id()));
            }
            for (InfoHash key : held) {
                long holders = net.alive().stream()
                        .filter(n -> net.await(n.storage(), LIMIT).stream()
                                .anyMatch(s -> s.key().equals(key)))
                        .count();
                assertThat(holders).as("live nodes holding %s", key).isGreaterThanOrEqualTo(K);
            }
        }
    }

    @Test
    void aCrashedNodeIsNotDroppedAtOnceSoTheLeaveMessageIsWhatDoesIt() {
        try (VirtualNetwork net = new VirtualNetwork(32, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(30);
            DhtNode crashed = net.alive().get(7);
            net.kill(crashed);
            long stillListing = net.alive().stream()
                    .filter(n -> net.await(n.routingTable(), LIMIT).buckets().stream()
                            .flatMap(b -> b.contacts().stream())
                            .anyMatch(c -> c.node().id().equals(crashed.id())))
                    .count();
            assertThat(stillListing).isPositive();
        }
    }
}
