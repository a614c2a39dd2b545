package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.routing.AddressFamily;
import io.rdht.core.routing.RoutingTable;
import io.rdht.core.storage.Storage;
import io.rdht.core.wire.Envelope;
import io.rdht.core.wire.ErrorCode;
import io.rdht.core.wire.ErrorReply;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.MalformedMessageException;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Stored;
import io.rdht.core.wire.WireCodec;
import io.rdht.core.wire.WireLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Puts without a network: to the K closest that answered, with their tokens, in batches; who stored, who refused. */
class PutOperationTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final long LONG_ENOUGH = 30_000;
    /** Time for a put among answering peers to end (they answer within milliseconds). */
    private static final long PUT_ENDED = 2_000;

    private final EngineFixture node = new EngineFixture(Distances.farFrom(KEY), EngineSettings.defaults(), 5);
    private final List<FakePeers.Peer> peers = node.peers.add(20);

    private List<InfoHash> idsOf(List<FakePeers.Peer> ps) {
        return ps.stream().map(p -> p.id).toList();
    }

    private List<FakePeers.Peer> kClosest() {
        return node.peers.closestTo(KEY, node.settings.lookup().k());
    }

    @Test
    void valueGoesToTheKClosestNodesThatAnsweredEachWithItsOwnToken() {
        node.start(peers.subList(0, 1), LONG_ENOUGH);

        PutResult result = node.put(KEY, Value.of("39"), LONG_ENOUGH).only(PutResult.class);

        assertThat(result.storers()).extracting(NodeInfo::id).containsExactlyElementsOf(idsOf(kClosest()));
        for (FakePeers.Peer p : node.peers.all()) {
            boolean close = kClosest().contains(p);
            assertThat(p.requests(PutValues.class))
                    .as(p.id + (close ? " is among the K closest" : " is not"))
                    .hasSize(close ? 1 : 0)
                    .allSatisfy(put -> assertThat(put.token()).isEqualTo(p.token));
        }
    }

    @Test
    void nodesThatTimeOutOrRefuseAreNotStorersAndTheOthersAre() {
        node.start(peers.subList(0, 1), LONG_ENOUGH);
        List<FakePeers.Peer> closest = kClosest();
        closest.get(0).behaviour =
                r -> r instanceof PutValues ? null : closest.get(0).answer(r);
        closest.get(1).behaviour = r -> r instanceof PutValues
                ? new ErrorReply(ErrorCode.STORAGE_FULL, "full")
                : closest.get(1).answer(r);

        PutResult result = node.put(KEY, Value.of("39"), LONG_ENOUGH).only(PutResult.class);

        assertThat(result.storers())
                .extracting(NodeInfo::id)
                .containsExactlyElementsOf(idsOf(closest.subList(2, closest.size())));
    }

    @Test
    void whenEveryStorerRefusesThePutFailsWithRejectedGivingEachReason() {
        node.start(peers.subList(0, 1), LONG_ENOUGH);
        for (FakePeers.Peer p : node.peers.all()) {
            p.behaviour = r -> r instanceof PutValues
                    ? new Stored(
                            List.of(),
                            List.of(new Stored.Rejection(
                                    ((PutValues) r).values().get(0).id(), ErrorCode.STORAGE_FULL, "no room")))
                    : p.answer(r);
        }

        DhtException.Rejected error = node.put(KEY, Value.of("39"), LONG_ENOUGH).only(DhtException.Rejected.class);

        assertThat(error.key()).isEqualTo(KEY);
        assertThat(error.reasons())
                .hasSize(node.settings.lookup().k())
                .allSatisfy(r -> assertThat(r).contains("no room"));
    }

    @Test
    void whenNobodyAnswersThePutFailsWithNoReachableNodes() {
        node.start(peers.subList(0, 1), LONG_ENOUGH);
        node.peers.all().forEach(FakePeers.Peer::crash);

        assertThat(node.put(KEY, Value.of("39"), 5 * 60_000)
                        .only(DhtException.NoReachableNodes.class)
                        .key())
                .isEqualTo(KEY);
    }

    @Test
    void nodeAmongTheKClosestStoresTheValueItselfAndPutsToKMinusOneOthers() {
        EngineFixture close = new EngineFixture(Distances.at(KEY, 1), EngineSettings.defaults(), 6);
        List<FakePeers.Peer> others = close.peers.add(20);
        close.start(others.subList(0, 1), LONG_ENOUGH);

        PutResult result = close.put(KEY, Value.of("39"), LONG_ENOUGH).only(PutResult.class);

        assertThat(result.storers()).hasSize(close.settings.lookup().k());
        assertThat(result.storers().get(0)).isEqualTo(close.engine.self());
        assertThat(close.engine.storageSnapshot()).hasSize(1);
    }

    /** The lookups' requests for the key that the peers received (the upkeep looks up other ids). */
    private long findNodesReceived() {
        return node.peers.all().stream()
                .flatMap(p -> p.requests(FindNode.class).stream())
                .filter(f -> f.target().equals(KEY))
                .count();
    }

    @Test
    void putToAKeyLookedUpLatelyGoesStraightToItsKClosestNodesWithoutALookup() {
        node.start(peers.subList(0, 1), LONG_ENOUGH);
        node.put(KEY, Value.of("39"), PUT_ENDED).only(PutResult.class);
        long lookedUp = findNodesReceived();
        node.env.advance(RecentSearches.LIFE_MILLIS - 2 * PUT_ENDED);

        PutResult again = node.put(KEY, Value.of("40"), PUT_ENDED).only(PutResult.class);

        assertThat(findNodesReceived())
                .as("find_node requests for the second put")
                .isEqualTo(lookedUp);
        assertThat(again.storers()).extracting(NodeInfo::id).containsExactlyElementsOf(idsOf(kClosest()));
        assertThat(kClosest())
                .allSatisfy(p -> assertThat(p.requests(PutValues.class))
                        .hasSize(2)
                        .allSatisfy(put -> assertThat(put.token()).isEqualTo(p.token)));
        assertThat(node.engine.stats().snapshot()).containsEntry("puts.without_lookup", 1L);
    }

    @Test
    void putToAKeyWhoseLookupIsOlderThanItsLifeLooksItUpAgain() {
        node.start(peers.subList(0, 1), LONG_ENOUGH);
        node.put(KEY, Value.of("39"), PUT_ENDED).only(PutResult.class);
        long lookedUp = findNodesReceived();
        node.env.advance(RecentSearches.LIFE_MILLIS);

        node.put(KEY, Value.of("40"), LONG_ENOUGH).only(PutResult.class);

        assertThat(findNodesReceived()).isGreaterThan(lookedUp);
        assertThat(node.engine.stats().snapshot()).containsEntry("puts.without_lookup", 0L);
    }

    @Test
    void whenANodeOfTheLastLookupNoLongerAnswersThePutLooksTheKeyUpAfterAllAndStoresOnKOthers() {
        node.start(peers.subList(0, 1), LONG_ENOUGH);
        node.put(KEY, Value.of("39"), PUT_ENDED).only(PutResult.class);
        FakePeers.Peer gone = kClosest().get(0);
        gone.crash();
        gone.known = false;
        long lookedUp = findNodesReceived();

        PutResult again = node.put(KEY, Value.of("40"), LONG_ENOUGH).only(PutResult.class);

        assertThat(findNodesReceived()).as("a lookup after all").isGreaterThan(lookedUp);
        List<FakePeers.Peer> live = node.peers.all().stream()
                .filter(p -> p != gone)
                .sorted((a, b) -> KEY.compareDistance(a.id, b.id))
                .limit(node.settings.lookup().k())
                .toList();
        assertThat(again.storers()).extracting(NodeInfo::id).containsExactlyElementsOf(idsOf(live));
    }

    /** PutOperation on its own, over parts built by hand, for the many values a republish carries. */
    private final class Direct implements PutOperation.Outcome {
        final FakeEnvironment env = new FakeEnvironment(EngineFixture.START);
        final NodeStats stats = new NodeStats();
        final SplittableRandom random = new SplittableRandom(9);
        final FamilyTables tables = new FamilyTables(
                Distances.farFrom(KEY),
                Set.of(AddressFamily.V4),
                EngineSettings.defaults().routing(),
                EngineFixture.START);
        final RoutingTable routing = tables.table(AddressFamily.V4);
        final Rpc rpc = new Rpc(
                env,
                new Outbox(env, new WireCodec(), 0, false, routing.self(), random, stats),
                tables,
                random,
                stats,
                3,
                300_000);
        final EngineParts parts = new EngineParts(
                EngineSettings.defaults(),
                env,
                routing.self(),
                tables,
                new Storage(EngineSettings.defaults().storage()),
                rpc,
                stats);
        final FakePeers peers = new FakePeers(env, 0, 10, (d, from) -> {
            Envelope e = decode(d);
            rpc.onReply(e, (Reply) e.body(), from);
        });
        final List<List<NodeInfo>> done = new ArrayList<>();

        Direct(int peerCount) {
            for (FakePeers.Peer p : peers.add(peerCount)) {
                routing.onReply(p.info(), 10, EngineFixture.START);
            }
        }

        void put(List<Value> values) {
            new PutOperation(KEY, values, rpc, 8, this).start(parts.newLookup(KEY));
            env.advance(LONG_ENOUGH);
        }

        @Override
        public List<NodeInfo> chooseTargets(List<NodeInfo> closest) {
            return closest;
        }

        @Override
        public void onDone(List<NodeInfo> storers, List<String> refusals, int answered) {
            done.add(storers);
        }
    }

    private static Envelope decode(byte[] d) {
        try {
            return new WireCodec().decode(d);
        } catch (MalformedMessageException e) {
            throw new AssertionError(e);
        }
    }

    private static Value numbered(int i, int bytes) {
        return Value.builder()
                .id(i + 1)
                .data(new byte[bytes])
                .ttl(Duration.ofMinutes(10))
                .created(Instant.ofEpochMilli(EngineFixture.START))
                .build();
    }

    @Test
    void moreValuesThanOneMessageHoldsGoInSeveralPutsToEachNode() {
        Direct direct = new Direct(12);
        List<Value> many = IntStream.range(0, WireLimits.MAX_VALUES + 10)
                .mapToObj(i -> numbered(i, 8))
                .toList();

        direct.put(many);

        assertThat(direct.done)
                .singleElement()
                .satisfies(storers -> assertThat(storers).hasSize(8));
        for (FakePeers.Peer p : direct.peers.closestTo(KEY, 8)) {
            List<PutValues> puts = p.requests(PutValues.class);
            assertThat(puts).extracting(put -> put.values().size()).containsExactly(WireLimits.MAX_VALUES, 10);
            assertThat(p.valuesOf(KEY)).hasSize(many.size());
        }
    }

    @Test
    void largeValuesAreBatchedByBytesSoThatEachPutFitsOneMessage() {
        Direct direct = new Direct(12);
        List<Value> large = IntStream.range(0, 6)
                .mapToObj(i -> numbered(i, Value.MAX_DATA_BYTES))
                .toList();

        direct.put(large);

        for (FakePeers.Peer p : direct.peers.closestTo(KEY, 8)) {
            List<PutValues> puts = p.requests(PutValues.class);
            assertThat(puts).hasSizeGreaterThan(1);
            assertThat(puts.stream().mapToInt(put -> put.values().size()).sum()).isEqualTo(6);
            assertThat(puts)
                    .allSatisfy(put -> assertThat(put.values().stream()
                                    .mapToInt(Value::dataLength)
                                    .sum())
                            .isLessThan(WireLimits.MAX_MESSAGE_BYTES));
        }
    }

    @Test
    void noTargetsEndsAtOnceWithNoStorers() {
        Direct direct = new Direct(0);

        direct.put(List.of(numbered(0, 8)));

        assertThat(direct.done).containsExactly(List.of());
        assertThat(direct.env.sent()).isEmpty();
    }
}
