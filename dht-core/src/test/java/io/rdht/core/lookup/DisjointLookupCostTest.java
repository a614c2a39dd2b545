package io.rdht.core.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.PeerStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What disjoint paths cost and buy, on 1,000 nodes with Kademlia routing tables (8 contacts per
 * bucket, made up in memory; no loss, no churn): requests per lookup, and how often the lookup
 * reaches the 8 honest nodes closest to the target when some nodes lie, answering with the liars
 * closest to the target only. Prints one line per case (docs/TUNING.md quotes them).
 */
class DisjointLookupCostTest {

    private static final int NODES = 1_000;
    private static final int LOOKUPS = 400;
    private static final int K = 8;
    private static final LookupSettings SETTINGS = new LookupSettings(K, 4, 14);

    private final SplittableRandom random = new SplittableRandom(42);
    private final List<NodeInfo> nodes = new ArrayList<>();
    private final Map<InfoHash, List<NodeInfo>> tables = new HashMap<>();
    private final Set<InfoHash> liars = new HashSet<>();

    DisjointLookupCostTest() throws UnknownHostException {
        for (int i = 0; i < NODES; i++) {
            byte[] ip = {10, 0, (byte) (i >>> 8), (byte) i};
            nodes.add(new NodeInfo(InfoHash.random(random), new InetSocketAddress(InetAddress.getByAddress(ip), 4222)));
        }
        for (NodeInfo n : nodes) {
            Map<Integer, List<NodeInfo>> buckets = new HashMap<>();
            for (NodeInfo other : shuffled(nodes)) {
                if (!other.equals(n)) {
                    List<NodeInfo> bucket =
                            buckets.computeIfAbsent(sharedPrefix(n.id(), other.id()), b -> new ArrayList<>());
                    if (bucket.size() < K) {
                        bucket.add(other);
                    }
                }
            }
            List<NodeInfo> table = new ArrayList<>();
            buckets.values().forEach(table::addAll);
            tables.put(n.id(), table);
        }
    }

