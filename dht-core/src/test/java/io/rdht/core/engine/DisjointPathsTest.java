package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.LookupResult;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.ValuesFound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A node's gets over disjoint lookup paths, without a network: a node that knows one liar next to
 * a key, where liars name only each other, and honest nodes it does not know yet hold the value.
 */
class DisjointPathsTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final long SETTLE = 5_000;
    /**
     * One-way delay of every peer: a round trip (2 ms) below the shortest timeout (4 ms), so that no
     * request is re-sent and each request a peer receives is one the lookup made.
     */
    private static final long DELAY_MILLIS = 1;

    private final List<FakePeers.Peer> honestClose = new ArrayList<>();
    private final List<FakePeers.Peer> liars = new ArrayList<>();

    /**
     * A node at distance 2^30 from the key that joined through twelve honest nodes far from it;
     * then eight honest nodes join next to the key (their farther peers know them, the node does
     * not) and hold a reading, and nine liars closer still, one of which pings the node.
     */
    private EngineFixture network(EngineSettings settings) {
        EngineFixture node = new EngineFixture(Distances.at(KEY, 1L << 30), settings, 5);
        LongStream.rangeClosed(1, 12)
                .forEach(i -> node.peers.add(Distances.at(KEY, i << 40)).delayMillis = DELAY_MILLIS);
        node.start(node.peers.all().subList(0, 1), 30_000);
        for (long i = 1; i <= 8; i++) {
            FakePeers.Peer p = node.peers.add(Distances.at(KEY, 1_000 + 16 * i));
            p.delayMillis = DELAY_MILLIS;
            p.valuesOf(KEY).put(1L, reading());
            honestClose.add(p);
        }
        for (long i = 1; i <= 9; i++) {
            FakePeers.Peer liar = node.peers.add(Distances.at(KEY, i));
            liar.known = false;
            liar.delayMillis = DELAY_MILLIS;
            liars.add(liar);
        }
        List<NodeInfo> liarContacts = liars.stream().map(FakePeers.Peer::info).toList();
        for (FakePeers.Peer liar : liars) {
            liar.behaviour = r -> switch (r) {
                case FindNode f -> new Nodes(liarContacts, liar.token);
                case GetValues g -> new ValuesFound(List.of(), liarContacts, liar.token, false);
                default -> liar.answer(r);
            };
        }
        liars.get(0).send(new Ping());
        node.env.advance(SETTLE);
        node.peers.all().forEach(p -> p.received.clear());
        return node;
    }

    private static Value reading() {
        return Value.builder()
                .id(1)
                .text("{\"lvl_percent\":39}")
                .ttl(Duration.ofHours(1))
                .created(Instant.ofEpochMilli(EngineFixture.START))
                .build();
    }

    private List<Object> get(EngineFixture node) {
        EngineFixture.Recorded heard = new EngineFixture.Recorded();
        node.engine.get(KEY, heard);
        node.env.advance(SETTLE);
        return heard.signals;
    }

    @Test
    void oneLiarNextToTheKeyHidesTheReadingFromAPlainLookup() {
        EngineFixture node = network(EngineSettings.defaults());

        assertThat(get(node)).as("the get's result").containsExactly("complete");
        assertThat(liars)
                .allSatisfy(p -> assertThat(p.requests(GetValues.class)).hasSize(1));
    }

    @Test
    void twoDisjointPathsReachTheHonestNodesAndFindTheReadingAskingEachNodeOnce() {
        EngineFixture node = network(EngineSettings.defaults().withDisjointPaths(2));

        assertThat(get(node)).containsExactly(reading(), "complete");
        assertThat(honestClose)
                .allSatisfy(p -> assertThat(p.requests(GetValues.class)).hasSize(1));
        assertThat(node.peers.all())
                .as("get requests to any one node")
                .allSatisfy(p -> assertThat(p.requests(GetValues.class)).hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void findNodesOverThreePathsAskEachNodeOnceAndReturnTheClosestThatAnswered() {
        EngineFixture node = network(EngineSettings.defaults().withDisjointPaths(3));
        List<LookupResult> results = new ArrayList<>();

        node.engine.findNodes(KEY, results::add, e -> {});
        node.env.advance(SETTLE);

        assertThat(results)
                .singleElement()
                .satisfies(r -> assertThat(r.closest())
                        .hasSize(8)
                        .isSortedAccordingTo((a, b) -> KEY.compareDistance(a.id(), b.id())));
        assertThat(node.peers.all())
                .allSatisfy(p -> assertThat(p.requests(FindNode.class)).hasSizeLessThanOrEqualTo(1));
    }
}
