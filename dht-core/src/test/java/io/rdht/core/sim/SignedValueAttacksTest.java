package io.rdht.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.engine.EngineSettings;
import io.rdht.core.sign.SignedContent;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.transport.NetworkConditions;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Stored;
import io.rdht.core.wire.Token;
import io.rdht.crypto.Identity;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Each bad input of the signed-value threat model, sent by a {@link HostilePeer} straight to the
 * storers and through an ordinary node: refused with a typed error, counted, and never returned
 * by a get on any node.
 */
class SignedValueAttacksTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final InfoHash OTHER_KEY = InfoHash.of("luigi");
    private static final Duration LIMIT = Duration.ofMinutes(1);
    private static final int NODES = 24;
    private static final Identity ALICE = Identity.generate();
    private static final Identity BOB = Identity.generate();
    private static final Identity MALLORY = Identity.generate();

    /** A network with Alice's node, an ordinary node that relays bad values, and a hostile peer. */
    private record Scene(VirtualNetwork net, DhtNode alice, DhtNode relay, HostilePeer hostile) {

        static Scene of(long seed) {
            EngineSettings settings = EngineSettings.defaults();
            VirtualNetwork net = new VirtualNetwork(seed, NetworkConditions.lan(), settings).grow(NODES - 1);
            DhtNode alice = net.add(config -> config.identity(ALICE));
            net.advance(Duration.ofSeconds(10));
            HostilePeer hostile = HostilePeer.on(net, settings.networkId(), InfoHash.random(net.random()));
            return new Scene(net, alice, net.nodes().get(NODES / 2), hostile);
        }

        Value signedByAlice(InfoHash key, long id, long seq, String text, Duration ttl) {
            return signed(ALICE, key, id, seq, text, ttl, net.now());
        }

        /** The hostile peer's put of {@code values} to every running node; each node's reply. */
        List<Stored> putEverywhere(InfoHash key, Value... values) {
            List<Stored> replies = new ArrayList<>();
            for (DhtNode node : net.alive()) {
                replies.add(hostile.putExpectingReply(node.address(), key, List.of(values)));
            }
            return replies;
        }

        /** The hostile peer's put of {@code values} to each storer of {@code put}; each storer's reply. */
        List<Stored> putToStorersOf(PutResult put, Value... values) {
            List<Stored> replies = new ArrayList<>();
            for (NodeInfo storer : put.storers()) {
                replies.add(hostile.putExpectingReply(storer.address(), put.key(), List.of(values)));
            }
            return replies;
        }

        /** What a get of {@code key} on each running node returns, all together. */
        List<Value> getEverywhere(InfoHash key) {
            List<Value> all = new ArrayList<>();
            for (DhtNode node : net.alive()) {
                all.addAll(net.await(node.get(key).collectList(), LIMIT));
            }
            return all;
        }

        Throwable errorOf(Mono<?> mono) {
            AtomicReference<Throwable> error = new AtomicReference<>();
            mono.subscribe(v -> {}, error::set);
            net.runUntil(() -> error.get() != null, LIMIT);
            return error.get();
        }
    }

    private static Value signed(
            Identity owner, InfoHash key, long id, long seq, String text, Duration ttl, Instant created) {
        Value value = Value.builder()
                .id(id)
                .seq(seq)
                .text(text)
                .contentType(Value.TEXT_PLAIN)
                .ttl(ttl)
                .created(created)
                .build();
        return ValueSigner.sign(key, value, owner);
    }

    private static void assertEveryValueRefused(List<Stored> replies, int valuesEach, String reason) {
        assertThat(replies).isNotEmpty().allSatisfy(stored -> {
            assertThat(stored.storedIds()).as("ids stored").isEmpty();
            assertThat(stored.rejections()).hasSize(valuesEach).allSatisfy(rejection -> {
                assertThat(rejection.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                assertThat(rejection.reason()).contains(reason);
            });
        });
    }

    @Test
    void forgedSignaturesAreRefusedByEveryStorerCountedAndNeverReturned() {
        Scene scene = Scene.of(1);
        try (VirtualNetwork net = scene.net()) {
            Value genuine = scene.signedByAlice(KEY, 11, 1, "39", Value.DEFAULT_TTL);
            Value altered = genuine.toBuilder().text("99").build();
            byte[] noise = new byte[64];
            net.random().nextBytes(noise);
            Value forged = genuine.toBuilder().id(12).signature(noise).build();

            List<Stored> replies = scene.putEverywhere(KEY, altered, forged);

            assertEveryValueRefused(replies, 2, "bad signature");
            assertThat(Counters.total(net, "refused.bad_signature")).isEqualTo(2L * NODES);
            assertThat(scene.getEverywhere(KEY)).isEmpty();
            assertThat(scene.errorOf(scene.relay().put(KEY, altered)))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("bad signature");
        }
    }

    @Test
    void aSignatureByAnotherKeyThanTheOwnersIsRefused() {
        Scene scene = Scene.of(2);
        try (VirtualNetwork net = scene.net()) {
            Value claimed = scene.signedByAlice(KEY, 21, 1, "39", Value.DEFAULT_TTL).toBuilder()
                    .signature(null)
                    .build();
            Value signedByMallory = claimed.toBuilder()
                    .signature(MALLORY.sign(SignedContent.of(KEY, claimed)))
                    .build();

            assertEveryValueRefused(scene.putEverywhere(KEY, signedByMallory), 1, "bad signature");
            assertThat(Counters.total(net, "refused.bad_signature")).isEqualTo(NODES);
            assertThat(scene.getEverywhere(KEY)).isEmpty();
            assertThat(scene.errorOf(scene.relay().put(KEY, signedByMallory)))
                    .isInstanceOf(DhtException.InvalidValue.class);
        }
    }

    @Test
    void aTruncatedSignatureOrOwnerKeyIsDroppedAsMalformedAndNeverStored() {
        Scene scene = Scene.of(3);
        try (VirtualNetwork net = scene.net()) {
            Value genuine = scene.signedByAlice(KEY, 31, 1, "39", Value.DEFAULT_TTL);
            long malformedBefore = Counters.total(net, "dropped.malformed");

            for (DhtNode node : net.alive()) {
                for (byte[] field : List.of(genuine.signature(), genuine.owner())) {
                    long tx = scene.hostile().newTransactionId();
                    Token token = scene.hostile().tokenFrom(node.address(), KEY);
                    byte[] datagram =
                            truncated(scene.hostile().encode(tx, new PutValues(KEY, token, List.of(genuine))), field);
                    assertThat(scene.hostile().sendRaw(node.address(), tx, datagram))
                            .as("reply from %s", node)
                            .isEmpty();
                }
            }

            assertThat(Counters.total(net, "dropped.malformed") - malformedBefore)
                    .isEqualTo(2L * NODES);
            assertThat(scene.getEverywhere(KEY)).isEmpty();
            Value shortSignature = genuine.toBuilder()
                    .signature(Arrays.copyOf(genuine.signature(), 63))
                    .build();
            assertThat(scene.errorOf(scene.relay().put(KEY, shortSignature)))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("truncated signature");
            // The same message whole is stored: it was the truncation, and nothing else, that was refused.
            InetSocketAddress control = scene.relay().address();
            assertThat(scene.hostile()
                            .putExpectingReply(control, KEY, List.of(genuine))
                            .storedIds())
                    .containsExactly(genuine.id());
        }
    }

    @Test
    void anOlderOrEqualSeqWithOtherContentIsRefusedAndTheLatestEditStays() {
        Scene scene = Scene.of(4);
        try (VirtualNetwork net = scene.net()) {
            PutResult first = net.await(
                    scene.alice()
                            .putSigned(KEY, Value.of("39").toBuilder().seq(1).build()),
                    LIMIT);
            Value older = first.value();
            PutResult latest = net.await(
                    scene.alice()
                            .putSigned(
                                    KEY,
                                    Value.of("40").toBuilder().id(older.id()).build()),
                    LIMIT);
            Value sameSeqOtherContent =
                    ValueSigner.sign(KEY, latest.value().toBuilder().text("41").build(), ALICE);
            long refusedBefore = Counters.total(net, "refused.values");

            List<Stored> olderReplies = scene.putToStorersOf(latest, older);
            List<Stored> sameSeqReplies = scene.putToStorersOf(latest, sameSeqOtherContent);

            assertEveryValueRefused(olderReplies, 1, "lower than the stored seq 2");
            assertEveryValueRefused(sameSeqReplies, 1, "has seq 2 stored with other content");
            assertThat(Counters.total(net, "refused.values") - refusedBefore)
                    .isEqualTo(2L * latest.storers().size());
            assertThat(scene.errorOf(scene.relay().put(KEY, older)))
                    .isInstanceOfSatisfying(
                            DhtException.Rejected.class,
                            rejected -> assertThat(rejected.reasons())
                                    .isNotEmpty()
                                    .allSatisfy(reason -> assertThat(reason).contains("lower than the stored seq 2")));
            assertThat(scene.getEverywhere(KEY)).isNotEmpty().allSatisfy(v -> {
                assertThat(v.seq()).isEqualTo(2);
                assertThat(v.dataAsText()).isEqualTo("40");
            });
        }
    }

    @Test
    void anotherOwnerReSigningAnExistingValueIdStoresAnotherValueAndCannotTakeTheFirstOver() {
        Scene scene = Scene.of(5);
        try (VirtualNetwork net = scene.net()) {
            DhtNode mallory = net.add(config -> config.identity(MALLORY));
            PutResult original = net.await(scene.alice().putSigned(KEY, Value.of("39")), LIMIT);
            Value takeover = ValueSigner.sign(
                    KEY,
                    original.value().toBuilder().text("mallory's").seq(1_000).build(),
                    MALLORY);

            assertThat(scene.putToStorersOf(original, takeover))
                    .allSatisfy(stored -> assertThat(stored.storedIds())
                            .containsExactly(original.value().id()));
            assertThat(net.await(
                                    mallory.putSigned(
                                            KEY,
                                            Value.of("mine").toBuilder()
                                                    .id(original.value().id())
                                                    .build()),
                                    LIMIT)
                            .value()
                            .ownerKey())
                    .isEqualTo(MALLORY.publicKey());
            List<Value> got = scene.getEverywhere(KEY);
            assertThat(got)
                    .filteredOn(v -> v.ownerKey().equals(ALICE.publicKey()))
                    .hasSize(net.alive().size())
                    .allSatisfy(v -> assertThat(v.dataAsText()).isEqualTo("39"));
            assertThat(got)
                    .filteredOn(v -> !v.ownerKey().equals(ALICE.publicKey()))
                    .allSatisfy(v -> assertThat(v.ownerKey()).isEqualTo(MALLORY.publicKey()));
        }
    }

    @Test
    void aSignedValueReplayedUnderAnotherKeyIsRefused() {
        Scene scene = Scene.of(6);
        try (VirtualNetwork net = scene.net()) {
            Value genuine = net.await(scene.alice().putSigned(KEY, Value.of("39")), LIMIT)
                    .value();

            assertEveryValueRefused(scene.putEverywhere(OTHER_KEY, genuine), 1, "bad signature");
            assertThat(Counters.total(net, "refused.bad_signature")).isEqualTo(NODES);
            assertThat(scene.errorOf(scene.relay().put(OTHER_KEY, genuine)))
                    .isInstanceOf(DhtException.InvalidValue.class)
                    .hasMessageContaining("bad signature");
            assertThat(scene.getEverywhere(OTHER_KEY)).isEmpty();
        }
    }

    @Test
    void anExpiredSignedValueReplayedIsRefused() {
        Scene scene = Scene.of(7);
        try (VirtualNetwork net = scene.net()) {
            Value reading =
                    Value.of("39").toBuilder().ttl(Duration.ofMinutes(1)).build();
            Value genuine =
                    net.await(scene.alice().putSigned(KEY, reading), LIMIT).value();
            net.advance(Duration.ofMinutes(2));
            assertThat(scene.getEverywhere(KEY)).as("values left after the TTL").isEmpty();

            assertEveryValueRefused(scene.putEverywhere(KEY, genuine), 1, "expired");
            assertThat(scene.errorOf(scene.relay().put(KEY, genuine)))
                    .isInstanceOfSatisfying(
                            DhtException.Rejected.class,
                            rejected -> assertThat(rejected.reasons())
                                    .allSatisfy(reason -> assertThat(reason).contains("expired")));
            assertThat(scene.getEverywhere(KEY)).isEmpty();
        }
    }

    @Test
    void aReaderDropsAndCountsBadValuesEvenFromAHostileStorer() {
        EngineSettings settings = EngineSettings.defaults();
        try (VirtualNetwork net = new VirtualNetwork(8, NetworkConditions.lan(), settings).grow(6)) {
            DhtNode bob = net.add(config -> config.identity(BOB));
            // With the key as its id, the hostile peer is the first storer every lookup of the key asks.
            HostilePeer storer = HostilePeer.on(net, settings.networkId(), KEY);
            storer.introduceTo(bob);
            Instant now = net.now();
            Value genuine = signed(ALICE, KEY, 81, 1, "39", Value.DEFAULT_TTL, now);
            Value forgedEdit = genuine.toBuilder().seq(6).text("99").build();
            Value claimed = signed(ALICE, KEY, 82, 1, "39", Value.DEFAULT_TTL, now).toBuilder()
                    .signature(null)
                    .build();
            Value signedByMallory = claimed.toBuilder()
                    .signature(MALLORY.sign(SignedContent.of(KEY, claimed)))
                    .build();
            Value forOtherKey = signed(ALICE, OTHER_KEY, 83, 1, "39", Value.DEFAULT_TTL, now);
            Value expired = signed(ALICE, KEY, 84, 1, "39", Duration.ofMinutes(10), now.minus(Duration.ofMinutes(20)));
            Value notACiphertext = ValueSigner.sign(
                    KEY,
                    genuine.toBuilder()
                            .id(85)
                            .recipient(BOB.recipientKey().toBytes())
                            .build(),
                    ALICE);
            Value takeoverAfterGenuine = ValueSigner.sign(
                    KEY, genuine.toBuilder().seq(50).text("mallory's").build(), MALLORY);
            storer.serve(List.of(
                    forgedEdit, genuine, signedByMallory, forOtherKey, expired, notACiphertext, takeoverAfterGenuine));

            List<Value> got = net.await(bob.get(KEY).collectList(), LIMIT);

            // Mallory's value under the same id is another value, shown as Mallory's; Alice's stays seq 1.
            assertThat(got)
                    .hasSize(2)
                    .anySatisfy(v -> {
                        assertThat(v.ownerKey()).isEqualTo(ALICE.publicKey());
                        assertThat(v.seq()).isEqualTo(1);
                        assertThat(v.dataAsText()).isEqualTo("39");
                        assertThat(v.verified()).isTrue();
                    })
                    .anySatisfy(v -> {
                        assertThat(v.ownerKey()).isEqualTo(MALLORY.publicKey());
                        assertThat(v).isEqualTo(takeoverAfterGenuine);
                    });
            assertThat(bob.stats().byName())
                    .containsEntry("discarded.bad_signature", 3L)
                    .containsEntry("discarded.expired", 1L)
                    .containsEntry("discarded.undecryptable", 1L);
        }
    }

    /**
     * {@code datagram} with {@code field}, a byte string of 32 or 64 bytes in it, one byte shorter:
     * its CBOR head {@code 0x58 n} becomes {@code 0x58 n-1}, so the rest stays well-formed.
     */
    private static byte[] truncated(byte[] datagram, byte[] field) {
        int at = indexOf(datagram, field);
        assertThat(datagram[at - 2]).as("byte string head").isEqualTo((byte) 0x58);
        assertThat(datagram[at - 1]).as("byte string length").isEqualTo((byte) field.length);
        byte[] out = new byte[datagram.length - 1];
        System.arraycopy(datagram, 0, out, 0, at + field.length - 1);
        out[at - 1] = (byte) (field.length - 1);
        System.arraycopy(datagram, at + field.length, out, at + field.length - 1, datagram.length - at - field.length);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("field not found in the datagram");
    }
}
