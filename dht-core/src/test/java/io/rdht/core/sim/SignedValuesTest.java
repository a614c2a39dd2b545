package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.transport.NetworkConditions;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Signed and encrypted puts across a network of real nodes, as their owners and readers see them. */
class SignedValuesTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration LIMIT = Duration.ofMinutes(1);
    private static final Identity ALICE = Identity.generate();
    private static final Identity BOB = Identity.generate();
    private static final Identity CAROL = Identity.generate();
    private static final Identity MALLORY = Identity.generate();

    private static VirtualNetwork network(long seed) {
        VirtualNetwork net = new VirtualNetwork(seed, NetworkConditions.lan(), EngineSettings.defaults()).grow(20);
        net.advance(Duration.ofSeconds(10));
        return net;
    }

    private static Value reading(int level) {
        return Value.builder()
                .text("{\"lvl_percent\":" + level + "}")
                .contentType("application/json")
                .build();
    }

    private static List<Value> get(VirtualNetwork net, DhtNode node) {
        return net.await(node.get(KEY).collectList(), LIMIT);
    }

    private static Throwable errorOf(VirtualNetwork net, Mono<?> mono) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        mono.subscribe(v -> {}, error::set);
        net.runUntil(() -> error.get() != null, LIMIT);
        return error.get();
    }

    @Test
    void ownerPublishesSeq1Then2Then3AndAReaderGetsOnlySeq3() {
        try (VirtualNetwork net = network(1)) {
            DhtNode alice = net.add(config -> config.identity(ALICE));

            PutResult first = net.await(
                    alice.putSigned(KEY, reading(39).toBuilder().seq(1).build()), LIMIT);
            long id = first.value().id();
            PutResult second = net.await(
                    alice.putSigned(KEY, reading(40).toBuilder().id(id).build()), LIMIT);
            PutResult third = net.await(
                    alice.putSigned(KEY, reading(41).toBuilder().id(id).build()), LIMIT);

            assertThat(List.of(first, second, third))
                    .extracting(r -> r.value().seq())
                    .containsExactly(1L, 2L, 3L);
            assertThat(get(net, net.nodes().get(7))).singleElement().satisfies(v -> {
                assertThat(v.id()).isEqualTo(id);
                assertThat(v.seq()).isEqualTo(3);
                assertThat(v.dataAsText()).isEqualTo("{\"lvl_percent\":41}");
                assertThat(v.verified()).isTrue();
                assertThat(v.ownerKey()).isEqualTo(ALICE.publicKey());
            });
        }
    }

    @Test
    void listenerSeesTheOwnersEditsAsAddedThenTwoUpdatedAllVerified() {
        try (VirtualNetwork net = network(2)) {
            DhtNode alice = net.add(config -> config.identity(ALICE));
            List<ValueEvent> events = new ArrayList<>();
            net.nodes().get(11).listen(KEY).subscribe(events::add, closedAtTheEnd -> {});
            net.advance(Duration.ofSeconds(1));

            long id = net.await(
                            alice.putSigned(KEY, reading(39).toBuilder().seq(1).build()), LIMIT)
                    .value()
                    .id();
            net.await(alice.putSigned(KEY, reading(40).toBuilder().id(id).build()), LIMIT);
            net.await(alice.putSigned(KEY, reading(41).toBuilder().id(id).build()), LIMIT);
            net.advance(Duration.ofSeconds(1));

            assertThat(events)
                    .extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("Added", "Updated", "Updated");
            assertThat(events).extracting(e -> e.value().seq()).containsExactly(1L, 2L, 3L);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.value().verified()).isTrue();
                assertThat(e.value().ownerKey()).isEqualTo(ALICE.publicKey());
            });
        }
    }

    @Test
    void valuesFromGetTellTheirOwnerAndWhetherTheNodeVerifiedThem() {
        try (VirtualNetwork net = network(2)) {
            DhtNode alice = net.add(config -> config.identity(ALICE));
            Value signed = net.await(alice.putSigned(KEY, reading(39)), LIMIT).value();
            Value unsigned =
                    net.await(net.nodes().get(3).put(KEY, reading(12)), LIMIT).value();

            List<Value> got = get(net, net.nodes().get(11));

            assertThat(got).hasSize(2);
            assertThat(got)
                    .filteredOn(v -> v.id() == signed.id())
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.isSigned()).isTrue();
                        assertThat(v.verified()).isTrue();
                        assertThat(v.ownerKey()).isEqualTo(ALICE.publicKey());
                        assertThat(v.decrypted()).isFalse();
                    });
            assertThat(got)
                    .filteredOn(v -> v.id() == unsigned.id())
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.verified()).isFalse();
                        assertThat(v.ownerKey()).isNull();
                        assertThat(v.owner()).isNull();
                    });
        }
    }

    @Test
    void anEncryptedValueIsReadOnlyByItsRecipient() {
        try (VirtualNetwork net = network(3)) {
            DhtNode alice = net.add(config -> config.identity(ALICE));
            DhtNode bob = net.add(config -> config.identity(BOB));
            DhtNode carol = net.add(config -> config.identity(CAROL));
            Value letter = Value.builder()
                    .text("meet at noon")
                    .contentType(Value.TEXT_PLAIN)
                    .build();

            PutResult sent = net.await(alice.putEncrypted(KEY, letter, BOB.recipientKey()), LIMIT);

            assertThat(sent.value().dataAsText()).doesNotContain("noon");
            assertThat(get(net, bob)).singleElement().satisfies(v -> {
                assertThat(v.dataAsText()).isEqualTo("meet at noon");
                assertThat(v.decrypted()).isTrue();
                assertThat(v.verified()).isTrue();
                assertThat(v.ownerKey()).isEqualTo(ALICE.publicKey());
                assertThat(v.recipientKey()).isEqualTo(BOB.recipientKey());
            });
            for (DhtNode other : List.of(carol, net.nodes().get(5))) {
                assertThat(get(net, other))
                        .as("what %s gets", other)
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v.data()).isEqualTo(sent.value().data());
                            assertThat(v.dataAsText()).doesNotContain("noon");
                            assertThat(v.decrypted()).isFalse();
                            assertThat(v.verified()).isTrue();
                            assertThat(v.recipientKey()).isEqualTo(BOB.recipientKey());
                        });
            }
        }
    }

    @Test
    void aSignedPutOnANodeWithoutIdentityFailsWithNoIdentity() {
        try (VirtualNetwork net = network(4)) {
            assertThat(errorOf(net, net.nodes().get(2).putSigned(KEY, reading(39))))
                    .isInstanceOf(DhtException.NoIdentity.class);
        }
    }

    @Test
    void aSignedPutOfAValueIdAnotherOwnerSignedStoresAValueOfItsOwnBesideTheFirst() {
        try (VirtualNetwork net = network(5)) {
            DhtNode alice = net.add(config -> config.identity(ALICE));
            DhtNode mallory = net.add(config -> config.identity(MALLORY));
            Value original = net.await(alice.putSigned(KEY, reading(39)), LIMIT).value();
            long refusedBefore = Counters.total(net, "refused.values");

            Value mallorys = net.await(
                            mallory.putSigned(
                                    KEY,
                                    reading(0).toBuilder().id(original.id()).build()),
                            LIMIT)
                    .value();

            assertThat(mallorys.ownerKey()).isEqualTo(MALLORY.publicKey());
            assertThat(Counters.total(net, "refused.values"))
                    .as("values refused by storers")
                    .isEqualTo(refusedBefore);
            assertThat(get(net, net.nodes().get(9)))
                    .hasSize(2)
                    .anySatisfy(v -> assertThat(v).isEqualTo(original))
                    .anySatisfy(v -> assertThat(v).isEqualTo(mallorys));
        }
    }

    @Test
    void aSignedPutOfAValueCarryingAnotherOwnersKeyFailsWithNotOwnerBeforeAnythingIsSent() {
        try (VirtualNetwork net = network(5)) {
            DhtNode mallory = net.add(config -> config.identity(MALLORY));

            Throwable error = errorOf(
                    net,
                    mallory.putSigned(
                            KEY,
                            reading(0).toBuilder()
                                    .id(7)
                                    .owner(ALICE.publicKey().toBytes())
                                    .build()));

            assertThat(error).isInstanceOfSatisfying(DhtException.NotOwner.class, notOwner -> {
                assertThat(notOwner.owner()).isEqualTo(ALICE.publicKey());
                assertThat(notOwner.valueId()).isEqualTo(7);
            });
            assertThat(get(net, net.nodes().get(9))).isEmpty();
        }
    }

    @Test
    void aPutOfASignedValueMissingItsSignatureOrItsIdFailsFastWithInvalidValue() {
        try (VirtualNetwork net = network(7)) {
            DhtNode node = net.nodes().get(4);
            Value signed = net.await(net.add(config -> config.identity(ALICE)).putSigned(KEY, reading(39)), LIMIT)
                    .value();

            assertThat(errorOf(
                            net,
                            node.put(KEY, signed.toBuilder().signature(null).build())))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("an owner needs a signature");
            assertThat(errorOf(net, node.put(KEY, signed.toBuilder().owner(null).build())))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("a signature needs an owner");
            assertThat(errorOf(
                            net,
                            node.put(
                                    KEY,
                                    signed.toBuilder().id(Value.UNASSIGNED_ID).build())))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("putSigned");
            assertThat(net.await(node.put(KEY, signed), LIMIT).value())
                    .as("the untouched value, put again")
                    .isEqualTo(signed);
        }
    }

    @Test
    void aSignedPutOfAValueWithARecipientIsInvalidSinceOnlyPutEncryptedEncrypts() {
        try (VirtualNetwork net = network(6)) {
            DhtNode alice = net.add(config -> config.identity(ALICE));
            Value claimsEncrypted = reading(39).toBuilder()
                    .recipient(BOB.recipientKey().toBytes())
                    .build();

            assertThat(errorOf(net, alice.putSigned(KEY, claimsEncrypted)))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("putEncrypted");
        }
    }
}
