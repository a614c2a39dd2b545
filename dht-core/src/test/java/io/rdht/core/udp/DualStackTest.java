package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.routing.AddressFamily;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Real UDP over IPv4 and IPv6 loopback: an IPv6-only network on {@code ::1}, and a mixed network
 * of IPv4-only nodes (127.0.0.1), IPv6-only nodes (::1) and dual-stack nodes. A dual-stack node
 * binds the wildcard {@code ::} (one socket cannot bind both loopbacks); every datagram of the
 * test still goes to a loopback address.
 */
class DualStackTest {

    private final List<DhtNode> nodes = new ArrayList<>();

    @AfterEach
    void stopAll() {
        Flux.fromIterable(nodes).flatMap(DhtNode::shutdown).blockLast(Duration.ofSeconds(10));
    }

    private DhtNode start(String bindHost, String bootstrap) {
        DhtConfig.Builder config = DhtConfig.builder().bindHost(bindHost).port(0);
        if (bootstrap != null) {
            config.bootstrap(bootstrap);
        }
        DhtNode n = DhtNode.create(config.build()).start().block(Duration.ofSeconds(10));
        nodes.add(n);
        return n;
    }

    @Test
    void ipv6OnlyNetworkOnLoopbackServesPutsGetsAndAListen() {
        DhtNode first = start("::1", null);
        String bootstrap = "[::1]:" + first.address().getPort();
        for (int i = 1; i < 12; i++) {
            start("::1", bootstrap);
        }
        InfoHash key = InfoHash.of("v6-readings");
        Set<String> heard = ConcurrentHashMap.newKeySet();
        Disposable listen = nodes.get(5).listen(key).subscribe(e -> {
            if (e instanceof ValueEvent.Added a) {
                heard.add(a.value().dataAsText());
            }
        });
        Set<String> put = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            nodes.get(i).put(key, Value.of("r" + i)).block(Duration.ofSeconds(10));
            put.add("r" + i);
        }
        for (DhtNode n : nodes) {
            assertThat(n.get(key)
                            .map(Value::dataAsText)
                            .collect(Collectors.toSet())
                            .block(Duration.ofSeconds(10)))
                    .as("get from %s", n)
                    .isEqualTo(put);
            assertThat(families(n)).as("contacts of %s", n).containsOnly(AddressFamily.V6);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(heard).isEqualTo(put));
        listen.dispose();
    }

    @Test
    void mixedNetworkOfThirtyTwoNodesSharesValuesAcrossFamiliesThroughDualStackNodes() {
        DhtNode first = start("::", null);
        int port = first.address().getPort();
        List<DhtNode> v4 = new ArrayList<>();
        List<DhtNode> v6 = new ArrayList<>();
        List<DhtNode> dual = new ArrayList<>(List.of(first));
        for (int i = 0; i < 10; i++) {
            v4.add(start("127.0.0.1", "127.0.0.1:" + port));
            v6.add(start("::1", "[::1]:" + port));
        }
        for (int i = 0; i < 11; i++) {
            // joined over IPv4 alone: they find their IPv6 contacts through the replies' second family
            dual.add(start("::", "127.0.0.1:" + port));
        }
        assertThat(nodes).hasSize(32);
        for (DhtNode n : v4) {
            assertThat(families(n)).as("contacts of IPv4-only %s", n).containsOnly(AddressFamily.V4);
        }
        for (DhtNode n : v6) {
            assertThat(families(n)).as("contacts of IPv6-only %s", n).containsOnly(AddressFamily.V6);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (DhtNode n : dual) {
                assertThat(families(n))
                        .as("contacts of dual-stack %s", n)
                        .isEqualTo(EnumSet.allOf(AddressFamily.class));
            }
        });

        InfoHash key = InfoHash.of("mixed-readings");
        Set<String> heard = ConcurrentHashMap.newKeySet();
        Disposable listen = dual.get(3).listen(key).subscribe(e -> {
            if (e instanceof ValueEvent.Added a) {
                heard.add(a.value().dataAsText());
            }
        });
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !dual.get(3).listens().block().isEmpty());
        for (int i = 0; i < 4; i++) {
            v4.get(i).put(key, Value.of("v4-" + i)).block(Duration.ofSeconds(10));
            v6.get(i).put(key, Value.of("v6-" + i)).block(Duration.ofSeconds(10));
            dual.get(i + 5).put(key, Value.of("dual-" + i)).block(Duration.ofSeconds(10));
        }
        Set<String> fromV4 = Set.of("v4-0", "v4-1", "v4-2", "v4-3");
        Set<String> fromV6 = Set.of("v6-0", "v6-1", "v6-2", "v6-3");
        Set<String> fromDual = Set.of("dual-0", "dual-1", "dual-2", "dual-3");
        for (DhtNode n : dual) {
            assertThat(texts(n, key))
                    .as("get from dual-stack %s", n)
                    .containsAll(fromV4)
                    .containsAll(fromV6)
                    .containsAll(fromDual);
        }
        for (DhtNode n : v4) {
            assertThat(texts(n, key))
                    .as("get from IPv4-only %s", n)
                    .containsAll(fromV4)
                    .containsAll(fromDual);
        }
        for (DhtNode n : v6) {
            assertThat(texts(n, key))
                    .as("get from IPv6-only %s", n)
                    .containsAll(fromV6)
                    .containsAll(fromDual);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(heard)
                        .containsAll(fromV4)
                        .containsAll(fromV6)
                        .containsAll(fromDual));
        listen.dispose();
    }

    private static Set<String> texts(DhtNode n, InfoHash key) {
        return n.get(key).map(Value::dataAsText).collect(Collectors.toSet()).block(Duration.ofSeconds(10));
    }

    private static Set<AddressFamily> families(DhtNode n) {
        RoutingSnapshot table = n.routingTable().block(Duration.ofSeconds(5));
        Set<AddressFamily> out = EnumSet.noneOf(AddressFamily.class);
        for (RoutingSnapshot.BucketView b : table.buckets()) {
            b.contacts().forEach(c -> out.add(AddressFamily.of(c.node().address())));
        }
        return out;
    }
}
