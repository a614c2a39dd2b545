package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.KeySnapshot;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.Endpoint;
import io.rdht.core.transport.NetworkConditions;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.Fragment;
import io.rdht.core.wire.HostileDatagrams;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.Request;
import io.rdht.core.wire.WireCodec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 100,000 hostile datagrams sent to a live node: random bytes, wrong shapes, mutations of valid
 * messages, other networks, replies nobody asked for. Each is counted and dropped; the node's
 * routing table and storage stay as they were, and it goes on serving.
 */
class HostileDatagramsToANodeTest {

    private static final int DATAGRAMS = 100_000;

    @Test
    void nodeCountsAndDropsEveryHostileDatagramAndKeepsServing() {
        try (VirtualNetwork net = new VirtualNetwork(77, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(12);
            DhtNode target = net.nodes().get(5);
            InfoHash key = InfoHash.of("before the attack");
            net.await(net.nodes().get(2).put(key, Value.of("kept")), Duration.ofSeconds(10));
            net.advance(Duration.ofSeconds(1));
            Set<InfoHash> contactsBefore = contacts(net.await(target.routingTable(), Duration.ofSeconds(1)));
            List<KeySnapshot> storedBefore = net.await(target.storage(), Duration.ofSeconds(1));
            long droppedBefore = target.stats().dropped();

            Endpoint attacker =
                    net.await(net.network().bind(new InetSocketAddress(0), (d, from) -> {}), Duration.ofSeconds(1));
            WireCodec codec = new WireCodec();
            HostileDatagrams hostile =
                    new HostileDatagrams(0xbad, EngineSettings.defaults().networkId());
            int sent = 0;
            int fragments = 0;
            while (sent < DATAGRAMS) {
                byte[] d = hostile.next();
                Envelope e = decodeOrNull(codec, d);
                if (e != null
                        && e.networkId() == EngineSettings.defaults().networkId()
                        && e.body() instanceof Request) {
                    continue; // a well-formed request is not hostile: serving it may rightly change state
                }
                if (e != null && e.body() instanceof Fragment) {
                    fragments++;
                }
                attacker.send(target.address(), d);
                sent++;
                if (sent % 1000 == 0) {
                    net.advance(Duration.ofMillis(10));
                }
            }
            net.advance(Duration.ofMillis(50));

            assertThat(target.stats().dropped() - droppedBefore)
                    .as("datagrams counted as dropped")
                    .isGreaterThanOrEqualTo(sent - fragments);
            assertThat(contacts(net.await(target.routingTable(), Duration.ofSeconds(1))))
                    .as("routing table")
                    .isEqualTo(contactsBefore);
            assertThat(net.await(target.storage(), Duration.ofSeconds(1)))
                    .as("storage")
                    .isEqualTo(storedBefore);

            InfoHash after = InfoHash.of("after the attack");
            net.await(target.put(after, Value.of("served")), Duration.ofSeconds(10));
            assertThat(net.await(net.nodes().get(9).get(after).collectList(), Duration.ofSeconds(10)))
                    .extracting(Value::dataAsText)
                    .containsExactly("served");
            assertThat(net.await(target.get(key).collectList(), Duration.ofSeconds(10)))
                    .extracting(Value::dataAsText)
                    .containsExactly("kept");
        }
    }

    private static Envelope decodeOrNull(WireCodec codec, byte[] datagram) {
        try {
            return codec.decode(datagram);
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    private static Set<InfoHash> contacts(RoutingSnapshot snapshot) {
        return snapshot.buckets().stream()
                .flatMap(b -> b.contacts().stream())
                .map(RoutingSnapshot.ContactView::node)
                .map(NodeInfo::id)
                .collect(Collectors.toSet());
    }
}
