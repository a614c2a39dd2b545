package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
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
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** What {@link DhtNode#put}, {@link DhtNode#putSigned} and {@link DhtNode#putEncrypted} signal. */
class PutContractTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration PUT = Duration.ofSeconds(5);
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Identity ALICE = Identity.generate();
    private static final Identity BOB = Identity.generate();

    private final VirtualNetwork net =
            new VirtualNetwork(51, NetworkConditions.lan(), EngineSettings.defaults()).grow(12);
    private final DhtNode alice = net.add(config -> config.identity(ALICE));

    @AfterEach
    void stop() {
        net.close();
    }

    private StepVerifier.FirstStep<PutResult> verify(Supplier<Mono<PutResult>> put) {
        return StepVerifier.withVirtualTime(put, net::scheduler, Long.MAX_VALUE);
    }

    @Test
    void putEmitsOneResultWithItsStorersClosestFirstThenCompletes() {
        Value value = Value.of("39");

        verify(() -> net.nodes().get(4).put(KEY, value))
                .thenAwait(PUT)
                .assertNext(r -> {
                    assertThat(r.key()).isEqualTo(KEY);
                    assertThat(r.value().data()).isEqualTo(value.data());
                    assertThat(r.storers())
                            .hasSize(EngineSettings.defaults().lookup().k())
                            .isSortedAccordingTo((a, b) -> KEY.compareDistance(a.id(), b.id()));
                })
                .verifyComplete();
    }

    @Test
    void invalidValueFailsAtOnceBeforeAnythingIsSent() {
        long sentBefore = alice.stats().get("datagrams.out");

        verify(() -> alice.put(KEY, Value.builder().text("x").ttl(Duration.ZERO).build()))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                DhtException.InvalidValue.class,
                                i -> assertThat(i.key()).isEqualTo(KEY)))
                .verify(LIMIT);
        assertThat(alice.stats().get("datagrams.out")).isEqualTo(sentBefore);
    }

    @Test
    void valueEveryStorerRefusesFailsWithRejectedListingTheirReasons() {
        Value expiring = net.await(
                        alice.putSigned(
                                KEY,
                                Value.builder()
                                        .text("39")
                                        .ttl(Duration.ofMinutes(1))
                                        .build()),
                        LIMIT)
                .value();
        net.advance(Duration.ofMinutes(2));

        verify(() -> net.nodes().get(4).put(KEY, expiring))
                .thenAwait(PUT)
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                DhtException.Rejected.class,
                                r -> assertThat(r.reasons())
                                        .isNotEmpty()
                                        .allSatisfy(reason -> assertThat(reason).contains("expired"))))
                .verify(LIMIT);
    }

    @Test
    void putWithNobodyToAnswerFailsWithNoReachableNodesAfterItsRetries() {
        DhtNode last = net.nodes().get(4);
        net.nodes().stream().filter(n -> n != last).toList().forEach(net::kill);

        verify(() -> last.put(KEY, Value.of("39")))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(100))
                .thenAwait(Duration.ofMinutes(1))
                .expectError(DhtException.NoReachableNodes.class)
                .verify(LIMIT);
    }

    @Test
    void cancellingAPutStopsItsSignalNotThePut() {
        AtomicReference<Subscription> subscription = new AtomicReference<>();

        verify(() -> net.nodes()
                        .get(4)
                        .put(KEY, Value.builder().id(77).text("39").build()))
                .consumeSubscriptionWith(subscription::set)
                .then(() -> subscription.get().cancel())
                .thenAwait(PUT)
                .expectNoEvent(Duration.ofSeconds(1))
                .then(() -> assertThat(net.alive().stream()
                                .mapToLong(n -> net.await(n.storage(), LIMIT).size())
                                .sum())
                        .as("keys stored on the network")
                        .isPositive())
                .thenCancel()
                .verify(LIMIT);
    }

    @Test
    void putSignedEmitsTheValueSignedByTheNodesIdentity() {
        verify(() -> alice.putSigned(KEY, Value.of("39")))
                .thenAwait(PUT)
                .assertNext(r -> {
                    assertThat(r.value().owner()).isEqualTo(ALICE.publicKey().toBytes());
                    assertThat(r.value().signature()).isNotNull();
                    assertThat(r.storers()).extracting(NodeInfo::id).isNotEmpty();
                })
                .verifyComplete();
    }

    @Test
    void putSignedOnANodeWithoutIdentityFailsWithNoIdentity() {
        verify(() -> net.nodes().get(4).putSigned(KEY, Value.of("39")))
                .expectError(DhtException.NoIdentity.class)
                .verify(LIMIT);
    }

    @Test
    void putSignedOfAnotherOwnersValueFailsWithNotOwner() {
        Value bobs = Value.builder()
                .id(5)
                .text("39")
                .owner(BOB.publicKey().toBytes())
                .build();

        verify(() -> alice.putSigned(KEY, bobs))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(DhtException.NotOwner.class, n -> {
                    assertThat(n.valueId()).isEqualTo(5);
                    assertThat(n.owner()).isEqualTo(BOB.publicKey());
                }))
                .verify(LIMIT);
    }

    @Test
    void putEncryptedEmitsTheValueAsStoredEncryptedToTheRecipient() {
        Value plain = Value.of("secret reading");

        verify(() -> alice.putEncrypted(KEY, plain, BOB.recipientKey()))
                .thenAwait(PUT)
                .assertNext(r -> {
                    assertThat(r.value().recipient()).isNotNull();
                    assertThat(r.value().data()).isNotEqualTo(plain.data());
                })
                .verifyComplete();
    }

    @Test
    void everyPutOnAClosedNodeFailsWithNodeClosed() {
        net.kill(alice);

        verify(() -> alice.put(KEY, Value.of("x")))
                .expectError(DhtException.NodeClosed.class)
                .verify(LIMIT);
        verify(() -> alice.putSigned(KEY, Value.of("x")))
                .expectError(DhtException.NodeClosed.class)
                .verify(LIMIT);
        verify(() -> alice.putEncrypted(KEY, Value.of("x"), BOB.recipientKey()))
                .expectError(DhtException.NodeClosed.class)
                .verify(LIMIT);
    }
}
