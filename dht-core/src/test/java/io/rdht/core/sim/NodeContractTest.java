package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.internal.InternalConfig;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * What the node's other streams signal: start, findNodes, bootstrap, the snapshots, leave and
 * shutdown, and what a closed node answers.
 */
class NodeContractTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration LOOKUP = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final VirtualNetwork net =
            new VirtualNetwork(71, NetworkConditions.lan(), EngineSettings.defaults()).grow(12);

    @AfterEach
    void stop() {
        net.close();
    }

    private <T> StepVerifier.FirstStep<T> verify(Supplier<? extends Publisher<T>> s) {
        return StepVerifier.withVirtualTime(s, net::scheduler, Long.MAX_VALUE);
    }

    @Test
    void startEmitsTheNodeOnceAndEverySubscriberGetsTheSameOutcome() {
        DhtNode node = DhtNode.create(InternalConfig.transport(DhtConfig.builder(), net.network())
                .randomSeed(5)
                .bootstrap(List.of(net.nodes().get(0).address()))
                .build());

        verify(() -> node.start().then(node.start()).zipWith(node.start()))
                .thenAwait(LOOKUP)
                .assertNext(both -> {
                    assertThat(both.getT1()).isSameAs(node);
                    assertThat(both.getT2()).isSameAs(node);
                    assertThat(node.address()).isNotNull();
                })
                .verifyComplete();
    }

    @Test
    void startOfANodeShutDownFirstFailsWithNodeClosed() {
        DhtNode node = DhtNode.create(InternalConfig.transport(DhtConfig.builder(), net.network())
                .randomSeed(6)
                .build());

        verify(() -> node.shutdown().then(node.start()))
                .expectError(DhtException.NodeClosed.class)
                .verify(LIMIT);
    }

    @Test
    void findNodesEmitsTheKClosestThatAnsweredClosestFirst() {
        verify(() -> net.nodes().get(3).findNodes(KEY))
                .thenAwait(LOOKUP)
                .assertNext(r -> {
                    assertThat(r.closest())
                            .hasSize(EngineSettings.defaults().lookup().k())
                            .isSortedAccordingTo((a, b) -> KEY.compareDistance(a.id(), b.id()));
                    assertThat(r.closest())
                            .extracting(NodeInfo::id)
                            .doesNotContain(net.nodes().get(3).id());
                })
                .verifyComplete();
    }

    @Test
    void findNodesOnANodeAloneEmitsAnEmptyResultNotAnError() {
        try (VirtualNetwork alone = new VirtualNetwork(72, NetworkConditions.lan(), EngineSettings.defaults())) {
            DhtNode node = alone.grow(1).nodes().get(0);
            StepVerifier.withVirtualTime(() -> node.findNodes(KEY), alone::scheduler, Long.MAX_VALUE)
                    .thenAwait(LOOKUP)
                    .assertNext(r -> assertThat(r.closest()).isEmpty())
                    .verifyComplete();
        }
    }

    @Test
    void snapshotsEmitOneCopyEachAndComplete() {
        DhtNode node = net.nodes().get(3);
        net.await(node.put(KEY, Value.of("39")), LIMIT);

        verify(() -> Mono.zip(node.routingTable(), node.storage(), node.listens(), node.listenersHere()))
                .assertNext(all -> {
                    assertThat(all.getT1().contactCount()).isEqualTo(net.nodes().size() - 1);
                    assertThat(all.getT3()).isEmpty();
                    assertThat(all.getT4()).isEmpty();
                })
                .verifyComplete();
    }

    @Test
    void bootstrapCompletesEmptyWhenTheAttemptHasEnded() {
        DhtNode node = net.nodes().get(3);

        verify(() -> node.bootstrap(List.of(net.nodes().get(8).address())))
                .thenAwait(LOOKUP)
                .verifyComplete();
    }

    @Test
    void leaveEmitsItsReportThenTheNodeIsClosed() {
        DhtNode node = net.nodes().get(3);
        net.await(net.nodes().get(5).put(KEY, Value.of("39")), LIMIT);

        verify(() -> node.leave(Duration.ofSeconds(10))
                        .zipWhen(report -> node.put(KEY, Value.of("x"))
                                .map(r -> "stored")
                                .onErrorResume(DhtException.NodeClosed.class, e -> Mono.just("closed"))))
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(both -> {
                    assertThat(both.getT1().peersTold()).isPositive();
                    assertThat(both.getT2()).isEqualTo("closed");
                })
                .verifyComplete();
    }

    @Test
    void shutdownCompletesEmptyFailsWhatIsInFlightAndCanBeRepeated() {
        DhtNode node = net.nodes().get(3);
        Mono<String> get = node.get(KEY)
                .then(Mono.just("completed"))
                .onErrorResume(DhtException.NodeClosed.class, e -> Mono.just("NodeClosed"));
        Mono<String> readAfter = node.routingTable()
                .map(t -> "read")
                .onErrorResume(DhtException.NodeClosed.class, e -> Mono.just("NodeClosed"));

        verify(() -> Mono.zip(get, node.shutdown().then(node.shutdown()).thenReturn("shut down twice"))
                        .zipWhen(both -> readAfter))
                .thenAwait(LOOKUP)
                .assertNext(all -> {
                    assertThat(all.getT1().getT1()).as("the get in flight").isEqualTo("NodeClosed");
                    assertThat(all.getT1().getT2()).isEqualTo("shut down twice");
                    assertThat(all.getT2()).as("a read after shutdown").isEqualTo("NodeClosed");
                })
                .verifyComplete();
    }
}
