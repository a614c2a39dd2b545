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

    @Test
    void publicationThatFailsIsNoErrorAndIsTriedAgainAtTheNextTurn() {
        try (VirtualNetwork alone = new VirtualNetwork(62, NetworkConditions.lan(), EngineSettings.defaults())) {
            DhtNode first = alone.grow(1).nodes().get(0);
            Value value = Value.builder().id(4).text("x").ttl(TTL).build();

            StepVerifier.withVirtualTime(() -> first.announce(KEY, value), alone::scheduler, Long.MAX_VALUE)
                    .expectSubscription()
                    .expectNoEvent(TTL.dividedBy(2).plus(PUT))
                    .then(() -> alone.grow(8))
                    .thenAwait(TTL.dividedBy(2))
                    .assertNext(r -> assertThat(r.storers()).isNotEmpty())
                    .thenCancel()
                    .verify(LIMIT);
        }
    }

    @Test
    void publicationThatFailsIsTriedAgainWithinSecondsNotHalfATtlLater() {
        try (VirtualNetwork alone = new VirtualNetwork(63, NetworkConditions.lan(), EngineSettings.defaults())) {
            DhtNode first = alone.grow(1).nodes().get(0);
            Value value = Value.builder().id(6).text("x").ttl(TTL).build();

            // alone, the first publications fail and are tried again after 1, 2, 4, 8 s...; once
            // the network has grown, one of the next tries is stored, long before the next turn
            StepVerifier.withVirtualTime(() -> first.announce(KEY, value), alone::scheduler, Long.MAX_VALUE)
                    .expectSubscription()
                    .expectNoEvent(PUT)
                    .then(() -> alone.grow(8))
                    .thenAwait(Duration.ofSeconds(12))
                    .assertNext(r -> assertThat(r.storers()).isNotEmpty())
                    .thenCancel()
                    .verify(LIMIT);
        }
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
