package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.sign.ValueSigner;
import io.rdht.core.wire.CancelListen;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.ErrorReply;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.Update;
import io.rdht.core.wire.ValueVersion;
import io.rdht.crypto.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A network listen without a network: registration, refresh, moving, reconciling, cancelling. */
class KeyListenTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final EngineSettings SETTINGS = EngineSettings.defaults();
    private static final long REFRESH = SETTINGS.listen().refreshMillis();
    private static final int STORERS = SETTINGS.listen().storers();
    private static final long SETTLE = 2_000;
    private static final Identity OWNER = Identity.generate();

    /** A node far from the key, among twelve peers at distances 16, 32, ..., 192 from it; joined. */
    private final EngineFixture node = new EngineFixture(Distances.farFrom(KEY), SETTINGS, 21);

    private final EngineFixture.Recorded heard = new EngineFixture.Recorded();

    KeyListenTest() {
        LongStream.rangeClosed(1, 12).forEach(i -> node.peers.add(Distances.at(KEY, 16 * i)));
        node.start(node.peers.all().subList(11, 12), 30_000);
    }

    private static Value reading(long id, long seq) {
        return Value.builder()
                .id(id)
                .seq(seq)
                .text("{\"lvl_percent\":" + id + "}")
                .ttl(Duration.ofHours(1))
                .created(Instant.ofEpochMilli(EngineFixture.START))
                .build();
    }

    private Runnable listen() {
        Runnable stop = node.engine.listen(KEY, heard);
        node.env.advance(SETTLE);
        return stop;
    }

    private List<FakePeers.Peer> registeredWith() {
        return node.peers.all().stream()
                .filter(p -> p.listens.getOrDefault(KEY, Set.of()).size() == 1)
                .toList();
    }

    private long listenId() {
        return node.peers.closestTo(KEY, 1).get(0).requests(Listen.class).get(0).listenId();
    }

    private void clearReceived() {
        node.peers.all().forEach(p -> p.received.clear());
    }

    @Test
    void valuesAlreadyStoredComeFirstThenTheListenIsRegisteredWithTheClosestStorers() {
        node.peers.all().get(2).valuesOf(KEY).put(1L, reading(1, 0));

        listen();

        assertThat(heard.signals).containsExactly(new ValueEvent.Added(reading(1, 0)));
        assertThat(registeredWith()).containsExactlyInAnyOrderElementsOf(node.peers.closestTo(KEY, STORERS));
        assertThat(node.engine.listenViews()).singleElement().satisfies(v -> {
            assertThat(v.storers()).hasSize(STORERS);
            assertThat(v.subscribers()).isEqualTo(1);
        });
    }

    @Test
    void oneStorerIsAskedToPushAtOnceAndTheOthersAfterTheBackupDelay() {
        listen();

        List<Long> delays = node.peers.closestTo(KEY, STORERS).stream()
                .map(p -> p.requests(Listen.class).get(0).pushDelayMillis())
                .toList();

        long backup = SETTINGS.listen().backupPushDelayMillis();
        assertThat(backup).isPositive();
        assertThat(delays).containsOnly(0L, backup).containsOnlyOnce(0L);
    }

    @Test
    void listenIsRegisteredAgainEveryRefreshPeriodSayingWhichVersionsItHolds() {
        node.peers.all().get(0).valuesOf(KEY).put(1L, reading(1, 3));
        listen();
        clearReceived();

        node.env.advance(REFRESH);

        for (FakePeers.Peer p : node.peers.closestTo(KEY, STORERS)) {
            assertThat(p.requests(Listen.class)).singleElement().satisfies(l -> {
                assertThat(l.token()).isEqualTo(p.token);
                assertThat(l.known()).extracting(ValueVersion::seq).containsExactly(3L);
            });
        }
    }

    @Test
    void closerNodeThatJoinedTakesOverFromTheFarthestStorer() {
        listen();
        List<FakePeers.Peer> before = node.peers.closestTo(KEY, STORERS);
        FakePeers.Peer newcomer = node.peers.add(Distances.at(KEY, 1));

        node.env.advance(REFRESH);

        assertThat(registeredWith())
                .contains(newcomer)
                .doesNotContain(before.get(STORERS - 1))
                .hasSize(STORERS);
        assertThat(before.get(STORERS - 1).requests(CancelListen.class)).hasSize(1);
    }

    @Test
    void deadStorerIsReplacedByTheNextClosestAtTheNextRefresh() {
        listen();
        FakePeers.Peer dead = node.peers.closestTo(KEY, 1).get(0);
        dead.crash();
        FakePeers.Peer next = node.peers.closestTo(KEY, STORERS + 1).get(STORERS);

        node.env.advance(REFRESH + SETTLE);

        assertThat(registeredWith()).contains(next);
        assertThat(node.engine.listenViews().get(0).storers())
                .extracting(NodeInfo::id)
                .doesNotContain(dead.id)
                .contains(next.id)
                .hasSize(STORERS);
    }

    @Test
    void valueWhosePushWasLostArrivesWithTheNextRefresh() {
        listen();
        node.peers.closestTo(KEY, 1).get(0).valuesOf(KEY).put(5L, reading(5, 0));

        node.env.advance(REFRESH - SETTLE);
        assertThat(heard.signals).isEmpty();
        node.env.advance(2 * SETTLE);

        assertThat(heard.signals).containsExactly(new ValueEvent.Added(reading(5, 0)));
    }

    @Test
    void pushesFromEveryStorerGiveOneEventAndAnEditGivesUpdated() {
        listen();
        long id = listenId();

        for (FakePeers.Peer p : node.peers.closestTo(KEY, STORERS)) {
            p.send(new Update(KEY, id, List.of(reading(1, 0))));
        }
        node.peers.closestTo(KEY, 1).get(0).send(new Update(KEY, id, List.of(reading(1, 1))));
        node.env.runDue();

        assertThat(heard.signals)
                .containsExactly(
                        new ValueEvent.Added(reading(1, 0)), new ValueEvent.Updated(reading(1, 0), reading(1, 1)));
    }

    @Test
    void copiesOfASignedPushFromTheOtherStorersAreDroppedBeforeTheirSignatureIsChecked() {
        listen();
        long id = listenId();
        Value signed = ValueSigner.sign(KEY, reading(1, 0), OWNER);

        for (FakePeers.Peer p : node.peers.closestTo(KEY, STORERS)) {
            p.send(new Update(KEY, id, List.of(signed)));
        }
        node.env.runDue();

        assertThat(heard.signals)
                .singleElement()
                .satisfies(e ->
                        assertThat(((ValueEvent.Added) e).value().verified()).isTrue());
        assertThat(node.engine.stats().snapshot().get("listen.copies_skipped"))
                .as("copies dropped unchecked")
                .isEqualTo(STORERS - 1);
    }

    @Test
    void aCopyThatDiffersFromTheVersionHeldInAnyFieldIsCheckedAsANewArrival() {
        listen();
        long id = listenId();
        Value signed = ValueSigner.sign(KEY, reading(1, 0), OWNER);
        FakePeers.Peer storer = node.peers.closestTo(KEY, 1).get(0);
        storer.send(new Update(KEY, id, List.of(signed)));
        // the same version with a later creation time, under the old signature: a forgery that
        // would move the value's expiry if it were taken for a copy
        Value forged =
                signed.toBuilder().created(signed.created().plusSeconds(60)).build();

        storer.send(new Update(KEY, id, List.of(forged)));
        node.env.runDue();

        assertThat(heard.signals).hasSize(1);
        assertThat(node.engine.stats().snapshot())
                .containsEntry("listen.copies_skipped", 0L)
                .containsEntry("discarded.bad_signature", 1L);
    }

    @Test
    void pushFromANodeTheListenIsNotRegisteredWithIsDropped() {
        listen();
        FakePeers.Peer far = node.peers.all().get(11);

        long tx = far.send(new Update(KEY, listenId(), List.of(reading(1, 0))));
        node.env.runDue();

        assertThat(heard.signals).isEmpty();
        assertThat(far.replyTo(tx)).isEmpty();
        assertThat(node.engine.stats().pushesDropped()).isEqualTo(1);
    }

    @Test
    void valueExpiresForTheSubscriberAtItsTtl() {
        Value shortLived = reading(1, 0).toBuilder().ttl(Duration.ofMinutes(2)).build();
        node.peers.all().get(0).valuesOf(KEY).put(1L, shortLived);
        listen();
        long left = EngineFixture.START + Duration.ofMinutes(2).toMillis() - node.env.nowMillis();

        node.env.advance(left - 1);
        assertThat(heard.signals).containsExactly(new ValueEvent.Added(shortLived));
        node.env.advance(1);

        assertThat(heard.signals).containsExactly(new ValueEvent.Added(shortLived), new ValueEvent.Expired(shortLived));
    }

    @Test
    void storerThatRefusesTheListenIsDroppedAndCounted() {
        FakePeers.Peer refusing = node.peers.closestTo(KEY, 1).get(0);
        refusing.behaviour = r ->
                r instanceof Listen ? new ErrorReply(ErrorCode.RATE_LIMITED, "too many listens") : refusing.answer(r);

        listen();

        assertThat(node.engine.listenViews().get(0).storers())
                .extracting(NodeInfo::id)
                .doesNotContain(refusing.id)
                .hasSize(STORERS - 1);
        assertThat(node.engine.stats().snapshot().get("listen.refused_by_storers"))
                .isEqualTo(1);
    }

    @Test
    void subscribersShareOneListenAndTheLastToLeaveCancelsItEverywhere() {
        Runnable first = listen();
        EngineFixture.Recorded second = new EngineFixture.Recorded();
        Runnable stopSecond = node.engine.listen(KEY, second);
        node.env.advance(SETTLE);
        assertThat(node.peers.closestTo(KEY, 1).get(0).requests(Listen.class))
                .as("one network listen")
                .hasSize(1);

        first.run();
        node.env.advance(SETTLE);
        assertThat(registeredWith()).hasSize(STORERS);
        stopSecond.run();
        node.env.advance(SETTLE);
        assertThat(registeredWith()).isEmpty();
        clearReceived();
        node.env.advance(3 * REFRESH);

        assertThat(node.peers.all())
                .allSatisfy(p -> assertThat(p.requests(Listen.class)).isEmpty());
        assertThat(node.engine.listenViews()).isEmpty();
    }
}