    private List<NodeInfo> shuffled(List<NodeInfo> in) {
        List<NodeInfo> out = new ArrayList<>(in);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            NodeInfo t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private static int sharedPrefix(InfoHash a, InfoHash b) {
        byte[] x = a.xor(b).toBytes();
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x[i] & 0xff) - 24;
            }
        }
        return x.length * 8;
    }

    private static List<NodeInfo> closest(InfoHash target, List<NodeInfo> from, int count) {
        return from.stream()
                .sorted(Comparator.comparing(NodeInfo::id, target::compareDistance))
                .limit(count)
                .toList();
    }

    /** What {@code node} answers to a lookup of {@code target}. */
    private List<NodeInfo> answer(NodeInfo node, InfoHash target) {
        List<NodeInfo> table = tables.get(node.id());
        if (liars.contains(node.id())) {
            return closest(
                    target, nodes.stream().filter(n -> liars.contains(n.id())).toList(), K);
        }
        return closest(target, table, K);
    }

    /** Requests sent and lookups that reached all 8 honest closest nodes, over {@link #LOOKUPS} lookups. */
    private int[] measure(int paths) {
        return measure(paths, 0);
    }

    /**
     * As {@link #measure(int)}, with the spread check at {@code spreadLimit} (0: off), each node
     * judging against the distance of its K-th closest contact.
     */
    private int[] measure(int paths, double spreadLimit) {
        SplittableRandom lookups = new SplittableRandom(7);
        List<NodeInfo> honest =
                nodes.stream().filter(n -> !liars.contains(n.id())).toList();
        int requests = 0;
        int reached = 0;
        int reachedClosest = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            NodeInfo from = honest.get(lookups.nextInt(honest.size()));
            InfoHash target = InfoHash.random(lookups);
            List<NodeInfo> seeds = closest(target, tables.get(from.id()), SETTINGS.capacity() * paths);
            double ownSpread = Spread.between(
                    from.id(),
                    closest(from.id(), tables.get(from.id()), K).get(K - 1).id());
            DisjointLookup lookup = new DisjointLookup(
                    target,
                    SETTINGS.withPaths(paths).withSpreadLimit(spreadLimit),
                    seeds,
                    id -> PeerStatus.UNSUSPECTED,
                    n -> true,
                    ownSpread);
            Set<InfoHash> asked = new HashSet<>();
            for (int round = 0; round < 1_000 && !lookup.isDone(); round++) {
                for (NodeInfo n : lookup.nextToAsk()) {
                    requests++;
                    assertThat(asked.add(n.id())).as("%s asked twice", n).isTrue();
                    lookup.onAnswer(n.id(), answer(n, target));
                }
            }
            List<NodeInfo> honestClosest = closest(target, honest, K);
            if (honestClosest.stream().allMatch(n -> asked.contains(n.id()))) {
                reached++;
            }
            if (asked.contains(honestClosest.get(0).id())) {
                reachedClosest++;
            }
        }
        System.out.printf(
                "disjoint paths %d, spread limit %.0f, liars %d of %d: %.1f requests per lookup, %.1f%% reached the"
                        + " honest closest, %.1f%% all %d honest closest%n",
                paths,
                spreadLimit,
                liars.size(),
                NODES,
                (double) requests / LOOKUPS,
                100.0 * reachedClosest / LOOKUPS,
                100.0 * reached / LOOKUPS,
                K);
        return new int[] {requests, reached};
    }

    @Test
    void inAnHonestNetworkEveryPathCountFindsTheClosestAndCostsAboutOneLookupPerPath() {
        int[] one = measure(1);
        int[] two = measure(2);
        int[] three = measure(3);

        assertThat(one[1]).isEqualTo(LOOKUPS);
        assertThat(two[1]).isEqualTo(LOOKUPS);
        assertThat(three[1]).isEqualTo(LOOKUPS);
        assertThat(two[0]).isBetween(one[0], 3 * one[0]);
        assertThat(three[0]).isBetween(two[0], 4 * one[0]);
    }

    @Test
    void withLiarsAmongTheNodesMorePathsReachTheHonestClosestMoreOften() {
        nodes.subList(0, NODES / 10).forEach(n -> liars.add(n.id()));

        int[] one = measure(1);
        int[] two = measure(2);
        int[] three = measure(3);

        assertThat(two[1]).isGreaterThan(one[1]);
        assertThat(three[1]).isGreaterThanOrEqualTo(two[1]);
    }

    @Test
    void inAnHonestNetworkTheSpreadCheckFindsTheSameAndCostsLittle() {
        int[] plain = measure(1);
        int[] checked = measure(1, 3);

        assertThat(checked[1]).isEqualTo(LOOKUPS);
        assertThat(checked[0]).isLessThanOrEqualTo(plain[0] * 11 / 10);
    }

    /**
     * With every table complete, liars at one in ten lie among the honest nodes near any target:
     * the K closest that answered are a mix, as dense as the network, and the check stays quiet.
     * What it answers, Sybil cliques ending lookups of a large network whose tables lack
     * neighbours, the simulator shows (docs/SIMULATION.md).
     */
    @Test
    void withLiarsMixedAmongTheClosestTheSpreadCheckLosesNothingAndCostsLittle() {
        nodes.subList(0, NODES / 10).forEach(n -> liars.add(n.id()));

        int[] plain = measure(1);
        int[] checked = measure(1, 3);

        assertThat(checked[1]).isGreaterThanOrEqualTo(plain[1]);
        assertThat(checked[0]).isLessThanOrEqualTo(plain[0] * 11 / 10);
    }

    @Test
    void withOneNodeInFiveLyingThreePathsStillReachTheHonestClosest() {
        nodes.subList(0, NODES / 5).forEach(n -> liars.add(n.id()));

        int[] one = measure(1);
        int[] two = measure(2);
        int[] three = measure(3);

        assertThat(two[1]).isGreaterThan(one[1]);
        assertThat(three[1]).isGreaterThan(LOOKUPS * 99 / 100);
    }
}
