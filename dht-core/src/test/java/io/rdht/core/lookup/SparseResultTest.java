package io.rdht.core.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.PeerStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The spread check ({@link LookupSettings#spreadLimit}): a lookup whose K closest answered nodes
 * lie far more thinly around the target than the node's own neighbours lie around it asks on.
 * Distances here: this node's K-th closest contact at 2^-10 of the id space, a limit of 3, so a
 * radius of 3 · 2^-10; a Sybil clique at 2^-8 to 2^-7 (beyond it), honest neighbours of the
 * target within 2^-12 (inside it).
 */
class SparseResultTest {

    private static final int K = 8;
    private static final LookupSettings OFF = new LookupSettings(K, 4, 14);
    private static final LookupSettings ON = OFF.withSpreadLimit(3);
    private static final double OWN_SPREAD = Math.scalb(1.0, -10);

    private final SplittableRandom random = new SplittableRandom(11);
    private final InfoHash target = InfoHash.random(random);
    private final Map<InfoHash, List<NodeInfo>> answers = new HashMap<>();
    private int port = 1;

    /** A node whose XOR distance from the target shares exactly {@code bits} leading bits with it:
     * at 2^-(bits+1) to 2^-bits of the id space. */
    private NodeInfo at(int bits) {
        byte[] id = target.randomWithPrefix(bits, random).toBytes();
        int mask = 0x80 >>> (bits % 8);
        int flipped = (target.byteAt(bits / 8) & mask) ^ mask;
        id[bits / 8] = (byte) ((id[bits / 8] & ~mask) | flipped);
        return new NodeInfo(InfoHash.fromBytes(id), new InetSocketAddress("127.0.0.1", port++));
    }

    private List<NodeInfo> many(int n, int bits) {
        List<NodeInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(at(bits));
        }
        return out;
    }

    private Lookup lookup(LookupSettings settings, List<NodeInfo> seeds) {
        return new Lookup(target, settings, seeds, id -> PeerStatus.UNSUSPECTED, n -> true, id -> true, OWN_SPREAD);
    }

    /** Runs {@code lookup} to its end, every node answering as {@link #answers} says; the nodes asked. */
    private List<NodeInfo> run(Lookup lookup) {
        List<NodeInfo> asked = new ArrayList<>();
        for (int round = 0; round < 100 && !lookup.isDone(); round++) {
            for (NodeInfo n : lookup.nextToAsk()) {
                asked.add(n);
                lookup.onAnswer(n.id(), answers.getOrDefault(n.id(), List.of()));
            }
        }
        assertThat(lookup.isDone()).isTrue();
        return asked;
    }

    /**
     * Thirteen honest seeds far out; the closest of them is a Sybil whose coalition answers with
     * its 8 members closest to the target (2^-8 to 2^-7 away); the farthest seed knows the 8 honest
     * nodes closest to the target (within 2^-12), which know each other.
     */
    private List<NodeInfo> poisonedNeighbourhood(List<NodeInfo> honestClosest) {
        List<NodeInfo> seeds = many(13, 1);
        NodeInfo sybil = at(2);
        List<NodeInfo> clique = many(K, 7);
        answers.put(sybil.id(), clique);
        clique.forEach(s -> answers.put(s.id(), clique));
        NodeInfo farthest = at(0);
        answers.put(farthest.id(), honestClosest);
        honestClosest.forEach(h -> answers.put(h.id(), honestClosest));
        seeds.add(sybil);
        seeds.add(farthest);
        return seeds;
    }

    @Test
    void withoutTheCheckASybilCliqueEndsTheLookupBeforeTheHonestCandidatesAreAsked() {
        List<NodeInfo> honestClosest = many(K, 12);
        Lookup lookup = lookup(OFF, poisonedNeighbourhood(honestClosest));

        run(lookup);

        assertThat(lookup.closestAnswered(K)).doesNotContainAnyElementsOf(honestClosest);
    }

    @Test
    void aSparseResultIsNotTheEndTheHonestCandidatesItPushedOutAreAskedAndWin() {
        List<NodeInfo> honestClosest = many(K, 12);
        Lookup lookup = lookup(ON, poisonedNeighbourhood(honestClosest));

        run(lookup);

        assertThat(lookup.closestAnswered(K)).containsExactlyInAnyOrderElementsOf(honestClosest);
    }

    @Test
    void whileTheResultIsSparseTheKClosestAnsweredAreNotTakenForTheLiveClosest() {
        List<NodeInfo> clique = many(K, 7);
        Lookup lookup = lookup(ON, clique);
        lookup.nextToAsk().forEach(n -> lookup.onAnswer(n.id(), List.of()));
        lookup.nextToAsk().forEach(n -> lookup.onAnswer(n.id(), List.of()));

        assertThat(lookup.answeredCount()).isEqualTo(K);
        assertThat(lookup.liveClosestAnswered()).isFalse();
        assertThat(lookup.isDone()).as("nobody left to ask").isTrue();
    }

    @Test
    void aDenseResultEndsTheLookupAsWithoutTheCheck() {
        List<NodeInfo> seeds = many(6, 1);
        List<NodeInfo> close = many(20, 13);
        answers.put(seeds.get(0).id(), close.subList(0, 10));
        answers.put(seeds.get(1).id(), close.subList(10, 20));

        List<NodeInfo> withCheck = run(lookup(ON, seeds));
        List<NodeInfo> without = run(lookup(OFF, seeds));

        assertThat(withCheck).containsExactlyElementsOf(without);
    }

    @Test
    void aFalseAlarmCostsAtMostTwiceTheCapacityInRequests() {
        List<NodeInfo> seeds = many(60, 2);

        List<NodeInfo> without = run(lookup(OFF, seeds));
        List<NodeInfo> withCheck = run(lookup(ON, seeds));

        assertThat(without).hasSize(K);
        assertThat(withCheck).hasSizeGreaterThan(K).hasSizeLessThanOrEqualTo(K + 2 * ON.capacity());
    }

    @Test
    void withoutAnEstimateOfItsOwnNeighbourhoodTheLookupRunsAsWithoutTheCheck() {
        List<NodeInfo> seeds = many(60, 2);
        Lookup unknown = new Lookup(target, ON, seeds, id -> PeerStatus.UNSUSPECTED, n -> true, id -> true, 0);

        assertThat(run(unknown)).hasSize(K);
    }

    @Test
    void spreadIsTheXorDistanceAsAFractionOfTheIdSpace() {
        assertThat(Spread.between(target, target)).isZero();
        assertThat(Spread.between(target, at(0).id())).isBetween(0.5, 1.0);
        assertThat(Spread.between(target, at(100).id())).isBetween(Math.scalb(1.0, -101), Math.scalb(1.0, -100));
        InfoHash other = InfoHash.random(random);
        assertThat(Spread.between(target, other)).isEqualTo(Spread.between(other, target));
    }
}
