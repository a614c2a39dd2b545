package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Real UDP on 127.0.0.1 with ephemeral ports: 32 nodes in one JVM. */
class UdpClusterTest {

    private final LoopbackNodes cluster = new LoopbackNodes();
    private final List<DhtNode> nodes = cluster.list();

    @AfterEach
    void stopAll() {
        cluster.close();
    }

    private DhtNode start(DhtConfig.Builder config) {
        return cluster.start(config);
    }

    @Test
    void thirtyTwoNodesServeFiveHundredPutGetPairs() {
        DhtNode first = start(DhtConfig.builder());
        String bootstrap = "127.0.0.1:" + first.address().getPort();
        for (int i = 1; i < 32; i++) {
            start(DhtConfig.builder().bootstrap(bootstrap));
        }
        SplittableRandom random = new SplittableRandom(32);
        List<PutResult> results = Flux.range(0, 500)
                .flatMap(i -> pick(random).put(InfoHash.of("udp-" + i), Value.of("value-" + i)), 16)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertThat(results).hasSize(500).allSatisfy(r -> assertThat(r.storers()).isNotEmpty());

        List<Boolean> right = Flux.range(0, 500)
                .flatMap(
                        i -> pick(random)
                                .get(InfoHash.of("udp-" + i))
                                .collectList()
                                .map(vs ->
                                        vs.size() == 1 && vs.get(0).dataAsText().equals("value-" + i)),
                        16)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertThat(right).hasSize(500).containsOnly(true);
    }

    @Test
    void sixteenListenersOnThirtyTwoNodesReceiveEveryOneOfFiftyPuts() {
        DhtNode first = start(DhtConfig.builder());
        String bootstrap = "127.0.0.1:" + first.address().getPort();
        for (int i = 1; i < 32; i++) {
            start(DhtConfig.builder().bootstrap(bootstrap));
        }
        InfoHash key = InfoHash.of("pollution_level");
        List<Set<Long>> received = new ArrayList<>();
        List<Disposable> subscriptions = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Set<Long> ids = ConcurrentHashMap.newKeySet();
            received.add(ids);
            subscriptions.add(nodes.get(i * 2).listen(key).subscribe(e -> {
                if (e instanceof ValueEvent.Added a) {
                    ids.add(a.value().id());
                }
            }));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Flux.fromIterable(nodes)
                                .flatMap(DhtNode::listens)
                                .filter(l -> !l.isEmpty())
                                .count()
                                .block()
                        == 16);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Flux.fromIterable(nodes)
                                .flatMap(DhtNode::listenersHere)
                                .map(List::size)
                                .reduce(0, Integer::sum)
                                .block()
                        >= 16 * 4);

        SplittableRandom random = new SplittableRandom(50);
        Set<Long> put = ConcurrentHashMap.newKeySet();
        Flux.range(0, 50)
                .concatMap(i -> pick(random).put(key, Value.of("{\"lvl_percent\":" + i + "}")))
                .doOnNext(r -> put.add(r.value().id()))
                .blockLast(Duration.ofSeconds(30));
        assertThat(put).hasSize(50);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(received).allSatisfy(ids -> assertThat(ids).isEqualTo(put)));
        subscriptions.forEach(Disposable::dispose);
    }

    @Test
    void nodesKeepServingAfterPeersDieAndTheirDatagramsHitClosedPorts() {
        DhtNode first = start(DhtConfig.builder());
        String bootstrap = "127.0.0.1:" + first.address().getPort();
        for (int i = 1; i < 8; i++) {
            start(DhtConfig.builder().bootstrap(bootstrap));
        }
        InfoHash key = InfoHash.of("before");
        nodes.get(3).put(key, Value.of("kept")).block(Duration.ofSeconds(10));
        for (DhtNode dead : List.copyOf(nodes.subList(5, 8))) {
            dead.close();
            nodes.remove(dead);
        }
        // the survivors' tables still name the dead: every lookup now sends datagrams to closed ports
        DhtNode late = start(DhtConfig.builder().bootstrap(bootstrap));
        assertThat(late.put(InfoHash.of("after"), Value.of("new"))
                        .block(Duration.ofSeconds(10))
                        .storers())
                .isNotEmpty();
        for (DhtNode n : nodes) {
            assertThat(n.get(InfoHash.of("after"))
                            .map(Value::dataAsText)
                            .collectList()
                            .block(Duration.ofSeconds(10)))
                    .as("get from %s", n)
                    .containsExactly("new");
        }
    }

    @Test
    void nodeWithAnUnansweringBootstrapStartsAloneAndPutFailsWithNoReachableNodes() {
        DhtNode lonely = start(DhtConfig.builder().bootstrap("127.0.0.1:9"));
        Mono<PutResult> put = lonely.put(InfoHash.of("nobody"), Value.of("x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> put.block(Duration.ofSeconds(10)))
                .isInstanceOf(io.rdht.core.DhtException.NoReachableNodes.class);
    }

    private DhtNode pick(SplittableRandom random) {
        synchronized (random) {
            return nodes.get(random.nextInt(nodes.size()));
        }
    }
}
