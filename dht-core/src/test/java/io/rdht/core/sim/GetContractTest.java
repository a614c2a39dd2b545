package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Scannable;
import reactor.test.StepVerifier;

/** What {@link DhtNode#get} signals, in which order, and what a slow or cancelling subscriber gets. */
class GetContractTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration LOOKUP = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final VirtualNetwork net =
            new VirtualNetwork(31, NetworkConditions.lan(), EngineSettings.defaults()).grow(12);

    @AfterEach
    void stop() {
        net.close();
    }

    private List<Value> putFive() {
        return LongStream.rangeClosed(1, 5)
                .mapToObj(id -> net.await(
                                net.nodes()
                                        .get(2)
                                        .put(
                                                KEY,
                                                Value.builder()
                                                        .id(id)
                                                        .text("{\"lvl_percent\":" + id + "}")
                                                        .build()),
                                LIMIT)
                        .value())
                .sorted(Comparator.comparing(Value::identity))
                .toList();
    }

    @Test
    void emitsEachValueOnceInIdentityOrderThenCompletes() {
        List<Value> stored = putFive();

        StepVerifier.withVirtualTime(() -> net.nodes().get(9).get(KEY), net::scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(LOOKUP)
                .expectNextSequence(stored)
                .verifyComplete();
    }

    @Test
    void keyWithoutValuesCompletesEmpty() {
        StepVerifier.withVirtualTime(
                        () -> net.nodes().get(9).get(InfoHash.of("nothing here")), net::scheduler, Long.MAX_VALUE)
                .thenAwait(LOOKUP)
                .verifyComplete();
    }

    @Test
    void slowSubscriberGetsValuesOnlyAsItRequestsThemAndLosesNone() {
        List<Value> stored = putFive();

        AtomicReference<Subscription> subscription = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> net.nodes().get(9).get(KEY), net::scheduler, 0)
                .consumeSubscriptionWith(subscription::set)
                .thenAwait(LOOKUP)
                .expectNoEvent(Duration.ofMinutes(1))
                .then(() -> assertThat(Scannable.from(subscription.get()).scanOrDefault(Scannable.Attr.BUFFERED, 0))
                        .as("values buffered in the stream ahead of demand")
                        .isZero())
                .thenRequest(1)
                .expectNext(stored.get(0))
                .expectNoEvent(Duration.ofMinutes(1))
                .thenRequest(2)
                .expectNext(stored.get(1), stored.get(2))
                .expectNoEvent(Duration.ofMinutes(1))
                .thenRequest(10)
                .expectNext(stored.get(3), stored.get(4))
                .verifyComplete();
    }

    @Test
    void cancellingAfterTheFirstValueEndsTheStreamWithNothingMore() {
        List<Value> stored = putFive();

        StepVerifier.withVirtualTime(() -> net.nodes().get(9).get(KEY), net::scheduler, 1)
                .thenAwait(LOOKUP)
                .expectNext(stored.get(0))
                .thenCancel()
                .verify(LIMIT);
    }

    @Test
    void nodeAloneFailsWithNoReachableNodes() {
        try (VirtualNetwork alone = new VirtualNetwork(32, NetworkConditions.lan(), EngineSettings.defaults())) {
            alone.grow(1);
            StepVerifier.withVirtualTime(() -> alone.nodes().get(0).get(KEY), alone::scheduler, Long.MAX_VALUE)
                    .thenAwait(Duration.ofMinutes(1))
                    .expectErrorSatisfies(e -> assertThat(e)
                            .isInstanceOfSatisfying(
                                    DhtException.NoReachableNodes.class,
                                    n -> assertThat(n.key()).isEqualTo(KEY)))
                    .verify(LIMIT);
        }
    }

    @Test
    void closedNodeFailsWithNodeClosed() {
        DhtNode node = net.nodes().get(5);
        net.kill(node);

        StepVerifier.withVirtualTime(() -> node.get(KEY), net::scheduler, Long.MAX_VALUE)
                .expectError(DhtException.NodeClosed.class)
                .verify(LIMIT);
    }

    @Test
    void subscriberStillWaitingForValuesWhenTheNodeClosesGetsNodeClosed() {
        putFive();
        DhtNode node = net.nodes().get(9);

        StepVerifier.withVirtualTime(() -> node.get(KEY), net::scheduler, 1)
                .thenAwait(LOOKUP)
                .expectNextCount(1)
                .then(() -> net.kill(node))
                .thenRequest(1)
                .expectError(DhtException.NodeClosed.class)
                .verify(LIMIT);
    }
}
