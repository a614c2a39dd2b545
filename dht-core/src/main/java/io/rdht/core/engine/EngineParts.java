package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.lookup.Lookup;
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
     * A lookup of {@code target} in each address family served, each seeded with the closest
     * contacts of its family's routing table, or with the peers that failed last when that table
     * is empty; each skips the peers its table knows to have failed, and never asks a node whose
     * id does not fit its address under the {@link io.rdht.core.routing.IdBinding} rule.
     */
    FamilyLookup newLookup(InfoHash target) {
        stats.lookupStarted();
        int capacity = settings.lookup().capacity();
        Map<AddressFamily, Lookup> lookups = new EnumMap<>(AddressFamily.class);
        for (AddressFamily family : routing.families()) {
            RoutingTable table = routing.table(family);
            table.onLookup(target, env.nowMillis());
            List<NodeInfo> seeds = table.closest(target, capacity);
            if (seeds.isEmpty()) {
                seeds = table.lastResort(target, capacity);
            }
            lookups.put(
                    family,
                    new Lookup(
                            target,
                            settings.lookup(),
                            seeds,
                            id -> table.statusOf(id, env.nowMillis()),
                            settings.routing().idBinding()::admits));
        }
        return new FamilyLookup(target, lookups);
    }
}
