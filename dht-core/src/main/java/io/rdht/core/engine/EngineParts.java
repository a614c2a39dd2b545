package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.lookup.Lookup;
import io.rdht.core.routing.RoutingTable;
import io.rdht.core.storage.Storage;

/** The parts of one node's engine that its operations and upkeep share; all owned by the node thread. */
record EngineParts(EngineSettings settings, EngineEnvironment env, InfoHash self, RoutingTable routing,
                   Storage storage, Rpc rpc, NodeStats stats) {

    /** A lookup of {@code target}, seeded with the closest contacts of the routing table. */
    Lookup newLookup(InfoHash target) {
        stats.lookupStarted();
        routing.onLookup(target, env.nowMillis());
        return new Lookup(target, settings.lookup(), routing.closest(target, settings.lookup().capacity()));
    }
}
