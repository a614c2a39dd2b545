package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.routing.RoutingSettings;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Nodes;
import io.rdht.core.wire.Ping;
import io.rdht.core.wire.PutValues;
import io.rdht.core.wire.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The node's upkeep without a network: republishing, bucket refresh, stale contacts, joining again. */
class MaintenanceTest {

    private static final InfoHash KEY = InfoHash.of("pollution_level");
    private static final long JOIN = 30_000;
    private static final EngineSettings SETTINGS = EngineSettings.defaults();

    private static Value reading() {
        return Value.builder()
                .id(1)
                .text("{\"lvl_percent\":39}")
                .ttl(Duration.ofHours(1))
                .created(Instant.ofEpochMilli(EngineFixture.START))
                .build();
    }

    /** A node at {@code distance} from the key among ten peers at distances 16, 32, ..., 160; joined. */
    private static EngineFixture nodeAt(long distance) {
        EngineFixture node = new EngineFixture(Distances.at(KEY, distance), SETTINGS, distance);
        LongStream.rangeClosed(1, 10).forEach(i -> node.peers.add(Distances.at(KEY, 16 * i)));
        node.start(node.peers.all().subList(9, 10), JOIN);
        return node;
    }

    /** Has {@code from} store the reading on the node with a token of its own. */
    private static void storeFrom(EngineFixture node, FakePeers.Peer from) {
        long tx = from.send(new FindNode(KEY));
        node.env.runDue();
        Nodes nodes = (Nodes) from.replyTo(tx).orElseThrow();
        from.send(new PutValues(KEY, nodes.token(), List.of(reading())));
        node.env.runDue();
        assertThat(node.engine.storageSnapshot()).hasSize(1);
    }

    private static List<FakePeers.Peer> republishedTo(EngineFixture node) {
        return node.peers.all().stream()
                .filter(p -> p.requests(PutValues.class).stream()
                        .anyMatch(put -> put.values().contains(reading())))
                .toList();
    }

    private static void clearReceived(EngineFixture node) {
        node.peers.all().forEach(p -> p.received.clear());
    }

