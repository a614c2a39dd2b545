package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Joining under 10% datagram loss: no node stays with its bootstrap node alone. */
class JoinUnderLossTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);

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
}
