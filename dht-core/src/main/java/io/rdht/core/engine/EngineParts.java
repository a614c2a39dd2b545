package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.lookup.DisjointLookup;
import io.rdht.core.lookup.LookupSettings;
import io.rdht.core.lookup.Spread;
import io.rdht.core.routing.AddressFamily;
import io.rdht.core.routing.RoutingTable;
import io.rdht.core.routing.SpreadSamples;
import io.rdht.core.storage.Storage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The parts of one node's engine that its operations and upkeep share; all owned by the node thread. */
record EngineParts(
        EngineSettings settings,
        EngineEnvironment env,
        InfoHash self,
        FamilyTables routing,
        Storage storage,
        Rpc rpc,
        NodeStats stats,
        RecentSearches searches) {

    /**
     * Disjoint paths of the lookup that checks the own neighbourhood: where Sybils answered the
     * join, a path that starts from the table's contacts near the own id stays theirs, while the
     * paths that start from the densest result reach the honest neighbours.
     */
    static final int NEIGHBOURHOOD_CHECK_PATHS = 3;

    /** The parts, with no key looked up yet. */
    EngineParts(
            EngineSettings settings,
            EngineEnvironment env,
            InfoHash self,
            FamilyTables routing,
            Storage storage,
            Rpc rpc,
            NodeStats stats) {
        this(settings, env, self, routing, storage, rpc, stats, new RecentSearches());
    }

    /**
     * A lookup of a key (or of an id for a caller) in each address family served, over the
     * {@link LookupSettings#paths} disjoint paths the settings ask for (see {@link #lookupOver});
     * when it ends, its K closest nodes that answered are kept in {@link #searches} for puts.
     */
    FamilyLookup newLookup(InfoHash target) {
        FamilyLookup lookup = lookupOver(target, settings.lookup());
        lookup.whenFinished(() -> searches.remember(
                target, lookup.closestAnswered(settings.lookup().k()), env.nowMillis()));
        return lookup;
    }

    /**
     * A lookup that only keeps the routing table filled (self-lookup, bucket refresh): over one
     * path whatever the settings, since it stores and reads nothing and one path costs a d-th.
     */
    FamilyLookup newRoutingLookup(InfoHash target) {
        return lookupOver(target, settings.lookup().withPaths(1));
    }

    /**
     * A routing lookup, as {@link #newRoutingLookup}, that starts from {@code ground} instead of the
     * routing table, in each family of which {@code ground} holds nodes: a join's far lookups start
     * from its bootstrap nodes' answer, since Sybils that answered its first self-lookup hold the
     * table by then and would name only each other around any target.
     */
    FamilyLookup newRoutingLookupFrom(InfoHash target, List<NodeInfo> ground) {
        return lookupOver(target, settings.lookup().withPaths(1), ground);
    }

    /**
     * A lookup of the own id that checks the neighbourhood the join found: over
     * {@link #NEIGHBOURHOOD_CHECK_PATHS} disjoint paths, from the table's closest contacts and from
     * the nodes of the densest of the last lookups' results ({@link SpreadSamples#densest}), dealt
     * out among the paths. When Sybils answered the join's first self-lookup, the table's contacts
     * near the own id are theirs and name only each other; the densest result is ground they did
     * not choose, so its nodes lead the paths to the honest neighbours, past the Sybils' sparse
     * clique (the spread check).
     */
    FamilyLookup newNeighbourhoodCheck() {
        FamilyLookup lookup = lookupOver(self, settings.lookup().withPaths(NEIGHBOURHOOD_CHECK_PATHS));
        for (AddressFamily family : routing.families()) {
            lookup.onNamedAcrossPaths(routing.table(family).lookupSpreads().densest());
        }
        return lookup;
    }

    /**
     * A lookup of {@code target} in each address family served, each seeded with the closest
     * contacts of its family's routing table (capacity of them per path), or with the peers that
     * failed last when that table is empty; each skips the peers its table knows to have failed, and
     * never asks a node whose id does not fit its address under the
     * {@link io.rdht.core.routing.IdBinding} rule; each judges a sparse result against the spread
     * of this node's own K closest contacts ({@link LookupSettings#spreadLimit}).
     */
    private FamilyLookup lookupOver(InfoHash target, LookupSettings lookup) {
        return lookupOver(target, lookup, List.of());
    }

    /** {@link #lookupOver(InfoHash, LookupSettings)} from {@code ground}'s nodes of a family where there are some. */
    private FamilyLookup lookupOver(InfoHash target, LookupSettings lookup, List<NodeInfo> ground) {
        stats.lookupStarted();
        int seedCount = lookup.capacity() * lookup.paths();
        Map<AddressFamily, DisjointLookup> lookups = new EnumMap<>(AddressFamily.class);
        for (AddressFamily family : routing.families()) {
            RoutingTable table = routing.table(family);
            table.onLookup(target, env.nowMillis());
            List<NodeInfo> seeds = ground.stream()
                    .filter(n -> AddressFamily.of(n.address()) == family)
                    .toList();
            if (seeds.isEmpty()) {
                seeds = table.closest(target, seedCount);
            }
            if (seeds.isEmpty()) {
                seeds = table.lastResort(target, seedCount);
            }
            lookups.put(
                    family,
                    new DisjointLookup(
                            target,
                            lookup,
                            seeds,
                            id -> table.statusOf(id, env.nowMillis()),
                            settings.routing().idBinding()::admits,
                            ownSpread(table, lookup.k())));
        }
        FamilyLookup result = FamilyLookup.overPaths(target, lookups);
        if (lookup.spreadLimit() > 0) {
            result.whenFinished(() -> lookups.forEach((family, l) -> {
                List<NodeInfo> found = l.closestAnswered(lookup.k());
                if (found.size() == lookup.k()) {
                    routing.table(family)
                            .lookupSpreads()
                            .add(
                                    Spread.between(
                                            target, found.get(lookup.k() - 1).id()),
                                    found);
                }
            }));
        }
        return result;
    }

    /**
     * How thinly K nodes lie in the network, seen from here (a fraction of the id space): the
     * least of the distance of this node's K-th closest contact from it, 2^-(i+1) when bucket i
     * is full (the network is at least that dense) and the least of the spreads of the last
     * lookups' results ({@link io.rdht.core.routing.SpreadSamples}), each where known, since
     * Sybils that answered the self-lookup leave a node knowing too few neighbours; 0, unknown,
     * when none is.
     */
    private double ownSpread(RoutingTable table, int k) {
        double spread = Double.POSITIVE_INFINITY;
        List<NodeInfo> neighbours = table.closest(self, k);
        if (neighbours.size() == k) {
            spread = Spread.between(self, neighbours.get(k - 1).id());
        }
        int full = table.deepestFullBucket();
        if (full >= 0) {
            spread = Math.min(spread, Math.scalb(1.0, -(full + 1)));
        }
        double learned = table.lookupSpreads().least();
        if (learned > 0) {
            spread = Math.min(spread, learned);
        }
        return Double.isInfinite(spread) ? 0 : spread;
    }
}
