package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.test.StepVerifier;

/** What {@link DhtNode#listen} signals, what cancelling leaves behind, and what a slow subscriber gets. */
class ListenContractTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int BUFFER = 4;

    private final VirtualNetwork net =
            new VirtualNetwork(41, NetworkConditions.lan(), EngineSettings.defaults()).grow(12);

    @AfterEach
    void stop() {
        net.close();
    }

    private static Value reading(long id) {
        return Value.builder().id(id).text("{\"lvl_percent\":" + id + "}").build();
    }

    private int listensHeldOnTheNetwork() {
        return net.alive().stream()
                .mapToInt(n -> net.await(n.listenersHere(), LIMIT).size())
                .sum();
    }

    @Test
    void neverCompletesOnItsOwnAndCancellingLeavesNoListenOnAnyStorer() {
        DhtNode listener = net.nodes().get(7);
        AtomicReference<Subscription> subscription = new AtomicReference<>();

        // checked inside the script: the verifier disposes the network's virtual clock when it ends
        StepVerifier.withVirtualTime(() -> listener.listen(KEY), net::scheduler, Long.MAX_VALUE)
                .consumeSubscriptionWith(subscription::set)
                .thenAwait(SETTLE)
                .then(() -> assertThat(listensHeldOnTheNetwork())
                        .as("storers registered with")
                        .isEqualTo(EngineSettings.defaults().listen().storers()))
                .expectNoEvent(Duration.ofMinutes(10))
                .then(() -> subscription.get().cancel())
                .thenAwait(SETTLE)
                .then(() -> {
                    assertThat(listensHeldOnTheNetwork())
                            .as("listens left on the storers after cancelling")
                            .isZero();
                    assertThat(net.await(listener.listens(), LIMIT)).isEmpty();
                    net.await(net.nodes().get(3).put(KEY, reading(1)), LIMIT);
                    assertThat(net.alive().stream()
                                    .mapToLong(n -> n.stats().get("listen.pushes_sent"))
                                    .sum())
                            .as("pushes after cancelling")
                            .isZero();
                })
                .thenCancel()
                .verify(LIMIT);
    }

    @Test
    void cancellingOneOfTwoSubscribersKeepsTheNetworkListenForTheOther() {
        DhtNode listener = net.nodes().get(7);
        AtomicReference<ValueEvent> other = new AtomicReference<>();
        var stayer = listener.listen(KEY).subscribe(other::set);
        AtomicReference<Subscription> subscription = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> listener.listen(KEY), net::scheduler, Long.MAX_VALUE)
                .consumeSubscriptionWith(subscription::set)
                .thenAwait(SETTLE)
                .then(() -> subscription.get().cancel())
                .thenAwait(SETTLE)
                .then(() -> net.nodes().get(3).put(KEY, reading(1)).subscribe())
                .thenAwait(SETTLE)
                .then(() -> {
                    assertThat(listensHeldOnTheNetwork())
                            .isEqualTo(EngineSettings.defaults().listen().storers());
                    assertThat(other.get()).isInstanceOf(ValueEvent.Added.class);
                    assertThat(other.get().value().id()).isEqualTo(1);
                })
                .thenCancel()
                .verify(LIMIT);
        stayer.dispose();
    }

    @Test
    void nodeClosingEndsTheListenWithNodeClosed() {
        DhtNode listener = net.nodes().get(7);

        StepVerifier.withVirtualTime(() -> listener.listen(KEY), net::scheduler, Long.MAX_VALUE)
                .thenAwait(SETTLE)
                .then(() -> net.kill(listener))
                .expectError(DhtException.NodeClosed.class)
                .verify(LIMIT);
    }

    @Test
    void slowSubscriberGetsListenOverflowPastItsBufferWhileAnotherGoesOn() {
        DhtNode listener = net.add(config -> config.listenBuffer(BUFFER));
        List<ValueEvent> fastSaw = new ArrayList<>();
        var fast = listener.listen(KEY).subscribe(fastSaw::add);
        DhtNode writer = net.nodes().get(3);

        StepVerifier.Step<ValueEvent> script = StepVerifier.withVirtualTime(
                        () -> listener.listen(KEY), net::scheduler, 1)
                .thenAwait(SETTLE)
                .then(() -> writer.put(KEY, reading(1)).subscribe())
                .thenAwait(SETTLE)
                .assertNext(e -> assertThat(e.value().id()).isEqualTo(1));
        // the slow subscriber requests nothing more: BUFFER events wait for it, one more is too many
        for (long id = 2; id <= BUFFER + 2; id++) {
            long next = id;
            script = script.then(() -> writer.put(KEY, reading(next)).subscribe())
                    .thenAwait(SETTLE);
        }
        script.then(() -> assertThat(net.await(listener.listens(), LIMIT))
                        .singleElement()
                        .satisfies(v -> assertThat(v.subscribers())
                                .as("the slow subscriber is dropped at once")
                                .isEqualTo(1)))
                .then(() -> writer.put(KEY, reading(BUFFER + 3)).subscribe())
                .thenAwait(SETTLE)
                .then(() ->
                        assertThat(fastSaw).extracting(e -> e.value().id()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(BUFFER)
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                DhtException.ListenOverflow.class,
                                o -> assertThat(o.key()).isEqualTo(KEY)))
                .verify(LIMIT);
        assertThat(fast.isDisposed()).isFalse();
        fast.dispose();
    }
}
