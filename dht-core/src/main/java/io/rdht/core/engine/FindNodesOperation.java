package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.LookupResult;
import io.rdht.core.wire.FindNode;
import java.util.function.Consumer;

/** A lookup of an id for a caller: the K closest nodes that answered, and the hops it took. */
final class FindNodesOperation implements UserOperation {

    private final Consumer<LookupResult> onResult;
    private final Consumer<DhtException> onError;
    private final Consumer<UserOperation> onFinished;
    private boolean finished;

    FindNodesOperation(
            Consumer<LookupResult> onResult, Consumer<DhtException> onError, Consumer<UserOperation> onFinished) {
        this.onResult = onResult;
        this.onError = onError;
        this.onFinished = onFinished;
    }

    /** Runs {@code lookup} with find-node requests; its result holds up to {@code k} nodes. */
    void start(FamilyLookup lookup, Rpc rpc, int k) {
        InfoHash target = lookup.target();
        new LookupRun(lookup, rpc, node -> new FindNode(target), (n, r) -> {}, () -> {
                    if (finish()) {
                        onResult.accept(new LookupResult(
                                target, lookup.closestAnswered(k), lookup.hopsToClosest(), lookup.answeredCount()));
                    }
                })
                .start();
    }

    @Override
    public void fail(DhtException error) {
        if (finish()) {
            onError.accept(error);
        }
    }

    private boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        onFinished.accept(this);
        return true;
    }
}