    @Test
    void closestStorerRepublishesToTheKClosestWithinOnePeriod() {
        EngineFixture node = nodeAt(1);
        storeFrom(node, node.peers.all().get(9));

        node.env.advance(2 * SETTINGS.republishMillis());

        List<FakePeers.Peer> expected =
                node.peers.closestTo(KEY, SETTINGS.lookup().k());
        assertThat(republishedTo(node)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void storerRankedBetweenSecondAndKthStaysQuiet() {
        EngineFixture node = nodeAt(16 * 3 + 1);
        storeFrom(node, node.peers.all().get(9));

        node.env.advance(2 * SETTINGS.republishMillis());

        assertThat(republishedTo(node)).isEmpty();
    }

    @Test
    void storerNoLongerAmongTheKClosestHandsTheValuesOn() {
        EngineFixture node = nodeAt(16 * 20);
        storeFrom(node, node.peers.all().get(9));

        node.env.advance(2 * SETTINGS.republishMillis());

        assertThat(republishedTo(node)).hasSize(SETTINGS.lookup().k());
    }

    @Test
    void expiredValuesAreNotRepublished() {
        EngineFixture node = nodeAt(1);
        FakePeers.Peer writer = node.peers.all().get(9);
        long tx = writer.send(new FindNode(KEY));
        node.env.runDue();
        Value shortLived = reading().toBuilder().ttl(Duration.ofMinutes(1)).build();
        writer.send(new PutValues(KEY, ((Nodes) writer.replyTo(tx).orElseThrow()).token(), List.of(shortLived)));
        node.env.runDue();

        node.env.advance(2 * SETTINGS.republishMillis());

        assertThat(node.peers.all())
                .allSatisfy(p -> assertThat(p.requests(PutValues.class)).isEmpty());
    }

    @Test
    void silentContactsArePingedAfterTheStalePeriodAndNotBefore() {
        EngineFixture node = nodeAt(1);
        clearReceived(node);
        long stale = SETTINGS.routing().staleContactMillis();

        node.env.advance(stale - JOIN - SETTINGS.maintenanceMillis());
        assertThat(node.peers.all())
                .allSatisfy(p -> assertThat(p.requests(Ping.class)).isEmpty());
        node.env.advance(2 * SETTINGS.maintenanceMillis());

        assertThat(node.peers.all())
                .allSatisfy(p -> assertThat(p.requests(Ping.class)).isNotEmpty());
    }

    @Test
    void bucketNobodyLookedIntoIsRefreshedByALookupOfAnIdInIt() {
        EngineFixture node = nodeAt(1);
        clearReceived(node);
        long refresh = SETTINGS.routing().bucketRefreshMillis();

        node.env.advance(refresh - JOIN - SETTINGS.maintenanceMillis());
        assertThat(findNodes(node)).isEmpty();
        node.env.advance(2 * SETTINGS.maintenanceMillis());

        assertThat(findNodes(node))
                .isNotEmpty()
                .allSatisfy(target ->
                        assertThat(target).isNotEqualTo(node.engine.self().id()));
    }

    private static List<InfoHash> findNodes(EngineFixture node) {
        List<InfoHash> targets = new ArrayList<>();
        node.peers.all().forEach(p -> p.requests(FindNode.class).forEach(f -> targets.add(f.target())));
        return targets;
    }

    @Test
    void selfLookupNobodyAnsweredIsTriedAgainWithBackoffUntilItIsAnswered() {
        // failures never drop a contact here, so the bootstrap node stays in the table throughout
        RoutingSettings patient = new RoutingSettings(8, 1_000, 15 * 60_000, 20 * 60_000, 100, 4, 2_000);
        EngineSettings settings = new EngineSettings(
                0,
                patient,
                SETTINGS.lookup(),
                SETTINGS.storage(),
                SETTINGS.maxAttempts(),
                SETTINGS.tokenRotationMillis(),
                SETTINGS.maintenanceMillis(),
                SETTINGS.republishMillis(),
                SETTINGS.bootstrapRetryMinMillis(),
                SETTINGS.bootstrapRetryMaxMillis(),
                SETTINGS.listen(),
                false,
                SETTINGS.rateLimits());
        EngineFixture node = new EngineFixture(Distances.at(KEY, 1), settings, 4);
        List<FakePeers.Peer> peers = node.peers.add(9);
        FakePeers.Peer bootstrap = peers.get(0);
        // the bootstrap node answers the join, then every datagram to it and its contacts is lost
        int[] answered = {0};
        bootstrap.behaviour = r -> answered[0]++ == 0 ? bootstrap.answer(r) : null;
        peers.subList(1, 9).forEach(FakePeers.Peer::crash);

        node.start(List.of(bootstrap), 20_000);
        List<Long> gaps = gaps(selfLookupStarts(node, bootstrap));
        assertThat(gaps)
                .as("waits between self-lookups")
                .hasSizeGreaterThanOrEqualTo(3)
                .isSorted();
        assertThat(gaps.get(1) - gaps.get(0)).as("the wait doubles").isBetween(900L, 1_100L);

        peers.forEach(p -> p.behaviour = p::answer);
        node.env.advance(settings.bootstrapRetryMaxMillis());
        int tries = selfLookupStarts(node, bootstrap).size();
        node.env.advance(5 * settings.bootstrapRetryMaxMillis());

        assertThat(selfLookupStarts(node, bootstrap))
                .as("no self-lookup once one was answered")
                .hasSize(tries);
        assertThat(node.engine.routingSnapshot().contactCount()).isEqualTo(9);
    }

    @Test
    void nodeThatLostEveryContactAsksTheBootstrapNodesAgain() {
        EngineFixture node = new EngineFixture(InfoHash.of("left alone"), SETTINGS, 12);
        FakePeers.Peer bootstrap = node.peers.add(1).get(0);
        bootstrap.crash();
        node.start(List.of(bootstrap), 5_000);
        bootstrap.behaviour = bootstrap::answer;
        node.env.advance(SETTINGS.bootstrapRetryMaxMillis());
        assertThat(node.engine.routingSnapshot().contactCount())
                .as("joined at the second try")
                .isEqualTo(1);

        bootstrap.crash();
        node.env.advance(2 * SETTINGS.routing().staleContactMillis());
        assertThat(node.engine.routingSnapshot().contactCount())
                .as("the silent contact is dropped")
                .isZero();
        bootstrap.behaviour = bootstrap::answer;
        node.env.advance(2 * SETTINGS.maintenanceMillis() + SETTINGS.bootstrapRetryMaxMillis());

        assertThat(node.engine.routingSnapshot().contactCount())
                .as("joined again through the bootstrap node")
                .isEqualTo(1);
    }

    /** When the node asked {@code bootstrap} for its own id, ms since the start, once per lookup (re-sends skipped). */
    private static List<Long> selfLookupStarts(EngineFixture node, FakePeers.Peer bootstrap) {
        List<Long> starts = new ArrayList<>();
        long lastEnd = -1;
        for (FakePeers.Received r : bootstrap.received) {
            if (r.body() instanceof FindNode f
                    && f.target().equals(node.engine.self().id())) {
                long at = r.atMillis() - EngineFixture.START;
                if (lastEnd < 0 || at - lastEnd > 1_000) {
                    starts.add(at);
                }
                lastEnd = at;
            }
        }
        return starts;
    }

    private static List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(times.get(i) - times.get(i - 1));
        }
        return gaps;
    }

    @Test
    void nodeAloneAsksTheBootstrapNodesAgainWithBackoff() {
        EngineFixture node = new EngineFixture(InfoHash.of("alone"), SETTINGS, 8);
        FakePeers.Peer bootstrap = node.peers.add(1).get(0);
        bootstrap.crash();

        node.start(List.of(bootstrap), 10 * 60_000);
        List<Long> asked = bootstrap.received.stream()
                .filter(r -> r.body() instanceof Request)
                .map(r -> r.atMillis() - EngineFixture.START)
                .toList();
        assertThat(asked).hasSizeGreaterThan(4);
        assertThat(node.engine.routingSnapshot().contactCount()).isZero();

        bootstrap.behaviour = bootstrap::answer;
        node.env.advance(2 * SETTINGS.bootstrapRetryMaxMillis());
        assertThat(node.engine.routingSnapshot().contactCount()).isEqualTo(1);
    }
}
