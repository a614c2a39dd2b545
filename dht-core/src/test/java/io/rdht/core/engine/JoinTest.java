package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.RoutingSnapshot;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a join waits for, without a network: the bootstrap node's answer, then the closest live nodes'. */
class JoinTest {

    private static final InfoHash SELF = InfoHash.of("joining node");
    /** The join's first self-lookup alone: with the spread check a second one asks the nodes again (last test). */
    private static final EngineSettings SETTINGS = EngineSettings.defaults().withSpreadLimit(0);

    private static final int K = SETTINGS.lookup().k();

    private final EngineFixture node = new EngineFixture(SELF, SETTINGS, 3);
    /** Milliseconds since the start at which the start completed; -1 before. */
    private long readyAt = -1;
    /** The contacts the node had when its start completed. */
    private RoutingSnapshot atReady;

    /** Starts the node through {@code bootstrap} and lets {@code millis} pass. */
    private void join(FakePeers.Peer bootstrap, long millis) {
        node.engine.start(List.of(bootstrap.address), () -> {
            readyAt = node.elapsed();
            atReady = node.engine.routingSnapshot();
        });
        node.env.advance(millis);
    }

    /** The peers, closest to the joining node first. */
    private List<FakePeers.Peer> byDistance() {
        return node.peers.all().stream()
                .sorted(Comparator.comparing(p -> p.id, SELF::compareDistance))
                .toList();
    }

    /** A behaviour that loses the reply to the first request only, as a lossy path would. */
    private static Function<Request, Reply> losesFirstReply(FakePeers.Peer peer) {
        int[] seen = {0};
        return request -> ++seen[0] == 1 ? null : peer.answer(request);
    }

    private static boolean knows(RoutingSnapshot table, FakePeers.Peer peer) {
        return table.buckets().stream()
                .flatMap(b -> b.contacts().stream())
                .map(c -> c.node().id())
                .anyMatch(peer.id::equals);
    }

    @Test
    void selfLookupTakesTheBootstrapNodesAnswerInsteadOfAskingItAgain() {
        node.peers.add(20);
        FakePeers.Peer bootstrap = byDistance().getLast();

        join(bootstrap, 5_000);

        List<Long> selfRequests = bootstrap.received.stream()
                .filter(r -> r.body() instanceof FindNode f && f.target().equals(SELF))
                .map(r -> r.envelope().transactionId())
                .distinct()
                .toList();
        assertThat(selfRequests).as("the join's one request, in two copies").hasSize(1);
        assertThat(readyAt).isPositive();
        assertThat(atReady.contactCount()).isGreaterThanOrEqualTo(K);
    }

    @Test
    void startCompletesOnceTheKClosestLiveNodesAnsweredWithoutWaitingForALostReply() {
        node.peers.add(20);
        List<FakePeers.Peer> order = byDistance();
        FakePeers.Peer bootstrap = order.getLast();
        FakePeers.Peer lossy = order.getFirst();
        lossy.behaviour = losesFirstReply(lossy);

        join(bootstrap, 5_000);

        assertThat(readyAt).as("the start completed").isPositive();
        assertThat(atReady.contactCount())
                .as("the K closest others had answered")
                .isGreaterThanOrEqualTo(K);
        for (FakePeers.Peer p : order.subList(1, K + 1)) {
            assertThat(knows(atReady, p))
                    .as("%s, among the closest, answered before the start", p.id)
                    .isTrue();
        }
        assertThat(knows(atReady, lossy))
                .as("the closest node's reply was lost: the start did not wait for its re-send")
                .isFalse();
        assertThat(lossy.requests(FindNode.class).stream()
                        .filter(f -> f.target().equals(SELF)))
                .as("the self-lookup went on and asked it again")
                .hasSize(2);
        assertThat(knows(node.engine.routingSnapshot(), lossy))
                .as("a lost reply is not a dead node: it is in the table once its re-send was answered")
                .isTrue();
    }

