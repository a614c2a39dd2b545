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

    @Override
    public List<NodeInfo> chooseTargets(List<NodeInfo> closest) {
        int k = parts.settings().lookup().k();
        if (finished
                || closest.isEmpty()
                || parts.settings().readOnly()
                || Maintenance.rankOf(self.id(), key, closest) >= k) {
            return finished ? List.of() : closest;
        }
        StoreOutcome local =
                parts.storage().store(key, value, self.address(), parts.env().nowMillis());
        storedHere = !(local instanceof StoreOutcome.Refused);
        onLocalStore.onStored(key, local);
        // the farthest gives way to this node (with both address families, the farthest of either)
        return closest.size() < k ? closest : closest.subList(0, closest.size() - 1);
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
