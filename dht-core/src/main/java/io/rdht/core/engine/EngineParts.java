package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.lookup.Lookup;
import io.rdht.core.routing.RoutingTable;
import io.rdht.core.storage.Storage;
import java.util.List;

/** The parts of one node's engine that its operations and upkeep share; all owned by the node thread. */
record EngineParts(EngineSettings settings, EngineEnvironment env, InfoHash self, RoutingTable routing,
                   Storage storage, Rpc rpc, NodeStats stats) {

    /**
     * A lookup of {@code target}, seeded with the closest contacts of the routing table, or with
     * the peers that failed last when the table is empty; it skips the peers the table knows to
     * have failed.
     */
    Lookup newLookup(InfoHash target) {
        stats.lookupStarted();
        routing.onLookup(target, env.nowMillis());
        int capacity = settings.lookup().capacity();
        List<NodeInfo> seeds = routing.closest(target, capacity);
        if (seeds.isEmpty()) {
            seeds = routing.lastResort(target, capacity);
        }
        return new Lookup(target, settings.lookup(), seeds, id -> routing.statusOf(id, env.nowMillis()));
    }
}