    @Test
    void inANetworkSmallerThanKTheStartWaitsForTheReSendToAPeerWhoseReplyWasLost() {
        node.peers.add(4);
        List<FakePeers.Peer> order = byDistance();
        FakePeers.Peer bootstrap = order.getLast();
        FakePeers.Peer lossy = order.getFirst();
        lossy.behaviour = losesFirstReply(lossy);

        join(bootstrap, 5_000);

        long reSent = lossy.received.get(1).atMillis() - EngineFixture.START;
        assertThat(readyAt)
                .as("fewer than K answered: a timeout from one round trip may call a live node slow")
                .isGreaterThan(reSent);
        assertThat(knows(atReady, lossy))
                .as("its re-send was answered before the start completed")
                .isTrue();
        assertThat(atReady.contactCount()).isEqualTo(4);
    }

    /** In the network of liars below, each far lookup of the join starts at the bootstrap node, whose answers the liars did not choose. */
    @Test
    void theJoinsFarLookupsStartFromTheBootstrapNodesAnswerNotFromATableTheLiarsFilled() {
        LiarNetwork network = new LiarNetwork();

        network.node.engine.start(List.of(network.bootstrap.address), () -> {});
        network.node.env.advance(60_000);

        Map<InfoHash, Long> liarsFirstAsked = new HashMap<>();
        for (FakePeers.Peer liar : network.liars) {
            for (FakePeers.Received r : liar.received) {
                if (r.body() instanceof FindNode f && !f.target().equals(SELF)) {
                    liarsFirstAsked.merge(f.target(), r.atMillis(), Math::min);
                }
            }
        }
        Map<InfoHash, Long> bootstrapAsked = new HashMap<>();
        for (FakePeers.Received r : network.bootstrap.received) {
            if (r.body() instanceof FindNode f) {
                bootstrapAsked.merge(f.target(), r.atMillis(), Math::min);
            }
        }
        assertThat(liarsFirstAsked).as("far lookups that asked a liar").isNotEmpty();
        liarsFirstAsked.forEach((target, liarAt) -> assertThat(bootstrapAsked.get(target))
                .as("when the far lookup of %s asked the bootstrap node", target)
                .isNotNull()
                .isLessThanOrEqualTo(liarAt));
    }

    /**
     * The far lookups, from the bootstrap node, end on honest peers; the neighbourhood check starts
     * from them too and reaches the honest neighbours.
     */
    @Test
    void aJoinWhoseSelfLookupLiarsAnsweredFindsItsHonestNeighboursAtTheNeighbourhoodCheck() {
        LiarNetwork network = new LiarNetwork();
        List<FakePeers.Peer> neighbours = network.node.peers.closestTo(SELF, K);
        boolean[] neighboursAskedByFirst = {false};

        network.node.engine.start(
                List.of(network.bootstrap.address),
                () -> neighboursAskedByFirst[0] = neighbours.stream()
                        .anyMatch(n -> !selfLookupsReceived(n).isEmpty()));
        network.node.env.advance(60_000);

        assertThat(neighboursAskedByFirst[0])
                .as("the first self-lookup reached an honest neighbour")
                .isFalse();
        assertThat(neighbours)
                .as("honest neighbours asked for the own id after the join")
                .allMatch(n -> !selfLookupsReceived(n).isEmpty());
    }

    /**
     * A bootstrap node that is itself eclipsed (an honest node whose table the liars fill) names
     * liars for every target: a node that joins through it alone never hears of an honest peer.
     */
    @Test
    void aJoinThroughAnEclipsedBootstrapNodeAloneInheritsItsEclipse() {
        LiarNetwork network = new LiarNetwork();
        FakePeers.Peer eclipsed = network.eclipsedPeer();

        network.node.engine.start(List.of(eclipsed.address), () -> {});
        network.node.env.advance(60_000);

        RoutingSnapshot table = network.node.engine.routingSnapshot();
        assertThat(network.node.peers.closestTo(SELF, K))
                .as("honest neighbours in the table")
                .noneMatch(n -> knows(table, n));
    }

