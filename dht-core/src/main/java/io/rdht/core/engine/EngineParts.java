package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.lookup.DisjointLookup;
import io.rdht.core.lookup.LookupSettings;
import io.rdht.core.routing.AddressFamily;
import io.rdht.core.routing.RoutingTable;
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
        NodeStats stats) {

    /**
     * A lookup of a key (or of an id for a caller) in each address family served, over the
     * {@link LookupSettings#paths} disjoint paths the settings ask for (see {@link #lookupOver}).
     */
    FamilyLookup newLookup(InfoHash target) {
        return lookupOver(target, settings.lookup());
    }

    /**
     * A lookup that only keeps the routing table filled (self-lookup, bucket refresh): over one
     * path whatever the settings, since it stores and reads nothing and one path costs a d-th.
     */
    FamilyLookup newRoutingLookup(InfoHash target) {
        return lookupOver(target, settings.lookup().withPaths(1));
    }

    /**
     * A lookup of {@code target} in each address family served, each seeded with the closest
     * contacts of its family's routing table (capacity of them per path), or with the peers that
     * failed last when that table is empty; each skips the peers its table knows to have failed, and
     * never asks a node whose id does not fit its address under the
     * {@link io.rdht.core.routing.IdBinding} rule.
     */
    private FamilyLookup lookupOver(InfoHash target, LookupSettings lookup) {
        stats.lookupStarted();
        int seedCount = lookup.capacity() * lookup.paths();
        Map<AddressFamily, DisjointLookup> lookups = new EnumMap<>(AddressFamily.class);
        for (AddressFamily family : routing.families()) {
            RoutingTable table = routing.table(family);
            table.onLookup(target, env.nowMillis());
            List<NodeInfo> seeds = table.closest(target, seedCount);
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
                            settings.routing().idBinding()::admits));
        }
        return FamilyLookup.overPaths(target, lookups);
    }
}
