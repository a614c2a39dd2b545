package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.LookupResult;
import io.rdht.core.NodeInfo;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FindNodesTest {

    @Test
    void findsTheKClosestOtherLiveNodesAndSaysHowManyHopsItTook() {
        try (VirtualNetwork net = new VirtualNetwork(11, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(300);
            net.advance(Duration.ofMinutes(1));
            for (int i = 0; i < 20; i++) {
                InfoHash target = InfoHash.random(net.random());
                DhtNode from = net.randomAlive();
                LookupResult result = net.await(from.findNodes(target), Duration.ofMinutes(1));
                List<InfoHash> expected = net.alive().stream()
                        .filter(n -> n != from)
                        .map(DhtNode::id)
                        .sorted(Comparator.comparing(id -> id, target::compareDistance))
                        .limit(8)
                        .toList();
                assertThat(result.closest()).extracting(NodeInfo::id).containsExactlyElementsOf(expected);
                assertThat(result.hops()).isBetween(1, 8);
                assertThat(result.answered()).isGreaterThanOrEqualTo(8);
            }
        }
    }

    @Test
    void aLookupRunningWhenItsNodeClosesFailsWithNodeClosed() {
        try (VirtualNetwork net = new VirtualNetwork(13, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(50);
            DhtNode node = net.randomAlive();
            AtomicReference<Throwable> error = new AtomicReference<>();
            node.findNodes(InfoHash.random(net.random())).subscribe(r -> {}, error::set);
            net.advance(Duration.ofMillis(1));
            net.kill(node);
            net.runUntil(() -> error.get() != null, Duration.ofSeconds(10));
            assertThat(error.get()).isInstanceOf(DhtException.NodeClosed.class);
        }
    }

    @Test
    void aLoneNodeFindsNobody() {
        try (VirtualNetwork net = new VirtualNetwork(12, NetworkConditions.lan(), EngineSettings.defaults())) {
            DhtNode alone = net.grow(1).alive().get(0);
            LookupResult result = net.await(alone.findNodes(InfoHash.random(net.random())), Duration.ofMinutes(1));
            assertThat(result.closest()).isEmpty();
            assertThat(result.hops()).isZero();
        }
    }
}
