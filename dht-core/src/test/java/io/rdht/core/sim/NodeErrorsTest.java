package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Bad calls end with a typed error in bounded (virtual) time, never a hang. */
class NodeErrorsTest {

    private static final InfoHash KEY = InfoHash.of("errors");

    private static Throwable errorOf(VirtualNetwork net, Mono<?> mono) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        mono.subscribe(v -> {}, error::set);
        net.runUntil(() -> error.get() != null, Duration.ofMinutes(1));
        return error.get();
    }

    @Test
    void putOnANodeAloneFailsWithNoReachableNodes() {
        try (VirtualNetwork net = new VirtualNetwork(1, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(1);
            assertThat(errorOf(net, net.nodes().get(0).put(KEY, Value.of("x"))))
                    .isInstanceOf(DhtException.NoReachableNodes.class)
                    .hasMessageContaining(KEY.toHex());
        }
    }

    @Test
    void putWhoseNodesAllDiedFailsWithNoReachableNodesWithinAMinute() {
        try (VirtualNetwork net = new VirtualNetwork(2, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(5);
            DhtNode survivor = net.nodes().get(4);
            net.nodes().subList(0, 4).forEach(net::kill);
            assertThat(errorOf(net, survivor.put(KEY, Value.of("x"))))
                    .isInstanceOf(DhtException.NoReachableNodes.class);
        }
    }

    @Test
    void oversizedValueAndNonPositiveTtlAreInvalidValues() {
        try (VirtualNetwork net = new VirtualNetwork(3, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(3);
            DhtNode node = net.nodes().get(1);
            Value huge =
                    Value.builder().data(new byte[Value.MAX_DATA_BYTES + 1]).build();
            assertThat(errorOf(net, node.put(KEY, huge)))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("65537 bytes");
            Value zeroTtl = Value.builder().text("x").ttl(Duration.ZERO).build();
            assertThat(errorOf(net, node.put(KEY, zeroTtl)))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("TTL");
            Value negativeTtl =
                    Value.builder().text("x").ttl(Duration.ofSeconds(-1)).build();
            assertThat(errorOf(net, node.put(KEY, negativeTtl))).isInstanceOf(DhtException.InvalidValue.class);
        }
    }

    @Test
    void largestValueTravelsInFragmentsAndComesBackWhole() {
        try (VirtualNetwork net = new VirtualNetwork(4, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(20);
            byte[] data = new byte[Value.MAX_DATA_BYTES];
            net.random().nextBytes(data);
            net.await(net.nodes().get(3).put(KEY, Value.builder().data(data).build()), Duration.ofMinutes(1));
            Value got = net.await(net.nodes().get(17).get(KEY).next(), Duration.ofMinutes(1));
            assertThat(got.data()).isEqualTo(data);
        }
    }

    @Test
    void getAndPutOnAClosedNodeFailWithNodeClosed() {
        try (VirtualNetwork net = new VirtualNetwork(5, NetworkConditions.lan(), EngineSettings.defaults())) {
            net.grow(3);
            DhtNode node = net.nodes().get(2);
            net.kill(node);
            assertThat(errorOf(net, node.get(KEY).collectList())).isInstanceOf(DhtException.NodeClosed.class);
            assertThat(errorOf(net, node.put(KEY, Value.of("x")))).isInstanceOf(DhtException.NodeClosed.class);
        }
    }
}
