package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueIdentity;
import io.rdht.core.wire.GetValues;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.ValuesFound;
import io.rdht.crypto.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A get: a lookup of the key that asks the nodes on its way for their values (this node's own
 * first), then hands on the newest valid copy of each value ({@link ValueIdentity}: id and owner),
 * each once, when the lookup and its pages have ended. A node that holds more values than fit in
 * one reply is asked for the next page, from after the last value it sent, until it has sent them
 * all. Each value passes the {@link ReaderCheck} first: what is expired or badly signed never
 * reaches the caller, nor keeps a genuine value from it.
 *
 * <p>Implementation note: values are held until every answer is in rather than handed on as each
 * reply arrives (as OpenDHT's get does), so that the copies of all storers are compared first: a
 * storer that serves an older seq (stale, or replaying a captured copy) can never make the get
 * show the old version, before the newest or at all, if any storer that answered holds the newest.
 * The price is latency: values come when the lookup and its pages end, not with the first reply
 * (on a LAN, milliseconds). Who wants each change as it happens uses {@code listen}.
 *
 * <p>Threat-model note: copies are kept per identity, so another owner's value under a victim's
 * id is handed on as another value, beside the victim's, whichever storer answers first.
 */
final class GetOperation implements UserOperation {

    /**
     * How many pages one node is asked for. A storer holds at most its values-per-key limit (1,024
     * by default), at most {@link io.rdht.core.wire.WireLimits#MAX_VALUES} to a page; the bound
     * only stops a hostile storer that answers "more" forever.
     */
    static final int MAX_PAGES_PER_NODE = 64;

    private final InfoHash key;
    private final Rpc rpc;
    private final ReaderCheck check;
    private final GetCallback sink;
    private final Consumer<UserOperation> onFinished;
    private final Map<ValueIdentity, Newest> newest = new TreeMap<>();
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

    /** Takes the local values, then starts the lookup from {@code lookup}'s seeds. */
    void start(List<Value> local, FamilyLookup lookup) {
        local.forEach(this::offer);
        run = new LookupRun(lookup, rpc, node -> rpc.firstPage(key, node), this::onReply, this::onLookupDone);
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
            askForNextPage(from, found, null, 1);
        }
    }

    private void onLookupDone() {
        lookupDone = true;
        maybeFinish();
    }

    /**
     * Asks {@code node} for the values after the last of {@code previous} (after {@code position},
     * where the previous page asked from, when it held none: a reply to a request without a token
     * is cut to the amplification bound and may carry no value), with the token it handed out,
     * which lifts that bound.
     */
    private void askForNextPage(NodeInfo node, ValuesFound previous, ValueIdentity position, int page) {
        if (!previous.more() || page > MAX_PAGES_PER_NODE || finished) {
            return;
        }
        ValueIdentity after = previous.values().isEmpty() ? position : previous.last();
        pagesInFlight++;
        rpc.send(node, new GetValues(key, previous.token(), after), new RpcCallback() {
            @Override
            public void onReply(NodeInfo from, Reply reply) {
                pagesInFlight--;
                if (reply instanceof ValuesFound found) {
                    found.values().forEach(GetOperation.this::offer);
                    askForNextPage(node, found, after, page + 1);
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

    private void offer(Value received) {
        if (finished) {
            return;
        }
        Optional<ValueIdentity> identity = identityOf(received);
        Newest known = identity.map(newest::get).orElse(null);
        if (known != null && received.seq() <= known.received.seq()) {
            return;
        }
        // Checked before it counts, so that a forged copy with a high seq cannot hide the genuine value.
        Optional<Value> checked = check.check(key, received);
        if (checked.isEmpty() || identity.isEmpty()) {
            return;
        }
        newest.put(identity.get(), new Newest(received, checked.get()));
    }

    /** The value's identity; empty for an owner key of the wrong length, which the check drops. */
    private static Optional<ValueIdentity> identityOf(Value v) {
        byte[] owner = v.owner();
        return owner != null && owner.length != PublicKey.LENGTH ? Optional.empty() : Optional.of(v.identity());
    }

    private void maybeFinish() {
        if (finished || !lookupDone || pagesInFlight > 0) {
            return;
        }
        if (run.lookup().answeredCount() == 0 && newest.isEmpty()) {
            fail(new DhtException.NoReachableNodes(key));
        } else {
            for (Newest n : List.copyOf(newest.values())) {
                sink.onValue(n.shown);
                if (finished) {
                    return;
                }
            }
            finished = true;
            onFinished.accept(this);
            sink.onComplete();
        }
    }

    /** The newest valid copy of one value: as it travelled, and as the caller sees it. */
    private record Newest(Value received, Value shown) {}
}
