package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.InfoHash;
import io.rdht.core.ListenView;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.ValueEvent;
import io.rdht.core.ValueIdentity;
import io.rdht.core.listen.ListenState;
import io.rdht.core.wire.CancelListen;
import io.rdht.core.wire.FindNode;
import io.rdht.core.wire.Listen;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Token;
import io.rdht.core.wire.ValueVersion;
import io.rdht.core.wire.ValuesFound;
import io.rdht.core.wire.WireLimits;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One network listen on one key, shared by every subscriber of this node to that key.
 *
 * <p>It starts with a get-lookup of the key (the values already stored come first), then
 * registers with the {@link ListenSettings#storers} closest nodes that answered, which push each
 * change: one of them at once, the others {@link ListenSettings#backupPushDelayMillis} later (the
 * one is picked by the listen id, so that the listeners of a key spread their first pushes over
 * its storers). Every refresh period it looks the key up again and registers anew: that
 * refreshes the listens, moves them to closer nodes that joined or away from storers that died,
 * and reconciles, since each storer answers a listen with what the listener lacks. A lost push
 * therefore delays an event by at most one refresh period and never loses it.
 *
 * <p>When the storers stay silent for a while, a refresh is a check ({@link SilentKeyWidening}):
 * its lookup asks for values, and what the nodes on the way hold that the storers still do not
 * hand on is delivered, and its holders become extra storers.
 */
final class KeyListen {

    private final InfoHash key;
    private final long listenId;
    private final EngineParts parts;
    private final NodeStats stats;
    private final ReaderCheck readerCheck;
    private final ListenState state = new ListenState();
    private final List<ListenCallback> subscribers = new ArrayList<>();
    private final Map<InetSocketAddress, NodeInfo> storers = new HashMap<>();
    /** Storers beyond the closest ones, added by silent-key checks; also in {@link #storers}. */
    private final Map<InetSocketAddress, NodeInfo> extras = new LinkedHashMap<>();

    private final Repeating refresh;
    private EngineEnvironment.Timer expiryTimer;
    private long expiryAtMillis = Long.MAX_VALUE;
    private boolean closed;
    /** Whether a storer handed on anything new (by push or reconciliation) since the last refresh. */
    private boolean news;
    /** Refreshes in a row without news from the storers. */
    private int silentRefreshes;

    KeyListen(InfoHash key, long listenId, EngineParts parts, ReaderCheck readerCheck) {
        this.key = key;
        this.listenId = listenId;
        this.parts = parts;
        this.stats = parts.stats();
        this.readerCheck = readerCheck;
        this.refresh = new Repeating(parts.env(), parts.settings().listen().refreshMillis(), this::refresh);
    }

    /** Hands on the values stored here, then looks the key up and registers with its closest nodes. */
    void start(List<Value> local) {
        local.forEach(this::offer);
        lookUpValues((from, values) -> values.forEach(this::offer), null);
        refresh.start();
    }

    /** Adds a subscriber; it first receives every value held, as {@link ValueEvent.Added}. */
    void subscribe(ListenCallback subscriber) {
        for (Value v : state.current()) {
            subscriber.onEvent(new ValueEvent.Added(v));
        }
        subscribers.add(subscriber);
    }

    /** Removes a subscriber; returns true when none is left. */
    boolean unsubscribe(ListenCallback subscriber) {
        subscribers.remove(subscriber);
        return subscribers.isEmpty();
    }

    /** A storer's push: accepted only from a storer this listen registered with. */
    boolean onUpdate(InetSocketAddress from, List<Value> values) {
        if (closed || !storers.containsKey(from)) {
            return false;
        }
        offerFromStorer(values);
        return true;
    }

    /** A value stored on this node itself under the key. */
    void onLocalStore(Value value) {
        offer(value);
    }

    /** Cancels the remote listens (a message each, not only a timeout) and stops. */
    void cancel() {
        closed = true;
        refresh.cancel();
        if (expiryTimer != null) {
            expiryTimer.cancel();
        }
        for (NodeInfo storer : storers.values()) {
            parts.rpc().send(storer, new CancelListen(key, listenId), RpcCallback.IGNORE);
        }
        storers.clear();
        extras.clear();
    }

    /** Ends every subscription with {@code error}. */
    void fail(DhtException error) {
        List<ListenCallback> all = List.copyOf(subscribers);
        subscribers.clear();
        cancel();
        all.forEach(s -> s.onError(error));
    }

    /** The listen's id, as storers know it. */
    long listenId() {
        return listenId;
    }

    /** For display: key, storers registered with, values held, subscribers. */
    ListenView view() {
        return new ListenView(key, List.copyOf(storers.values()), state.size(), subscribers.size());
    }

    private void refresh() {
        SilentKeyWidening widening = parts.settings().listen().widening();
        silentRefreshes = news ? 0 : silentRefreshes + 1;
        news = false;
        if (widening.enabled() && silentRefreshes >= widening.silentRefreshes()) {
            silentRefreshes = 0;
            check();
            return;
        }
        LookupRun[] run = new LookupRun[1];
        run[0] = new LookupRun(
                parts.newLookup(key),
                parts.rpc(),
                node -> new FindNode(key),
                (n, r) -> {},
                () -> register(run[0], null));
        run[0].start();
    }

    /** A refresh whose lookup asks every node on the way for its values: a silent-key check. */
    private void check() {
        stats.silentKeyCheck();
        SilentKeyCheck check = new SilentKeyCheck();
        lookUpValues(check::onFound, check);
    }

    /**
     * A get-lookup of the key: each node's first page of values goes to {@code onValues}; then the
     * listen registers with the closest nodes (concluding {@code check}, if any).
     */
    private void lookUpValues(BiConsumer<NodeInfo, List<Value>> onValues, SilentKeyCheck check) {
        LookupRun[] run = new LookupRun[1];
        run[0] = new LookupRun(
                parts.newLookup(key),
                parts.rpc(),
                node -> parts.rpc().firstPage(key, node),
                (from, reply) -> {
                    if (reply instanceof ValuesFound found) {
                        onValues.accept(from, found.values());
                    }
                },
                () -> register(run[0], check));
        run[0].start();
    }

    /**
     * Registers with the closest nodes of a finished lookup and the extra storers, and cancels the
     * listens on the others; with a {@code check}, concludes it once every storer reconciled.
     */
    private void register(LookupRun run, SilentKeyCheck check) {
        if (closed) {
            return;
        }
        List<NodeInfo> targets =
                run.lookup().closestAnswered(parts.settings().listen().storers());
        Set<InetSocketAddress> wanted = new HashSet<>();
        targets.forEach(t -> {
            wanted.add(t.address());
            extras.remove(t.address());
        });
        wanted.addAll(extras.keySet());
        for (NodeInfo old : List.copyOf(storers.values())) {
            if (!wanted.contains(old.address())) {
                storers.remove(old.address());
                parts.rpc().send(old, new CancelListen(key, listenId), RpcCallback.IGNORE);
            }
        }
        long backupDelay = parts.settings().listen().backupPushDelayMillis();
        int first = targets.isEmpty() ? 0 : Math.floorMod(listenId, targets.size());
        for (int i = 0; i < targets.size(); i++) {
            listenAt(
                    targets.get(i),
                    parts.rpc()::tokenFrom,
                    null,
                    1,
                    i == first ? 0 : backupDelay,
                    reconciliation(check));
        }
        for (NodeInfo extra : extras.values()) {
            listenAt(extra, parts.rpc()::tokenFrom, null, 1, backupDelay, reconciliation(check));
        }
        if (check != null && check.registered()) {
            conclude(check);
        }
    }

    private Runnable reconciliation(SilentKeyCheck check) {
        if (check == null) {
            return () -> {};
        }
        check.reconciling();
        return () -> {
            if (check.reconciled()) {
                conclude(check);
            }
        };
    }

    /**
     * The storers reconciled after a check: what the check found that the listen still lacks is
     * delivered, and the nodes that held it become extra storers, within the bound.
     */
    private void conclude(SilentKeyCheck check) {
        if (closed) {
            return;
        }
        Set<NodeInfo> holders = check.deliverUndelivered(v -> {
            boolean delivered = offer(v);
            if (delivered) {
                stats.silentKeyValue();
            }
            return delivered;
        });
        int max = parts.settings().listen().widening().maxExtraStorers();
        for (NodeInfo holder : holders) {
            if (extras.size() >= max) {
                break;
            }
            if (!storers.containsKey(holder.address())) {
                extras.put(holder.address(), holder);
                stats.silentKeyWidened();
                listenAt(
                        holder,
                        parts.rpc()::tokenFrom,
                        null,
                        1,
                        parts.settings().listen().backupPushDelayMillis(),
                        () -> {});
            }
        }
    }

    /** The versions held, for a storer to reconcile against, as many as a message may list. */
    private List<ValueVersion> versionsHeld() {
        List<ValueVersion> out = new ArrayList<>();
        for (Value v : state.received(WireLimits.MAX_IDS)) {
            out.add(new ValueVersion(v.identity(), v.seq(), v.created().toEpochMilli()));
        }
        return out;
    }

    /**
     * Registers (or refreshes) the listen at {@code storer} and takes the values it sends from after
     * {@code after}; a reply that did not hold them all is followed by the next page, at most
     * {@link GetOperation#MAX_PAGES_PER_NODE}; the storer holds each change {@code pushDelayMillis}
     * before it pushes it. {@code done} runs once, when the storer sent its last page, refused or
     * did not answer.
     */
    private void listenAt(
            NodeInfo storer,
            Function<NodeInfo, Token> tokens,
            ValueIdentity after,
            int page,
            long pushDelayMillis,
            Runnable done) {
        Token token = tokens.apply(storer);
        if (token.equals(Token.NONE)) {
            done.run();
            return;
        }
        storers.put(storer.address(), storer);
        Listen listen = new Listen(key, token, listenId, versionsHeld(), after, pushDelayMillis);
        parts.rpc().send(storer, listen, new RpcCallback() {
            @Override
            public void onReply(NodeInfo from, Reply reply) {
                if (closed) {
                    return;
                }
                if (reply instanceof ValuesFound found) {
                    offerFromStorer(found.values());
                    ValueIdentity last = found.last();
                    if (found.more() && last != null && page < GetOperation.MAX_PAGES_PER_NODE) {
                        listenAt(from, n -> found.token(), last, page + 1, pushDelayMillis, done);
                        return;
                    }
                } else {
                    stats.listenRefusedByStorer();
                    forget(from.address());
                }
                done.run();
            }

            @Override
            public void onTimeout() {
                // no answer is no refusal: the storer may hold the listen all the same (its reply
                // lost or late on a busy host), so its pushes stay welcome until the next refresh,
                // which drops it if its lookup finds it gone; an extra storer is not asked again
                extras.remove(storer.address());
                done.run();
            }
        });
    }

    private void forget(InetSocketAddress storer) {
        storers.remove(storer);
        extras.remove(storer);
    }

    /** Values a storer handed on, by push or reconciliation: anything new means the key is not silent. */
    private void offerFromStorer(List<Value> values) {
        for (Value v : values) {
            if (offer(v)) {
                news = true;
            }
        }
    }

    /**
     * Checks a value as every reader does (signature, expiry, decryption) and hands it on once;
     * true when it made an event (new to this listen, or an edit). A copy of the version held
     * (the same push from another storer) is dropped first, unchecked: its signature was verified
     * when the first copy came, and it could change nothing.
     */
    private boolean offer(Value received) {
        if (closed) {
            return false;
        }
        if (state.holdsCopyOf(received)) {
            stats.pushCopySkipped();
            return false;
        }
        Optional<ValueEvent> event = readerCheck
                .check(key, received)
                .flatMap(shown -> state.offer(received, shown, parts.env().nowMillis()));
        event.ifPresent(this::deliver);
        scheduleExpiry();
        return event.isPresent();
    }

    private void deliver(ValueEvent event) {
        for (ListenCallback s : List.copyOf(subscribers)) {
            s.onEvent(event);
        }
    }

    private void scheduleExpiry() {
        OptionalLong next = state.nextExpiry();
        if (next.isEmpty() || next.getAsLong() >= expiryAtMillis) {
            return;
        }
        if (expiryTimer != null) {
            expiryTimer.cancel();
        }
        expiryAtMillis = next.getAsLong();
        expiryTimer = parts.env()
                .schedule(Math.max(0, expiryAtMillis - parts.env().nowMillis()), () -> {
                    expiryTimer = null;
                    expiryAtMillis = Long.MAX_VALUE;
                    state.expire(parts.env().nowMillis()).forEach(this::deliver);
                    scheduleExpiry();
                });
    }
}
