package io.rdht.core.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtConfig;
import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.ValueIdentity;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.Stored;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The attacks of issue 11 on value ownership, made on the wire by a {@link UdpAttacker} against
 * real nodes on 127.0.0.1: taking a value over at readers, squatting a value id, filling a key,
 * a small-order owner key, and serving a stale seq. Six honest nodes store; Alice's node signs.
 */
class ValueOwnershipAttacksOverUdpTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Identity ALICE = Identity.generate();
    private static final Identity MALLORY = Identity.generate();
    /** Alice's value id: predictable, as a sensor's is (derived from its key). */
    private static final long SENSOR_ID = 0x5e45_0a11_ce00_0001L;

    private final List<DhtNode> nodes = new ArrayList<>();
    private final List<UdpAttacker> attackers = new ArrayList<>();
    private DhtNode alice;

    @BeforeEach
    void honestNetwork() {
        DhtNode first = start(DhtConfig.builder());
        String bootstrap = "127.0.0.1:" + first.address().getPort();
        for (int i = 1; i < 5; i++) {
            start(DhtConfig.builder().bootstrap(bootstrap));
        }
        alice = start(DhtConfig.builder().bootstrap(bootstrap).identity(ALICE));
    }

    @AfterEach
    void stopAll() {
        attackers.forEach(UdpAttacker::close);
        Flux.fromIterable(nodes).flatMap(DhtNode::shutdown).blockLast(Duration.ofSeconds(10));
    }

    @Test
    void anotherOwnersCopyServedFirstNeverHidesTheOwnersValueFromAReaderAndTheOwnerStillPublishes() {
        Value genuine = alice.putSigned(KEY, reading("39")).block(WAIT).value();
        UdpAttacker attacker = attacker("127.0.0.2", KEY);
        Value takeover = signed(MALLORY, SENSOR_ID, 1_000, "mallory's", Duration.ofMinutes(10));
        attacker.serve(List.of(takeover), honestContacts());
        attacker.introduceTo(alice.address());
        // The reader knows only the attacker, so the attacker's copy is the first it sees.
        DhtNode reader = start(DhtConfig.builder().bootstrap(attacker.hostPort()));

        List<Value> got = reader.get(KEY).collectList().block(WAIT);
        List<ValueEvent> events = new CopyOnWriteArrayList<>();
        Disposable listening = reader.listen(KEY).subscribe(events::add);

        assertThat(got).as("what the reader's get shows").anySatisfy(v -> assertAlices(v, genuine.seq(), "39"));
        assertThat(got)
                .filteredOn(v -> v.ownerKey().equals(MALLORY.publicKey()))
                .singleElement()
                .satisfies(v -> assertThat(v.dataAsText()).isEqualTo("mallory's"));
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(events)
                        .anySatisfy(e -> assertThat(e)
                                .isInstanceOfSatisfying(
                                        ValueEvent.Added.class,
                                        added -> assertAlices(added.value(), genuine.seq(), "39"))));
        Value next = alice.putSigned(KEY, reading("40")).block(WAIT).value();
        assertThat(next.seq()).isEqualTo(genuine.seq() + 1);
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(events)
                        .anySatisfy(e -> assertThat(e)
                                .isInstanceOfSatisfying(
                                        ValueEvent.Updated.class,
                                        updated -> assertAlices(updated.value(), next.seq(), "40"))));
        listening.dispose();
    }

    @Test
    void anAttackerWhoSquatsTheSensorsIdAfterItExpiredCannotStopTheSensorPublishing() {
        alice.putSigned(
                        KEY,
                        reading("39").toBuilder().ttl(Duration.ofSeconds(1)).build())
                .block(WAIT);
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> nodes.get(0).get(KEY).collectList().block(WAIT).isEmpty());
        UdpAttacker attacker = attacker("127.0.0.2", InfoHash.random(new SplittableRandom(2)));
        Value squat = signed(MALLORY, SENSOR_ID, 1, "squatted", Duration.ofMinutes(10));
        for (DhtNode storer : nodes) {
            assertThat(attacker.put(storer.address(), KEY, List.of(squat)).storedIds())
                    .containsExactly(SENSOR_ID);
        }

        Value published = alice.putSigned(KEY, reading("41")).block(WAIT).value();

        assertThat(published.ownerKey()).isEqualTo(ALICE.publicKey());
        List<Value> got = nodes.get(2).get(KEY).collectList().block(WAIT);
        assertThat(got).anySatisfy(v -> assertAlices(v, published.seq(), "41"));
        assertThat(got)
                .filteredOn(v -> !v.ownerKey().equals(ALICE.publicKey()))
                .allSatisfy(v -> assertThat(v).isEqualTo(squat));
    }

    @Test
    void oneSourceCannotFillAKeyAndAGetOverAFullKeyReturnsEveryValueOnceWithTheOwnersLatestEdit() {
        Value first = alice.putSigned(KEY, reading("39")).block(WAIT).value();
        UdpAttacker flooder = attacker("127.0.0.2", InfoHash.random(new SplittableRandom(3)));
        for (DhtNode storer : nodes) {
            int stored = 0;
            for (int put = 0; put < 8; put++) {
                Stored reply = flooder.put(storer.address(), KEY, junk(put * 128L, 128));
                stored += reply.storedIds().size();
                assertThat(reply.rejections())
                        .allSatisfy(r -> assertThat(r.code()).isEqualTo(ErrorCode.STORAGE_FULL));
            }
            assertThat(stored)
                    .as("values of one source kept by %s: up to three quarters of the key, Alice's counted", storer)
                    .isEqualTo(768 - 1);
        }
        Value newcomer =
                nodes.get(1).put(KEY, Value.of("a new sensor")).block(WAIT).value();
        // Fifteen more sources fill the key: 768 + 1 + 15 × 64 values ask for more than its room of 1,024.
        for (int source = 3; source < 18; source++) {
            UdpAttacker more = attacker("127.0.0." + source, InfoHash.random(new SplittableRandom(source)));
            for (DhtNode storer : nodes) {
                more.put(storer.address(), KEY, junk(source * 1_000_000L, 64));
            }
        }

        List<Value> got = nodes.get(3).get(KEY).collectList().block(WAIT);
        Value edit = alice.putSigned(KEY, reading("40")).block(WAIT).value();

        Set<ValueIdentity> distinct = new HashSet<>();
        got.forEach(v -> distinct.add(v.identity()));
        assertThat(got).as("values of the full key").hasSize(1024);
        assertThat(distinct).as("each value once").hasSize(got.size());
        assertThat(got).anySatisfy(v -> assertAlices(v, first.seq(), "39")).contains(newcomer);
        assertThat(edit.seq()).as("the owner's edit found its latest seq").isEqualTo(first.seq() + 1);
        assertThat(nodes.get(4).get(KEY).collectList().block(WAIT))
                .anySatisfy(v -> assertAlices(v, edit.seq(), "40"))
                .noneSatisfy(v -> assertAlices(v, first.seq(), "39"));
    }

    @Test
    void aValueOwnedByTheIdentityPointWithASignatureForAnyContentIsRefusedByEveryStorer() {
        UdpAttacker attacker = attacker("127.0.0.2", InfoHash.random(new SplittableRandom(4)));
        byte[] identityPoint = new byte[32];
        identityPoint[0] = 1;
        byte[] anyContent = new byte[64];
        anyContent[0] = 1;
        Value forged = Value.builder()
                .id(SENSOR_ID)
                .seq(1)
                .text("owned by nobody")
                .contentType(Value.TEXT_PLAIN)
                .created(Instant.now())
                .owner(identityPoint)
                .signature(anyContent)
                .build();
        Value editedBySomeoneElse = forged.toBuilder().seq(2).text("edited").build();

        for (DhtNode storer : nodes) {
            Stored reply = attacker.put(storer.address(), KEY, List.of(forged, editedBySomeoneElse));
            assertThat(reply.storedIds()).as("stored by %s", storer).isEmpty();
            assertThat(reply.rejections()).hasSize(2).allSatisfy(r -> {
                assertThat(r.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                assertThat(r.reason()).contains("small order");
            });
        }
        assertThat(nodes.get(0).get(KEY).collectList().block(WAIT)).isEmpty();
    }

    @Test
    void aStorerServingAnOlderSeqFirstNeverMakesAGetShowTheOldSeq() {
        Value old = alice.putSigned(KEY, reading("39")).block(WAIT).value();
        Value latest = alice.putSigned(KEY, reading("40")).block(WAIT).value();
        UdpAttacker stale = attacker("127.0.0.2", KEY);
        stale.serve(List.of(old), honestContacts());
        DhtNode reader = start(DhtConfig.builder().bootstrap(stale.hostPort()));

        List<Value> got = reader.get(KEY).collectList().block(WAIT);

        assertThat(got)
                .as("Alice's value as the get handed it on")
                .singleElement()
                .satisfies(v -> assertAlices(v, latest.seq(), "40"));
    }

    private static void assertAlices(Value v, long seq, String text) {
        assertThat(v.ownerKey()).isEqualTo(ALICE.publicKey());
        assertThat(v.id()).isEqualTo(SENSOR_ID);
        assertThat(v.seq()).isEqualTo(seq);
        assertThat(v.dataAsText()).isEqualTo(text);
        assertThat(v.verified()).isTrue();
    }

    private static Value reading(String text) {
        return Value.builder()
                .id(SENSOR_ID)
                .text(text)
                .contentType(Value.TEXT_PLAIN)
                .build();
    }

    private static Value signed(Identity owner, long id, long seq, String text, Duration ttl) {
        return ValueSigner.sign(
                KEY,
                Value.builder()
                        .id(id)
                        .seq(seq)
                        .text(text)
                        .contentType(Value.TEXT_PLAIN)
                        .ttl(ttl)
                        .created(Instant.now())
                        .build(),
                owner);
    }

    /** {@code count} tiny unsigned values with ids from {@code firstId + 1}. */
    private static List<Value> junk(long firstId, int count) {
        List<Value> values = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            values.add(Value.builder()
                    .id(firstId + i)
                    .text("x")
                    .created(Instant.now())
                    .build());
        }
        return values;
    }

    private List<NodeInfo> honestContacts() {
        return nodes.stream().map(n -> new NodeInfo(n.id(), n.address())).toList();
    }

    private UdpAttacker attacker(String host, InfoHash id) {
        UdpAttacker attacker = UdpAttacker.on(host, id);
        attackers.add(attacker);
        return attacker;
    }

    private DhtNode start(DhtConfig.Builder config) {
        DhtNode n = DhtNode.create(config.bindHost("127.0.0.1").port(0).build())
                .start()
                .block(Duration.ofSeconds(10));
        nodes.add(n);
        return n;
    }
}
