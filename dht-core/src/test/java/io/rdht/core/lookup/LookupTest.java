package io.rdht.core.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.PeerStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LookupTest {

    private static final LookupSettings SETTINGS = new LookupSettings(8, 4, 14);
    private final SplittableRandom random = new SplittableRandom(7);
    private final InfoHash target = InfoHash.random(random);
    private int port = 1;

    private List<NodeInfo> nodes(int n) {
        List<NodeInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new NodeInfo(InfoHash.random(random), new InetSocketAddress("127.0.0.1", port++)));
        }
        return out;
    }

    private List<NodeInfo> sorted(List<NodeInfo> nodes) {
        List<NodeInfo> s = new ArrayList<>(nodes);
        s.sort(Comparator.comparing(NodeInfo::id, target::compareDistance));
        return s;
    }

    @Test
    void asksAtMostAlphaAtOnceClosestFirst() {
        List<NodeInfo> seeds = nodes(10);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        List<NodeInfo> first = lookup.nextToAsk();
        assertThat(first).containsExactlyElementsOf(sorted(seeds).subList(0, 4));
        assertThat(lookup.nextToAsk()).isEmpty();
        lookup.onAnswer(first.get(0).id(), List.of());
        assertThat(lookup.nextToAsk()).containsExactly(sorted(seeds).get(4));
    }

    @Test
    void lookupStopsWhenKClosestHaveAnswered() {
        List<NodeInfo> seeds = nodes(20);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        List<NodeInfo> asked = new ArrayList<>();
        while (!lookup.isDone()) {
            List<NodeInfo> ask = lookup.nextToAsk();
            asked.addAll(ask);
            ask.forEach(n -> lookup.onAnswer(n.id(), List.of()));
        }
        assertThat(lookup.closestAnswered(8))
                .containsExactlyElementsOf(sorted(seeds).subList(0, 8));
        assertThat(asked).hasSize(8);
    }

    @Test
    void closerNodesNamedInAnswersAreAskedAndEndUpInTheResult() {
        List<NodeInfo> far = nodes(8);
        Lookup lookup = new Lookup(target, SETTINGS, far);
        List<NodeInfo> close = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            close.add(new NodeInfo(target.randomWithPrefix(40, random), new InetSocketAddress("127.0.0.2", i + 1)));
        }
        boolean told = false;
        while (!lookup.isDone()) {
            for (NodeInfo n : lookup.nextToAsk()) {
                lookup.onAnswer(n.id(), told ? List.of() : close);
                told = true;
            }
        }
        assertThat(lookup.closestAnswered(8)).containsExactlyInAnyOrderElementsOf(close);
    }

    @Test
    void hopsCountTheChainOfAnswersThatLedToTheClosestNode() {
        List<NodeInfo> seeds = nodes(1);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        assertThat(lookup.hopsToClosest()).isZero();
        NodeInfo second = new NodeInfo(target.randomWithPrefix(20, random), new InetSocketAddress("127.0.0.2", 1));
        NodeInfo third = new NodeInfo(target.randomWithPrefix(60, random), new InetSocketAddress("127.0.0.2", 2));
        lookup.onAnswer(lookup.nextToAsk().get(0).id(), List.of(second));
        assertThat(lookup.hopsToClosest()).isEqualTo(1);
        lookup.onAnswer(lookup.nextToAsk().get(0).id(), List.of(third));
        assertThat(lookup.hopsToClosest()).isEqualTo(2);
        lookup.onAnswer(lookup.nextToAsk().get(0).id(), List.of(seeds.get(0)));
        assertThat(lookup.hopsToClosest()).isEqualTo(3);
        assertThat(lookup.isDone()).isTrue();
    }

    @Test
    void failedNodesAreSkippedAndTheNextClosestTakeTheirPlace() {
        List<NodeInfo> seeds = nodes(12);
        List<NodeInfo> order = sorted(seeds);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        while (!lookup.isDone()) {
            for (NodeInfo n : lookup.nextToAsk()) {
                if (n.equals(order.get(0)) || n.equals(order.get(3))) {
                    lookup.onFailure(n.id());
                } else {
                    lookup.onAnswer(n.id(), List.of());
                }
            }
        }
        List<NodeInfo> expected = new ArrayList<>(order.subList(0, 10));
        expected.remove(order.get(3));
        expected.remove(order.get(0));
        assertThat(lookup.closestAnswered(8)).containsExactlyElementsOf(expected);
    }

    @Test
    void slowNodeFreesItsSlotButItsLateAnswerStillCounts() {
        List<NodeInfo> seeds = nodes(6);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        List<NodeInfo> first = lookup.nextToAsk();
        lookup.onSlow(first.get(0).id());
        assertThat(lookup.inFlight()).isEqualTo(3);
        assertThat(lookup.nextToAsk()).hasSize(1);
        assertThat(lookup.isDone()).isFalse();
        lookup.onAnswer(first.get(0).id(), List.of());
        assertThat(lookup.closestAnswered(1)).containsExactly(first.get(0));
    }

    @Test
    void slowCandidateHoldsTheLookupOpenWhileFewerThanKAnswered() {
        List<NodeInfo> seeds = nodes(3);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        List<NodeInfo> asked = lookup.nextToAsk();
        lookup.onSlow(asked.get(0).id());
        lookup.onAnswer(asked.get(1).id(), List.of());
        lookup.onAnswer(asked.get(2).id(), List.of());
        assertThat(lookup.isDone()).as("waits for the slow one").isFalse();
        lookup.onAnswer(asked.get(0).id(), List.of());
        assertThat(lookup.isDone()).isTrue();
        assertThat(lookup.answeredCount()).isEqualTo(3);
    }

    @Test
    void lookupWithoutSeedsIsDoneAtOnce() {
        Lookup lookup = new Lookup(target, SETTINGS, List.of());
        assertThat(lookup.isDone()).isTrue();
        assertThat(lookup.nextToAsk()).isEmpty();
    }

    @Test
    void eachNodeIsAskedOnceEvenIfNamedAgain() {
        List<NodeInfo> seeds = nodes(3);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        List<NodeInfo> asked = new ArrayList<>();
        while (!lookup.isDone()) {
            for (NodeInfo n : lookup.nextToAsk()) {
                asked.add(n);
                lookup.onAnswer(n.id(), seeds);
            }
        }
        assertThat(asked).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void asksOnlyAmongTheCapacityClosestStandingCandidates() {
        List<NodeInfo> seeds = nodes(100);
        List<NodeInfo> order = sorted(seeds);
        Lookup lookup = new Lookup(target, new LookupSettings(8, 20, 14), seeds);
        assertThat(lookup.nextToAsk()).containsExactlyElementsOf(order.subList(0, 14));
    }

    @Test
    void slowCandidateAmongTheClosestHoldsTheLookupOpenUntilItsSecondTimeout() {
        List<NodeInfo> seeds = nodes(20);
        List<NodeInfo> order = sorted(seeds);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        for (List<NodeInfo> ask = lookup.nextToAsk(); !ask.isEmpty(); ask = lookup.nextToAsk()) {
            for (NodeInfo n : ask) {
                if (n.equals(order.get(0))) {
                    lookup.onSlow(n.id());
                } else {
                    lookup.onAnswer(n.id(), List.of());
                }
            }
        }
        assertThat(lookup.answeredCount()).isGreaterThanOrEqualTo(8);
        assertThat(lookup.isDone())
                .as("8 others answered, the closest is being asked again")
                .isFalse();
        lookup.onSlow(order.get(0).id());
        assertThat(lookup.isDone())
                .as("after its second timeout it stands aside")
                .isTrue();
    }

    @Test
    void slowCandidateDoesNotHoldTheLookupOpenOnceKOthersAnsweredAndItTimedOutTwice() {
        List<NodeInfo> seeds = nodes(20);
        List<NodeInfo> order = sorted(seeds);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        while (!lookup.isDone()) {
            for (NodeInfo n : lookup.nextToAsk()) {
                if (n.equals(order.get(0))) {
                    lookup.onSlow(n.id());
                    lookup.onSlow(n.id());
                } else {
                    lookup.onAnswer(n.id(), List.of());
                }
            }
        }
        assertThat(lookup.closestAnswered(8)).containsExactlyElementsOf(order.subList(1, 9));
        lookup.onAnswer(order.get(0).id(), List.of());
        assertThat(lookup.closestAnswered(1)).as("its late answer still counts").containsExactly(order.get(0));
    }

    @Test
    void failedCandidatesMakeRoomForFartherOnes() {
        List<NodeInfo> seeds = nodes(30);
        List<NodeInfo> order = sorted(seeds);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        while (!lookup.isDone()) {
            for (NodeInfo n : lookup.nextToAsk()) {
                if (order.indexOf(n) < 14) {
                    lookup.onFailure(n.id());
                } else {
                    lookup.onAnswer(n.id(), List.of());
                }
            }
        }
        assertThat(lookup.closestAnswered(8)).containsExactlyElementsOf(order.subList(14, 22));
    }

    @Test
    void nodesThatFailedRepeatedlyAreNotAskedWhoeverNamesThem() {
        List<NodeInfo> seeds = nodes(2);
        List<NodeInfo> named = nodes(12);
        Set<InfoHash> dead =
                Set.of(named.get(0).id(), named.get(3).id(), named.get(7).id());
        Lookup lookup = new Lookup(
                target, SETTINGS, seeds, id -> dead.contains(id) ? PeerStatus.FAILED : PeerStatus.UNSUSPECTED);
        List<NodeInfo> asked = new ArrayList<>();
        while (!lookup.isDone()) {
            for (NodeInfo n : lookup.nextToAsk()) {
                asked.add(n);
                lookup.onAnswer(n.id(), named);
            }
        }
        assertThat(asked).extracting(NodeInfo::id).doesNotContainAnyElementsOf(dead);
        assertThat(lookup.skippedCount()).isEqualTo(3);
    }

    @Test
    void seedsAreAskedEvenWhenTheyFailedForTheyAreTheLastResort() {
        List<NodeInfo> seeds = nodes(3);
        Lookup lookup = new Lookup(target, SETTINGS, seeds, id -> PeerStatus.FAILED);
        assertThat(lookup.nextToAsk()).hasSize(3);
    }

    @Test
    void aSuspectCandidateStandsAsideAtItsFirstTimeout() {
        List<NodeInfo> seeds = nodes(20);
        List<NodeInfo> order = sorted(seeds);
        InfoHash suspect = order.get(0).id();
        Lookup lookup = new Lookup(
                target, SETTINGS, seeds, id -> id.equals(suspect) ? PeerStatus.SUSPECT : PeerStatus.UNSUSPECTED);
        while (!lookup.isDone()) {
            for (NodeInfo n : lookup.nextToAsk()) {
                if (n.id().equals(suspect)) {
                    lookup.onSlow(n.id());
                } else {
                    lookup.onAnswer(n.id(), List.of());
                }
            }
        }
        assertThat(lookup.closestAnswered(8))
                .as("done without waiting for the suspect's re-send")
                .containsExactlyElementsOf(order.subList(1, 9));
    }

    @Test
    void anUnsuspectedCandidateIsStillWaitedForThroughOneResend() {
        List<NodeInfo> seeds = nodes(20);
        List<NodeInfo> order = sorted(seeds);
        Lookup lookup = new Lookup(target, SETTINGS, seeds, id -> PeerStatus.UNSUSPECTED);
        for (int round = 0; round < 10 && !lookup.isDone(); round++) {
            for (NodeInfo n : lookup.nextToAsk()) {
                if (n.equals(order.get(0))) {
                    lookup.onSlow(n.id());
                } else {
                    lookup.onAnswer(n.id(), List.of());
                }
            }
        }
        assertThat(lookup.isDone()).as("a lost datagram is not a dead node").isFalse();
    }

    @Test
    void closestLiveNodesHaveAnsweredWhileTheLookupStillWaitsForASlowOneAmongThem() {
        List<NodeInfo> seeds = nodes(20);
        List<NodeInfo> order = sorted(seeds);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        for (List<NodeInfo> ask = lookup.nextToAsk(); !ask.isEmpty(); ask = lookup.nextToAsk()) {
            for (NodeInfo n : ask) {
                if (n.equals(order.get(0))) {
                    lookup.onSlow(n.id());
                } else {
                    lookup.onAnswer(n.id(), List.of());
                }
            }
        }
        assertThat(lookup.liveClosestAnswered())
                .as("the 8 closest after the slow one answered")
                .isTrue();
        assertThat(lookup.isDone()).as("its re-send is still waited for").isFalse();
        lookup.onAnswer(order.get(0).id(), List.of());
        assertThat(lookup.isDone()).isTrue();
        assertThat(lookup.closestAnswered(8)).containsExactlyElementsOf(order.subList(0, 8));
    }

    @Test
    void closestLiveNodesHaveNotAnsweredWhileOneAmongThemIsOnItsFirstTry() {
        List<NodeInfo> seeds = nodes(20);
        List<NodeInfo> order = sorted(seeds);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        NodeInfo pending = null;
        for (List<NodeInfo> ask = lookup.nextToAsk(); !ask.isEmpty(); ask = lookup.nextToAsk()) {
            for (NodeInfo n : ask) {
                if (n.equals(order.get(3))) {
                    pending = n;
                } else {
                    lookup.onAnswer(n.id(), List.of());
                }
            }
        }
        assertThat(pending).isNotNull();
        assertThat(lookup.liveClosestAnswered())
                .as("the fourth closest has not answered nor timed out yet")
                .isFalse();
        lookup.onSlow(pending.id());
        assertThat(lookup.liveClosestAnswered())
                .as("once it timed out, the 8 closest others count")
                .isTrue();
    }

    @Test
    void withFewerThanKAnswersTheClosestLiveNodesHaveNotAnsweredHoweverTheOthersFared() {
        List<NodeInfo> seeds = nodes(3);
        Lookup lookup = new Lookup(target, SETTINGS, seeds);
        List<NodeInfo> ask = lookup.nextToAsk();
        lookup.onAnswer(ask.get(0).id(), List.of());
        lookup.onFailure(ask.get(1).id());
        lookup.onSlow(ask.get(2).id());
        assertThat(lookup.liveClosestAnswered())
                .as("a node called slow by a timeout from one round trip may well be alive")
                .isFalse();
        assertThat(lookup.isDone()).isFalse();
        lookup.onAnswer(ask.get(2).id(), List.of());
        assertThat(lookup.isDone()).isTrue();
        assertThat(lookup.liveClosestAnswered()).as("2 answers, not K").isFalse();
    }
}
