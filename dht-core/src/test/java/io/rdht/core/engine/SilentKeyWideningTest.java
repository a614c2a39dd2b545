package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.Update;
import io.rdht.core.wire.ValuesFound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A listen whose storers accept it and stay silent (the closest nodes of an eclipse) while nodes a
 * little farther out hold the readings: it notices, delivers them and widens its storers.
 */
class SilentKeyWideningTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final EngineSettings ON = EngineSettings.defaults();
    private static final EngineSettings OFF = EngineSettings.defaults().withSilentKeyWidening(false);
    private static final long REFRESH = ON.listen().refreshMillis();
    private static final int STORERS = ON.listen().storers();
    private static final SilentKeyWidening WIDENING = ON.listen().widening();
    private static final long SETTLE = 5_000;

    private final EngineFixture.Recorded heard = new EngineFixture.Recorded();

    /** Twelve peers at distances 16, 32, ..., 192 from the key, the four closest silent; joined. */
    private EngineFixture network(EngineSettings settings) {
        EngineFixture node = new EngineFixture(Distances.farFrom(KEY), settings, 31);
        LongStream.rangeClosed(1, 12).forEach(i -> node.peers.add(Distances.at(KEY, 16 * i)));
        for (FakePeers.Peer silent : node.peers.closestTo(KEY, STORERS)) {
            silent.behaviour = r -> switch (r) {
                case GetValues g -> new ValuesFound(List.of(), List.of(), silent.token, false);
                case Listen l -> {
                    silent.answer(r);
                    yield new ValuesFound(List.of(), List.of(), silent.token, false);
                }
                default -> silent.answer(r);
            };
        }
        node.start(node.peers.all().subList(11, 12), 30_000);
        return node;
    }

    private static Value reading(long seq) {
        return Value.builder()
                .id(7)
                .seq(seq)
                .text("{\"lvl_percent\":" + seq + "}")
                .ttl(Duration.ofHours(1))
                .created(Instant.ofEpochMilli(EngineFixture.START))
                .build();
    }

    /** The honest peers ranked 5th to 8th closest: where a sensor's put reached beside the silent four. */
    private static List<FakePeers.Peer> honestStorers(EngineFixture node) {
        return node.peers.closestTo(KEY, 2 * STORERS).subList(STORERS, 2 * STORERS);
    }

    private static List<FakePeers.Peer> registeredWith(EngineFixture node) {
        return node.peers.all().stream()
                .filter(p -> p.listens.getOrDefault(KEY, Set.of()).size() == 1)
                .toList();
    }

    private static long counter(EngineFixture node, String name) {
        return node.engine.stats().snapshot().get(name);
    }

    /** Listens, then a reading appears on the honest storers only (the silent four never push it). */
    private EngineFixture listenThenReadingAppearsBesideTheSilentStorers(EngineSettings settings) {
        EngineFixture node = network(settings);
        node.engine.listen(KEY, heard);
        node.env.advance(SETTLE);
        honestStorers(node).forEach(p -> p.valuesOf(KEY).put(7L, reading(1)));
        return node;
    }

    @Test
    void silentStorersAreWidenedAndTheReadingHeldFartherOutIsDelivered() {
        EngineFixture node = listenThenReadingAppearsBesideTheSilentStorers(ON);

        node.env.advance((WIDENING.silentRefreshes() - 1) * REFRESH);
        assertThat(heard.signals).as("before the check").isEmpty();
        node.env.advance(REFRESH);

        assertThat(heard.signals).containsExactly(new ValueEvent.Added(reading(1)));
        assertThat(counter(node, "listen.silent_checks")).isEqualTo(1);
        assertThat(counter(node, "listen.silent_values")).isEqualTo(1);
        assertThat(counter(node, "listen.widened")).isEqualTo(WIDENING.maxExtraStorers());
        assertThat(registeredWith(node)).containsAll(honestStorers(node)).hasSize(STORERS + WIDENING.maxExtraStorers());
    }

    @Test
    void widenedStorerIsKeptAtTheNextRefreshAndItsPushOfAnEditIsDelivered() {
        EngineFixture node = listenThenReadingAppearsBesideTheSilentStorers(ON);
        node.env.advance(WIDENING.silentRefreshes() * REFRESH);
        node.env.advance(REFRESH);
        FakePeers.Peer widened = honestStorers(node).get(0);
        long listenId = widened.requests(Listen.class).get(0).listenId();

        widened.send(new Update(KEY, listenId, List.of(reading(2))));
        node.env.runDue();

        assertThat(heard.signals)
                .containsExactly(new ValueEvent.Added(reading(1)), new ValueEvent.Updated(reading(1), reading(2)));
        assertThat(counter(node, "listen.silent_values")).isEqualTo(1);
        assertThat(registeredWith(node)).containsAll(honestStorers(node));
    }

    @Test
    void withWideningOffTheSilentStorersHideTheReadingAsBefore() {
        EngineFixture node = listenThenReadingAppearsBesideTheSilentStorers(OFF);

        node.env.advance(5 * REFRESH);

        assertThat(heard.signals).isEmpty();
        assertThat(registeredWith(node)).containsExactlyInAnyOrderElementsOf(node.peers.closestTo(KEY, STORERS));
        assertThat(counter(node, "listen.silent_checks")).isZero();
        assertThat(node.peers.all())
                .allSatisfy(p -> assertThat(p.requests(GetValues.class).size())
                        .as("get requests after the listen's start")
                        .isLessThanOrEqualTo(1));
    }

    @Test
    void quietKeyOfHonestStorersIsCheckedButNeverWidened() {
        EngineFixture node = new EngineFixture(Distances.farFrom(KEY), ON, 31);
        LongStream.rangeClosed(1, 12).forEach(i -> node.peers.add(Distances.at(KEY, 16 * i)));
        node.start(node.peers.all().subList(11, 12), 30_000);
        node.engine.listen(KEY, heard);
        node.env.advance(SETTLE);
        node.peers.closestTo(KEY, 2 * STORERS).forEach(p -> p.valuesOf(KEY).put(7L, reading(1)));

        node.env.advance(2 * WIDENING.silentRefreshes() * REFRESH);

        assertThat(heard.signals).containsExactly(new ValueEvent.Added(reading(1)));
        assertThat(counter(node, "listen.silent_checks")).isPositive();
        assertThat(counter(node, "listen.silent_values")).isZero();
        assertThat(counter(node, "listen.widened")).isZero();
        assertThat(registeredWith(node)).containsExactlyInAnyOrderElementsOf(node.peers.closestTo(KEY, STORERS));
    }
}