    /** The same join given two more bootstrap nodes, as a deployment that lists three gives it. */
    @Test
    void aJoinThroughAnEclipsedBootstrapNodeAndTwoOthersFindsItsHonestNeighbours() {
        LiarNetwork network = new LiarNetwork();
        FakePeers.Peer eclipsed = network.eclipsedPeer();
        List<FakePeers.Peer> honest = network.node.peers.all().stream()
                .filter(p -> p != eclipsed && !network.liars.contains(p) && p != network.bootstrap)
                .limit(2)
                .toList();

        network.node.engine.start(List.of(eclipsed.address, honest.get(0).address, honest.get(1).address), () -> {});
        network.node.env.advance(60_000);

        RoutingSnapshot table = network.node.engine.routingSnapshot();
        assertThat(network.node.peers.closestTo(SELF, K))
                .as("honest neighbours in the table")
                .allMatch(n -> knows(table, n));
    }

    /**
     * Two thousand honest peers, and ten liars near the joining node that name only each other
     * (the liars closest to any target): the bootstrap node names one liar for the node's own id,
     * so the first self-lookup ends on liars, lying ten times as thinly around the node as the
     * honest peers do.
     */
    private static final class LiarNetwork {
        final EngineFixture node = new EngineFixture(SELF, EngineSettings.defaults(), 3);
        final List<FakePeers.Peer> liars = new ArrayList<>();
        final FakePeers.Peer bootstrap;

        LiarNetwork() {
            SplittableRandom random = new SplittableRandom(5);
            List<FakePeers.Peer> honest = node.peers.add(2_000);
            for (int i = 0; i < 10; i++) {
                FakePeers.Peer liar = node.peers.add(SELF.randomWithPrefix(4, random));
                liar.known = false;
                liars.add(liar);
            }
            for (FakePeers.Peer liar : liars) {
                liar.behaviour = r ->
                        r instanceof FindNode f ? new Nodes(closest(liars, f.target()), liar.token) : liar.answer(r);
            }
            bootstrap = honest.getFirst();
            bootstrap.behaviour = r -> r instanceof FindNode f && f.target().equals(SELF)
                    ? new Nodes(List.of(liars.getFirst().info()), bootstrap.token)
                    : bootstrap.answer(r);
        }

        /** The honest peer farthest from the joining node, now naming the liars closest to every target. */
        FakePeers.Peer eclipsedPeer() {
            FakePeers.Peer eclipsed = node.peers.all().stream()
                    .filter(p -> p != bootstrap && !liars.contains(p))
                    .max(Comparator.comparing(p -> p.id, SELF::compareDistance))
                    .orElseThrow();
            eclipsed.behaviour = r -> r instanceof FindNode f
                    ? new Nodes(closest(liars, f.target()), eclipsed.token)
                    : eclipsed.answer(r);
            return eclipsed;
        }
    }

    private static List<FindNode> selfLookupsReceived(FakePeers.Peer peer) {
        return peer.requests(FindNode.class).stream()
                .filter(f -> f.target().equals(SELF))
                .toList();
    }

    private static List<NodeInfo> closest(List<FakePeers.Peer> peers, InfoHash target) {
        return peers.stream()
                .sorted(Comparator.comparing(p -> p.id, target::compareDistance))
                .limit(K)
                .map(FakePeers.Peer::info)
                .toList();
    }

    @Test
    void withTheSpreadCheckAJoinLooksItsOwnIdUpAgainOnceTheFarLookupsEnded() {
        EngineFixture checked =
                new EngineFixture(SELF, EngineSettings.defaults().withSpreadLimit(3), 3);
        checked.peers.add(20);
        List<FakePeers.Peer> order = checked.peers.all().stream()
                .sorted(Comparator.comparing(p -> p.id, SELF::compareDistance))
                .toList();

        checked.engine.start(List.of(order.getLast().address), () -> {});
        checked.env.advance(5_000);

        assertThat(order.getFirst().requests(FindNode.class).stream()
                        .filter(f -> f.target().equals(SELF)))
                .as("asked by the first self-lookup and by the second")
                .hasSize(2);
    }
}
