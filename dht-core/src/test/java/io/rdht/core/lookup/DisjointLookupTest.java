package io.rdht.core.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.PeerStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Lookups over disjoint paths (S/Kademlia), on a network of answers made up in memory. */
class DisjointLookupTest {

    private static final LookupSettings ONE_PATH = new LookupSettings(8, 4, 14);
    private final SplittableRandom random = new SplittableRandom(13);
    private final InfoHash target = InfoHash.random(random);
    /** Each node's answer: the contacts it names. */
    private final Map<InfoHash, List<NodeInfo>> answers = new HashMap<>();
    /** How often each node was asked. */
    private final Map<InfoHash, Integer> asked = new HashMap<>();

    private int port = 1;

    private NodeInfo node(InfoHash id) {
        return new NodeInfo(id, new InetSocketAddress("127.0.0.1", port++));
    }

    private List<NodeInfo> sorted(List<NodeInfo> nodes) {
        List<NodeInfo> s = new ArrayList<>(nodes);
        s.sort(Comparator.comparing(NodeInfo::id, target::compareDistance));
        return s;
    }

    /** An honest network of {@code n} random nodes: each names the 8 it knows closest (it knows them all). */
    private List<NodeInfo> honestNetwork(int n) {
        List<NodeInfo> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(node(InfoHash.random(random)));
        }
        List<NodeInfo> closest = sorted(all).subList(0, 8);
        for (NodeInfo node : all) {
            List<NodeInfo> named = new ArrayList<>(closest);
            named.remove(node);
            answers.put(node.id(), named);
        }
        return all;
    }

    /** Runs {@code lookup} to its end, every node asked answering at once with its made-up answer. */
    private void run(DisjointLookup lookup) {
        for (int round = 0; round < 1_000 && !lookup.isDone(); round++) {
            for (NodeInfo n : lookup.nextToAsk()) {
                asked.merge(n.id(), 1, Integer::sum);
                lookup.onAnswer(n.id(), answers.getOrDefault(n.id(), List.of()));
            }
        }
        assertThat(lookup.isDone()).as("the lookup ended").isTrue();
    }

    private DisjointLookup lookup(int paths, List<NodeInfo> seeds) {
        Function<InfoHash, PeerStatus> history = id -> PeerStatus.UNSUSPECTED;
        return new DisjointLookup(target, ONE_PATH.withPaths(paths), seeds, history, n -> true);
    }

    @Test
    void disjointPathsNeverAskOneNodeTwiceAndStillFindTheKClosest() {
        List<NodeInfo> network = honestNetwork(300);
        for (int paths = 2; paths <= 3; paths++) {
            asked.clear();
            DisjointLookup lookup = lookup(paths, network.subList(0, 28));

            run(lookup);

            assertThat(asked.values())
                    .as("requests per node over %d paths", paths)
                    .allMatch(n -> n == 1);
            assertThat(lookup.closestAnswered(8))
                    .containsExactlyElementsOf(sorted(network).subList(0, 8));
            assertThat(lookup.answeredCount()).isEqualTo(asked.size());
        }
    }

    @Test
    void seedsAreDealtOutClosestFirstSoEachPathStartsFromItsOwnShare() {
        List<NodeInfo> seeds = sorted(honestNetwork(12));
        DisjointLookup lookup = lookup(3, seeds);

        List<NodeInfo> first = lookup.nextToAsk();

        // 4 (ALPHA) from each path: path p gets seeds p, p + 3, p + 6, p + 9
        assertThat(first).hasSize(12).doesNotHaveDuplicates();
        assertThat(lookup.pathOf(seeds.get(0).id())).isEqualTo(0);
        assertThat(lookup.pathOf(seeds.get(1).id())).isEqualTo(1);
        assertThat(lookup.pathOf(seeds.get(2).id())).isEqualTo(2);
        assertThat(lookup.pathOf(seeds.get(3).id())).isEqualTo(0);
    }

    @Test
    void pathPoisonedByLiarsDoesNotStopTheOthersFromReachingTheHonestClosestNodes() {
        // Honest nodes far from the target know the honest nodes closest to it; nine liars closer
        // still name only each other. One liar is among the seeds, as a contact it made itself.
        List<NodeInfo> honestFar = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            honestFar.add(node(target.randomWithPrefix(8, random)));
        }
        List<NodeInfo> honestClose = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            honestClose.add(node(target.randomWithPrefix(40, random)));
        }
        List<NodeInfo> liars = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            liars.add(node(target.randomWithPrefix(80, random)));
        }
        honestFar.forEach(n -> answers.put(n.id(), honestClose));
        honestClose.forEach(n -> answers.put(n.id(), honestClose));
        liars.forEach(n -> answers.put(n.id(), liars));
        List<NodeInfo> seeds = new ArrayList<>(honestFar);
        seeds.add(liars.get(0));

        DisjointLookup onePath = lookup(1, seeds);
        run(onePath);
        Set<InfoHash> reachedByOne = new HashSet<>(asked.keySet());
        asked.clear();
        DisjointLookup twoPaths = lookup(2, seeds);
        run(twoPaths);

        assertThat(honestClose)
                .as("honest closest nodes one poisoned path reached")
                .noneMatch(n -> reachedByOne.contains(n.id()));
        assertThat(honestClose)
                .as("honest closest nodes two disjoint paths reached")
                .allMatch(n -> asked.getOrDefault(n.id(), 0) == 1);
        assertThat(asked.values()).allMatch(n -> n == 1);
    }

    @Test
    void onePathAsksExactlyWhatAPlainLookupAsks() {
        List<NodeInfo> network = honestNetwork(100);
        List<NodeInfo> seeds = network.subList(0, 14);
        Lookup plain = new Lookup(target, ONE_PATH, seeds);
        DisjointLookup single = lookup(1, seeds);

        for (int round = 0; round < 100 && !plain.isDone(); round++) {
            List<NodeInfo> expected = plain.nextToAsk();
            assertThat(single.nextToAsk()).containsExactlyElementsOf(expected);
            for (NodeInfo n : expected) {
                plain.onAnswer(n.id(), answers.get(n.id()));
                single.onAnswer(n.id(), answers.get(n.id()));
            }
        }
        assertThat(single.isDone()).isTrue();
        assertThat(single.closestAnswered(8)).containsExactlyElementsOf(plain.closestAnswered(8));
        assertThat(single.hopsToClosest()).isEqualTo(plain.hopsToClosest());
    }

    @Test
    void pathsBeyondOneOrTheMostAreRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> ONE_PATH.withPaths(0)).hasMessageContaining("disjoint lookup paths");
        assertThatThrownBy(() -> ONE_PATH.withPaths(LookupSettings.MAX_PATHS + 1))
                .hasMessageContaining("disjoint lookup paths");
    }
}
