package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.lookup.Lookup;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A get: the values stored here first, then a lookup of the key that asks the nodes on its way
 * for their values, handing each value on as soon as it arrives and once only (a later edit of
 * the same id, with a higher seq and the same owner, is handed on too). A node that holds more
 * values than fit in one reply is asked again for the rest. Each value passes the {@link
 * ReaderCheck} first: what is expired or badly signed never reaches the caller, nor keeps a
 * genuine value from it.
 */
final class GetOperation implements UserOperation {

    /** How often one node is asked again for the values that did not fit its reply. */
    private static final int MAX_PAGES_PER_NODE = 16;

    private final InfoHash key;
    private final Rpc rpc;
    private final ReaderCheck check;
    private final GetCallback sink;
    private final Consumer<UserOperation> onFinished;
    private final Map<Long, Value> handedOn = new HashMap<>();
    private LookupRun run;
    private int pagesInFlight;
    private boolean lookupDone;
    private boolean finished;

    GetOperation(InfoHash key, Rpc rpc, ReaderCheck check, GetCallback sink, Consumer<UserOperation> onFinished) {
        this.key = key;
        this.rpc = rpc;
        this.check = check;
        this.sink = sink;
        this.onFinished = onFinished;
    }

    /** Hands on the local values, then starts the lookup from {@code lookup}'s seeds. */
    void start(List<Value> local, Lookup lookup) {
        local.forEach(this::offer);
        run = new LookupRun(lookup, rpc, () -> new GetValues(key, List.of()), this::onReply, () -> {
            lookupDone = true;
            maybeFinish();
        });
        run.start();
    }

    /** Stops handing on values; the lookup's last requests are left to end unheard. */
    void cancel() {
        if (!finished) {
            finished = true;
            onFinished.accept(this);
        }
    }

    @Override
    public void fail(DhtException error) {
        if (!finished) {
            finished = true;
            onFinished.accept(this);
            sink.onError(error);
        }
    }

    private void onReply(NodeInfo from, Reply reply) {
        if (reply instanceof ValuesFound found) {
            found.values().forEach(this::offer);
            if (found.more()) {
                askForMore(from, found.token(), 1);
            }
        }
    }

    /** Asks {@code node} for the values it left out, with the token it gave, which lifts the reply bound. */
    private void askForMore(NodeInfo node, Token token, int page) {
        if (page > MAX_PAGES_PER_NODE) {
            return;
        }
        pagesInFlight++;
        rpc.send(node, new GetValues(key, token, knownIds()), new RpcCallback() {
            @Override
            public void onReply(NodeInfo from, Reply reply) {
                pagesInFlight--;
                if (reply instanceof ValuesFound found) {
                    found.values().forEach(GetOperation.this::offer);
                    if (found.more() && !found.values().isEmpty()) {
                        askForMore(node, found.token(), page + 1);
                    }
                }
                maybeFinish();
            }

            @Override
            public void onTimeout() {
                pagesInFlight--;
                maybeFinish();
            }
        });
    }

    private List<Long> knownIds() {
        List<Long> ids = new ArrayList<>(handedOn.keySet());
        return ids.size() > WireLimits.MAX_IDS
                ? ids.subList(0, WireLimits.MAX_IDS) : ids;
    }

    private void offer(Value received) {
        if (finished) {
            return;
        }
        Value previous = handedOn.get(received.id());
        if (previous != null && !received.isEditOf(previous)) {
            return;
        }
        // Checked before it counts as seen, so that a forged copy cannot hide the genuine value.
        Optional<Value> checked = check.check(key, received);
        if (checked.isPresent()) {
            handedOn.put(received.id(), received);
            sink.onValue(checked.get());
        }
    }

    private void maybeFinish() {
        if (finished || !lookupDone || pagesInFlight > 0) {
            return;
        }
        if (run.lookup().answeredCount() == 0 && handedOn.isEmpty()) {
            fail(new DhtException.NoReachableNodes(key));
        } else {
            finished = true;
            onFinished.accept(this);
            sink.onComplete();
        }
    }
}
