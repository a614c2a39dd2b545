package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import io.rdht.core.storage.StoreOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A caller's put: stores the value here too when this node is among the K closest to the key,
 * and turns the storers' answers into a {@link PutResult} or a typed error.
 *
 * <p>The local copy is stored as early as this node can tell it belongs here: before the lookup
 * ({@link #storeEarly}) when it is among the K closest of the nodes it knows, else once the
 * lookup found it among the K closest that answered. So this node's own listeners (the HTTP
 * gateway's event streams among them) hear of its puts at once, not a lookup later.
 */
final class UserPut implements PutOperation.Outcome, UserOperation {

    private final InfoHash key;
    private final Value value;
    private final EngineParts parts;
    private final NodeInfo self;
    private final RequestHandler.StorageListener onLocalStore;
    private final PutCallback callback;
    private final Consumer<UserOperation> onFinished;
    private boolean storedHere;
    private boolean triedHere;
    private boolean finished;

    UserPut(
            InfoHash key,
            Value value,
            EngineParts parts,
            NodeInfo self,
            RequestHandler.StorageListener onLocalStore,
            PutCallback callback,
            Consumer<UserOperation> onFinished) {
        this.key = key;
        this.value = value;
        this.parts = parts;
        this.self = self;
        this.onLocalStore = onLocalStore;
        this.callback = callback;
        this.onFinished = onFinished;
    }

    /**
     * Before the lookup: stores the value here at once when this node is among the K closest to
     * the key of {@code known}, the nodes its routing table holds. A node that knows nobody waits
     * for the lookup (which then fails: a put with no storer but this node is no put). Should the
     * lookup find K closer nodes, this copy stays as one more, and the result names this node.
     */
    void storeEarly(List<NodeInfo> known) {
        if (!known.isEmpty() && belongsHere(known)) {
            storeHere();
        }
    }

    @Override
    public List<NodeInfo> chooseTargets(List<NodeInfo> closest) {
        if (finished) {
            return List.of();
        }
        if (closest.isEmpty() || !belongsHere(closest)) {
            return closest;
        }
        if (!triedHere) {
            storeHere();
        }
        int k = parts.settings().lookup().k();
        // the farthest gives way to this node (with both address families, the farthest of either)
        return closest.size() < k ? closest : closest.subList(0, closest.size() - 1);
    }

    /** Whether this node, writable, is among the K closest to the key of {@code nodes} and itself. */
    private boolean belongsHere(List<NodeInfo> nodes) {
        return !parts.settings().readOnly()
                && Maintenance.rankOf(self.id(), key, nodes)
                        < parts.settings().lookup().k();
    }

    private void storeHere() {
        triedHere = true;
        StoreOutcome local =
                parts.storage().store(key, value, self.address(), parts.env().nowMillis());
        storedHere = !(local instanceof StoreOutcome.Refused);
        onLocalStore.onStored(key, local);
    }

    @Override
    public void onDone(List<NodeInfo> storers, List<String> refusals, int answered) {
        if (finished) {
            return;
        }
        List<NodeInfo> all = new ArrayList<>(storers);
        if (storedHere) {
            all.add(self);
        }
        all.sort((a, b) -> key.compareDistance(a.id(), b.id()));
        if (answered == 0) {
            fail(new DhtException.NoReachableNodes(key));
        } else if (all.isEmpty() && !refusals.isEmpty()) {
            fail(new DhtException.Rejected(key, refusals));
        } else if (all.isEmpty()) {
            fail(new DhtException.NoReachableNodes(key));
        } else {
            finished = true;
            onFinished.accept(this);
            callback.onStored(new PutResult(key, value, all));
        }
    }

    @Override
    public void fail(DhtException error) {
        if (finished) {
            return;
        }
        finished = true;
        onFinished.accept(this);
        callback.onError(error);
    }
}
