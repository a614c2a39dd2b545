package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** What {@link DhtNode#announce} signals, at which times, and what disposing it leaves. */
class AnnounceContractTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration TTL = Duration.ofMinutes(4);
    private static final Duration PUT = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final VirtualNetwork net =
            new VirtualNetwork(61, NetworkConditions.lan(), EngineSettings.defaults()).grow(12);

    @AfterEach
    void stop() {
        net.close();
    }

    private StepVerifier.FirstStep<PutResult> verify(Supplier<Flux<PutResult>> announce) {
        return StepVerifier.withVirtualTime(announce, net::scheduler, Long.MAX_VALUE);
    }

    private long copiesOnTheNetwork() {
        return net.alive().stream()
                .flatMap(n -> net.await(n.storage(), LIMIT).stream())
                .filter(k -> k.key().equals(KEY))
                .mapToLong(k -> k.values().size())
                .sum();
    }

    @Test
    void emitsEachPublicationEveryHalfTtlNeverCompletesAndAfterDisposalTheValueExpiresOneTtlLater() {
        Value value = Value.builder().id(3).text("{\"lvl_percent\":3}").ttl(TTL).build();
        AtomicReference<Subscription> subscription = new AtomicReference<>();

        verify(() -> net.nodes().get(5).announce(KEY, value))
                .consumeSubscriptionWith(subscription::set)
                .thenAwait(PUT)
                .assertNext(r -> assertThat(r.value().id()).isEqualTo(3))
                .expectNoEvent(TTL.dividedBy(2).minus(PUT).minusSeconds(1))
                .thenAwait(PUT.plusSeconds(1))
                .assertNext(r -> assertThat(r.value().id()).isEqualTo(3))
                .thenAwait(TTL.dividedBy(2))
                .assertNext(
                        r -> assertThat(r.value().created()).isAfter(net.now().minus(PUT.multipliedBy(2))))
                .then(() -> subscription.get().cancel())
                .thenAwait(TTL.minus(PUT.multipliedBy(2)))
                .then(() -> assertThat(copiesOnTheNetwork())
                        .as("copies before the last TTL ends")
                        .isPositive())
                .thenAwait(PUT.multipliedBy(2))
                .then(() -> assertThat(copiesOnTheNetwork())
                        .as("copies one TTL after disposal")
                        .isZero())
                .expectNoEvent(TTL)
                .thenCancel()
                .verify(LIMIT);
    }

    /**
     * Announces a value from a node alone on a network of its own, which grows by 8 nodes after
     * {@code alone}; expects no signal until then and the value stored within {@code storedWithin}.
     */
    private void announceAloneThenGrow(int seed, Duration alone, Duration storedWithin) {
        try (VirtualNetwork lonely = new VirtualNetwork(seed, NetworkConditions.lan(), EngineSettings.defaults())) {
            DhtNode first = lonely.grow(1).nodes().get(0);
            Value value = Value.builder().id(seed).text("x").ttl(TTL).build();

            StepVerifier.withVirtualTime(() -> first.announce(KEY, value), lonely::scheduler, Long.MAX_VALUE)
                    .expectSubscription()
                    .expectNoEvent(alone)
                    .then(() -> lonely.grow(8))
                    .thenAwait(storedWithin)
                    .assertNext(r -> assertThat(r.storers()).isNotEmpty())
                    .thenCancel()
                    .verify(LIMIT);
        }
    }

    @Test
    void publicationThatFailsIsNoErrorAndIsTriedAgainUntilNodesAnswer() {
        // alone for more than half a TTL: the tries have slowed to one every half TTL
        announceAloneThenGrow(62, TTL.dividedBy(2).plus(PUT), TTL.dividedBy(2));
    }

    @Test
    void publicationThatFailsIsTriedAgainWithinSecondsNotHalfATtlLater() {
        // tried again after 1, 2, 4, 8 s...: the first try after the network grew is within seconds
        announceAloneThenGrow(63, PUT, Duration.ofSeconds(12));
    }

    @Test
    void invalidValueEndsWithInvalidValue() {
        Value zeroTtl = Value.builder().text("x").ttl(Duration.ZERO).build();

        verify(() -> net.nodes().get(5).announce(KEY, zeroTtl))
                .expectError(DhtException.InvalidValue.class)
                .verify(LIMIT);
    }

    @Test
    void anotherOwnersValueEndsWithNotOwner() {
        DhtNode alice = net.add(config -> config.identity(Identity.generate()));
        Value bobs = Value.builder()
                .id(5)
                .text("x")
                .owner(Identity.generate().publicKey().toBytes())
                .build();

        verify(() -> alice.announce(KEY, bobs))
                .expectError(DhtException.NotOwner.class)
                .verify(LIMIT);
    }

    @Test
    void ownedValueOnANodeWithoutIdentityEndsWithNoIdentity() {
        Value owned = Value.builder()
                .id(5)
                .text("x")
                .owner(Identity.generate().publicKey().toBytes())
                .build();

        verify(() -> net.nodes().get(5).announce(KEY, owned))
                .expectError(DhtException.NoIdentity.class)
                .verify(LIMIT);
    }

    @Test
    void closingTheNodeEndsTheAnnouncementWithNodeClosed() {
        DhtNode node = net.nodes().get(5);

        verify(() -> node.announce(KEY, Value.of("x")))
                .thenAwait(PUT)
                .expectNextCount(1)
                .then(() -> net.kill(node))
                .expectError(DhtException.NodeClosed.class)
                .verify(LIMIT);
    }
}
