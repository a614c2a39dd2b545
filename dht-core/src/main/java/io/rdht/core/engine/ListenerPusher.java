package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.Value;
import io.rdht.core.listen.ListenerRegistry;
import io.rdht.core.listen.Registration;
import io.rdht.core.storage.StoreOutcome;
import io.rdht.core.wire.Update;
import java.util.List;

/**
 * The storer's side of listen: pushes each value added, edited or re-published here to every
 * listener of its key, as a request that the RPC layer re-sends until it is acknowledged.
 */
final class ListenerPusher {

    private final EngineParts parts;
    private final ListenerRegistry registry;

    ListenerPusher(EngineParts parts, ListenerRegistry registry) {
        this.parts = parts;
        this.registry = registry;
    }

    /** Tells the key's listeners of a store that changed something they must know. */
    void onStored(InfoHash key, StoreOutcome outcome) {
        Value changed = switch (outcome) {
            case StoreOutcome.Added a -> a.value();
            case StoreOutcome.Updated u -> u.current();
            case StoreOutcome.Refreshed r -> r.extended() ? r.value() : null;
            case StoreOutcome.Refused r -> null;
        };
        if (changed == null) {
            return;
        }
        for (Registration r : registry.listeners(key, parts.env().nowMillis())) {
            parts.stats().pushSent();
            parts.rpc().send(r.listener(), new Update(key, r.listenId(), List.of(changed)), RpcCallback.IGNORE);
        }
    }
}
