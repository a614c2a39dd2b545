package io.rdht.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.lookup.DisjointLookup;
import io.rdht.core.lookup.Lookup;
import io.rdht.core.lookup.LookupSettings;
import io.rdht.core.routing.AddressFamily;
import io.rdht.core.routing.PeerStatus;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A dual-stack node's lookups and routing tables, one per address family. */
class FamilyLookupTest {

    private static final LookupSettings SETTINGS = new LookupSettings(8, 4, 14);
    private final SplittableRandom random = new SplittableRandom(17);
    private final InfoHash target = InfoHash.random(random);

    private NodeInfo v4(InfoHash id, int port) {
        return new NodeInfo(id, new InetSocketAddress("127.0.0.1", port));
    }

    private NodeInfo v6(InfoHash id, int port) {
        return new NodeInfo(id, new InetSocketAddress("::1", port));
    }

    @Test
    void ipv6ContactsNamedInAnIpv4AnswerAreAskedByTheIpv6LookupWhoseTableWasEmpty() {
        NodeInfo seed = v4(InfoHash.random(random), 1);
        FamilyLookup lookup = new FamilyLookup(
                target,
                Map.of(
                        AddressFamily.V4, new Lookup(target, SETTINGS, List.of(seed)),
                        AddressFamily.V6, new Lookup(target, SETTINGS, List.of())));
        assertThat(lookup.nextToAsk()).containsExactly(seed);

        NodeInfo namedV6 = v6(InfoHash.random(random), 2);
        lookup.onAnswer(seed, List.of(namedV6));

        assertThat(lookup.isDone()).as("done while an IPv6 node is left to ask").isFalse();
        assertThat(lookup.nextToAsk()).containsExactly(namedV6);
        lookup.onAnswer(namedV6, List.of());
        assertThat(lookup.isDone()).isTrue();
        assertThat(lookup.answeredCount()).isEqualTo(2);
    }

    @Test
    void nodesNamedAcrossPathsAreDealtOutAmongThemInTurn() {
        DisjointLookup paths =
                new DisjointLookup(target, SETTINGS.withPaths(3), List.of(), id -> PeerStatus.UNSUSPECTED, n -> true);
        FamilyLookup lookup = FamilyLookup.overPaths(target, Map.of(AddressFamily.V4, paths));
        List<NodeInfo> named = IntStream.rangeClosed(1, 6)
                .mapToObj(port -> v4(InfoHash.random(random), port))
                .toList();

        lookup.onNamedAcrossPaths(named);

        assertThat(lookup.nextToAsk()).containsExactlyInAnyOrderElementsOf(named);
        assertThat(named.stream().map(n -> paths.pathOf(n.id()))).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void contactsOfAFamilyTheNodeDoesNotServeAreNeverAsked() {
        NodeInfo seed = v4(InfoHash.random(random), 1);
        FamilyLookup lookup =
                new FamilyLookup(target, Map.of(AddressFamily.V4, new Lookup(target, SETTINGS, List.of(seed))));
        lookup.nextToAsk();
        lookup.onAnswer(seed, List.of(v6(InfoHash.random(random), 2)));
        assertThat(lookup.nextToAsk()).isEmpty();
        assertThat(lookup.isDone()).isTrue();
    }

    @Test
    void aNodeThatAnsweredInBothFamiliesIsOneResultAtItsIpv4Address() {
        InfoHash both = InfoHash.random(random);
        InfoHash onlyV6 = InfoHash.random(random);
        FamilyLookup lookup = new FamilyLookup(
                target,
                Map.of(
                        AddressFamily.V4, new Lookup(target, SETTINGS, List.of(v4(both, 1))),
                        AddressFamily.V6, new Lookup(target, SETTINGS, List.of(v6(both, 1), v6(onlyV6, 2)))));
        for (NodeInfo n : lookup.nextToAsk()) {
            lookup.onAnswer(n, List.of());
        }
        List<NodeInfo> closest = lookup.closestAnswered(8);
        assertThat(closest).containsExactlyInAnyOrder(v4(both, 1), v6(onlyV6, 2));
        assertThat(closest.get(0).id().equals(both)).isEqualTo(target.compareDistance(both, onlyV6) < 0);
    }

    @Test
    void eachFamilysContactsGoToItsOwnTableAndRepliesOfferTheRequestersFamily() {
        InfoHash self = InfoHash.random(random);
        FamilyTables tables = new FamilyTables(
                self,
                EnumSet.allOf(AddressFamily.class),
                EngineSettings.defaults().routing(),
                0);
        InfoHash peer = InfoHash.random(random);
        tables.onRequest(v4(peer, 1), 0);
        tables.onRequest(v6(peer, 1), 0);
        assertThat(tables.size()).isEqualTo(2);
        assertThat(tables.closestFor(AddressFamily.V4, target, 8)).containsExactly(v4(peer, 1));
        assertThat(tables.closestFor(AddressFamily.V6, target, 8)).containsExactly(v6(peer, 1));
        assertThat(tables.reaches(new InetSocketAddress("::1", 9))).isTrue();

        FamilyTables v4Only = new FamilyTables(
                self, EnumSet.of(AddressFamily.V4), EngineSettings.defaults().routing(), 0);
        assertThat(v4Only.onRequest(v6(peer, 1), 0)).isNull();
        assertThat(v4Only.size()).isZero();
        assertThat(v4Only.reaches(new InetSocketAddress("::1", 9))).isFalse();
        assertThat(v4Only.dualStack()).isFalse();
    }
}
