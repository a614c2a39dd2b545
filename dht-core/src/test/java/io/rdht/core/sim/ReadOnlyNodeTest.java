package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A read-only client uses the network fully and leaves no trace in anyone's routing table. */
class ReadOnlyNodeTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void readOnlyClientPutsGetsAndListensButNoRoutingTableEverHoldsIt() {
        try (VirtualNetwork net = new VirtualNetwork(9, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(20);
            DhtNode client = net.add(c -> c.readOnly(true));
            InfoHash key = InfoHash.of("read-only");
            List<ValueEvent> heard = new ArrayList<>();
            client.listen(key).subscribe(heard::add, closedAtTheEnd -> {});
            net.advance(Duration.ofSeconds(1));

            assertThat(net.await(client.put(key, Value.of("from a client")), LIMIT)
                            .storers())
                    .as("storers of the client's put")
                    .hasSizeGreaterThanOrEqualTo(8)
                    .noneMatch(n -> n.id().equals(client.id()));
            net.await(net.nodes().get(3).put(key, Value.of("from a node")), LIMIT);
            net.advance(Duration.ofSeconds(1));
            assertThat(net.await(client.get(key).map(Value::dataAsText).collectList(), LIMIT))
                    .containsExactlyInAnyOrder("from a client", "from a node");
            assertThat(heard)
                    .extracting(e -> e.value().dataAsText())
                    .containsExactlyInAnyOrder("from a client", "from a node");

            net.advance(Duration.ofMinutes(30));
            for (DhtNode n : net.nodes()) {
                if (n != client) {
                    assertThat(contacts(net.await(n.routingTable(), LIMIT)))
                            .as("contacts of %s", n)
                            .doesNotContain(client.id());
                }
            }
            assertThat(net.await(client.storage(), LIMIT))
                    .as("what the client stores")
                    .isEmpty();
        }
    }

    private static List<InfoHash> contacts(RoutingSnapshot snapshot) {
        return snapshot.buckets().stream()
                .flatMap(b -> b.contacts().stream())
                .map(RoutingSnapshot.ContactView::node)
                .map(NodeInfo::id)
                .toList();
    }
}
