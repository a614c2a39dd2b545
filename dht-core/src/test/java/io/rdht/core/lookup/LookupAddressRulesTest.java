package io.rdht.core.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.IdBinding;
import io.rdht.core.routing.PeerStatus;
import io.rdht.core.routing.PrefixDiversity;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LookupAddressRulesTest {

    private static final LookupSettings SPREAD = new LookupSettings(8, 4, 14);
    private static final LookupSettings UNSPREAD = SPREAD.withDiversity(PrefixDiversity.off());

    private final SplittableRandom random = new SplittableRandom(11);
    private final InfoHash target = InfoHash.random(random);

    /** Ten nodes of one public /24 with ids next to the target. */
    private List<NodeInfo> crowdNextToTarget() {
        List<NodeInfo> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(new NodeInfo(
                    target.randomWithPrefix(40, random), new InetSocketAddress("203.0.113." + (i + 1), 4222)));
        }
        return out;
    }

    /** Nodes with random ids, each in a /24 of its own. */
    private List<NodeInfo> honest(int n) {
        List<NodeInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new NodeInfo(InfoHash.random(random), new InetSocketAddress("8.8." + i + ".1", 4222)));
        }
        return out;
    }

    private List<NodeInfo> sorted(List<NodeInfo> nodes) {
        List<NodeInfo> s = new ArrayList<>(nodes);
        s.sort(Comparator.comparing(NodeInfo::id, target::compareDistance));
        return s;
    }

    /** Runs the lookup to its end, every node answering with no contacts; returns the nodes asked. */
    private static List<NodeInfo> runToEnd(Lookup lookup) {
        List<NodeInfo> asked = new ArrayList<>();
        for (int round = 0; round < 100 && !lookup.isDone(); round++) {
            List<NodeInfo> ask = lookup.nextToAsk();
            asked.addAll(ask);
            ask.forEach(n -> lookup.onAnswer(n.id(), List.of()));
        }
        assertThat(lookup.isDone()).as("the lookup ends").isTrue();
        return asked;
    }

    @Test
    void oneBlockHoldsAtMostTwoOfTheKClosestAndTheNextClosestOfOtherBlocksTakeTheRest() {
        List<NodeInfo> crowd = crowdNextToTarget();
        List<NodeInfo> honest = honest(20);
        List<NodeInfo> all = new ArrayList<>(crowd);
        all.addAll(honest);
        Lookup lookup = new Lookup(target, SPREAD, all);
        List<NodeInfo> asked = runToEnd(lookup);
        List<NodeInfo> result = lookup.closestAnswered(8);
        List<NodeInfo> expected = new ArrayList<>(sorted(crowd).subList(0, 2));
        expected.addAll(sorted(honest).subList(0, 6));
        assertThat(result).containsExactlyElementsOf(sorted(expected));
        assertThat(asked).as("the crowd's surplus is not asked").hasSize(8);
    }

    @Test
    void withoutTheRuleTheCrowdTakesTheWholeSet() {
        List<NodeInfo> crowd = crowdNextToTarget();
        List<NodeInfo> all = new ArrayList<>(crowd);
        all.addAll(honest(20));
        Lookup lookup = new Lookup(target, UNSPREAD, all);
        runToEnd(lookup);
        assertThat(lookup.closestAnswered(8))
                .containsExactlyElementsOf(sorted(crowd).subList(0, 8));
    }

    @Test
    void anHonestNetworkAsksExactlyWhatItAskedWithoutTheRule() {
        List<NodeInfo> seeds = honest(30);
        Lookup spread = new Lookup(target, SPREAD, seeds);
        Lookup unspread = new Lookup(target, UNSPREAD, seeds);
        assertThat(runToEnd(spread)).containsExactlyElementsOf(runToEnd(unspread));
        assertThat(spread.closestAnswered(8)).containsExactlyElementsOf(unspread.closestAnswered(8));
    }

    @Test
    void aFailedNodeOfAFullBlockLetsTheNextOfThatBlockIn() {
        List<NodeInfo> crowd = sorted(crowdNextToTarget());
        List<NodeInfo> all = new ArrayList<>(crowd);
        all.addAll(honest(20));
        Lookup lookup = new Lookup(target, SPREAD, all);
        List<NodeInfo> first = lookup.nextToAsk();
        assertThat(first).contains(crowd.get(0), crowd.get(1)).doesNotContain(crowd.get(2));
        lookup.onFailure(crowd.get(0).id());
        List<NodeInfo> next = lookup.nextToAsk();
        assertThat(next).contains(crowd.get(2));
    }

    @Test
    void nodesWhoseIdDoesNotFitTheirAddressAreNeverAskedWhoeverNamesThem() {
        IdBinding rule = new IdBinding(true, false);
        NodeInfo seed = new NodeInfo(
                IdBinding.derive(new InetSocketAddress("8.8.8.8", 1).getAddress(), random),
                new InetSocketAddress("8.8.8.8", 4222));
        Lookup lookup = new Lookup(target, SPREAD, List.of(seed), id -> PeerStatus.UNSUSPECTED, rule::admits);
        assertThat(lookup.nextToAsk()).containsExactly(seed);
        NodeInfo unfit = new NodeInfo(target.randomWithPrefix(60, random), new InetSocketAddress("9.9.9.9", 4222));
        NodeInfo fit = new NodeInfo(
                IdBinding.derive(new InetSocketAddress("7.7.7.7", 1).getAddress(), random),
                new InetSocketAddress("7.7.7.7", 4222));
        lookup.onAnswer(seed.id(), List.of(unfit, fit));
        assertThat(lookup.nextToAsk()).containsExactly(fit);
        assertThat(lookup.refusedCount()).isEqualTo(1);
        lookup.onAnswer(fit.id(), List.of());
        assertThat(lookup.isDone()).isTrue();
        assertThat(lookup.closestAnswered(8)).doesNotContain(unfit);
    }
}
