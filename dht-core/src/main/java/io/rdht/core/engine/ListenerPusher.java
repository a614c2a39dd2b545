package io.rdht.core.engine;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.Value;
import io.rdht.core.listen.ListenerRegistry;
import io.rdht.core.listen.Registration;
import io.rdht.core.storage.StorageLimits;
import io.rdht.core.storage.StoreOutcome;
import io.rdht.core.wire.Reply;
import io.rdht.core.wire.Update;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storer's side of listen: pushes each value added, edited or re-published here to every
 * listener of its key, in order, so that a listener sees every edit of a value and not only its
 * newest version.
 *
 * <p>Each listen has a queue: one push is in flight at a time, sent persistently (the RPC layer
 * re-sends it for seconds, since no other node can take it); what is stored meanwhile waits and
 * goes in the next push, up to {@link #MAX_VALUES_PER_PUSH} values and about {@link #PUSH_BYTES}
 * bytes. Sending one at a time keeps
 * the edits of a value in order: a re-sent older edit can never arrive after a newer one, which
 * the listener would ignore. A listener that answers none of a push's sends is taken for gone:
 * its queue is dropped (its own refresh reconciles with this storer if it is not).
 *
 * <p>A listener registers with several storers and asks one of them to push at once, the others
 * after a delay ({@link Registration#pushDelayMillis}): a delayed listen's queue waits that long
 * before each push, so its copies, which the listener would drop, leave after the first push has
 * come and carry every change of the delay in one push; should the first storer be gone, the
 * change still comes, that much later.
 *
 * <p>Threat-model note: a listener that never acknowledges must not make a storer hold values
 * without bound: a queue holds at most {@link #MAX_QUEUED} values, and all queues together about
 * {@link #MAX_QUEUED_BYTES} bytes, a value counted in each queue it waits in (past that a queue's oldest value is dropped, or the new one when its
 * queue is empty: the listener's refresh will bring the newest), and a silent listener's queue
 * goes with its last push's timeout. The listens themselves are bounded by the registry's limits.
 */
final class ListenerPusher {

    private static final Logger log = LoggerFactory.getLogger(ListenerPusher.class);

    /** Most values waiting for one listen while a push to it is in flight (a key holds at most 1,024). */
    static final int MAX_QUEUED = 1024;
    /**
     * About the most bytes of values waiting for all listens together, each counted as storage
     * charges it ({@link StorageLimits#chargeOf}: what it takes in heap), so that values kept only
     * by the queues (edited or expired since) take no more memory than this.
     */
    static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    /** Most values in one push. */
    static final int MAX_VALUES_PER_PUSH = 64;
    /** About the most bytes of values in one push (one value may be larger alone). */
    static final int PUSH_BYTES = 64 * 1024;

    private final EngineParts parts;
    private final ListenerRegistry registry;
    private final Map<Target, PushQueue> queues = new HashMap<>();
    private long queuedBytes;

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
        long size = StorageLimits.chargeOf(changed);
        for (Registration r : registry.listeners(key, parts.env().nowMillis())) {
            Target target = new Target(r.listener(), r.listenId(), key);
            PushQueue queue = queues.computeIfAbsent(target, t -> new PushQueue());
            while (!queue.waiting.isEmpty()
                    && (queue.waiting.size() >= MAX_QUEUED || queuedBytes + size > MAX_QUEUED_BYTES)) {
                queuedBytes -= StorageLimits.chargeOf(queue.waiting.removeFirst());
                log.debug("push queue to {} full: dropped its oldest value", r.listener());
            }
            if (queuedBytes + size > MAX_QUEUED_BYTES) {
                log.debug("push queues full: {} gets {} at its next refresh", r.listener(), changed.identity());
                if (!queue.inFlight) {
                    drop(target, queue);
                }
                continue;
            }
            queue.waiting.addLast(changed);
            queuedBytes += size;
            queue.delayMillis = r.pushDelayMillis();
            if (!queue.inFlight) {
                pushSoon(target, queue);
            }
        }
    }

    /** Pushes what waits now, or once the listen's delay has passed (unless that is already due). */
    private void pushSoon(Target target, PushQueue queue) {
        if (queue.timer != null) {
            return;
        }
        if (queue.delayMillis == 0) {
            pushNext(target, queue);
            return;
        }
        queue.timer = parts.env().schedule(queue.delayMillis, () -> {
            queue.timer = null;
            pushNext(target, queue);
        });
    }

    private void pushNext(Target target, PushQueue queue) {
        if (queue.waiting.isEmpty() || !stillListening(target)) {
            // a cancelled or expired listen gets nothing more, its listener would not answer
            drop(target, queue);
            return;
        }
        List<Value> values = new ArrayList<>(Math.min(queue.waiting.size(), MAX_VALUES_PER_PUSH));
        int bytes = 0;
        while (!queue.waiting.isEmpty() && values.size() < MAX_VALUES_PER_PUSH) {
            int size = PutOperation.estimatedSize(queue.waiting.getFirst());
            if (!values.isEmpty() && bytes + size > PUSH_BYTES) {
                break;
            }
            Value value = queue.waiting.removeFirst();
            values.add(value);
            queuedBytes -= StorageLimits.chargeOf(value);
            bytes += size;
        }
        queue.inFlight = true;
        parts.stats().pushSent();
        parts.rpc()
                .sendPersistently(
                        target.listener(), new Update(target.key(), target.listenId(), values), new RpcCallback() {
                            @Override
                            public void onReply(NodeInfo from, Reply reply) {
                                queue.inFlight = false;
                                if (queue.waiting.isEmpty()) {
                                    drop(target, queue);
                                } else {
                                    pushSoon(target, queue);
                                }
                            }

                            @Override
                            public void onTimeout() {
                                drop(target, queue);
                            }
                        });
    }

    private void drop(Target target, PushQueue queue) {
        if (queue.timer != null) {
            queue.timer.cancel();
            queue.timer = null;
        }
        if (queues.remove(target, queue)) {
            queue.waiting.forEach(v -> queuedBytes -= StorageLimits.chargeOf(v));
            queue.waiting.clear();
        }
    }

    private boolean stillListening(Target target) {
        for (Registration r : registry.listeners(target.key(), parts.env().nowMillis())) {
            if (r.listenId() == target.listenId() && r.listener().equals(target.listener())) {
                return true;
            }
        }
        return false;
    }

    /** One listen: the listener, its id, and the key (a listener's ids are per key). */
    private record Target(NodeInfo listener, long listenId, InfoHash key) {}

    /** The values stored since the push in flight was sent, oldest first. */
    private static final class PushQueue {
        final ArrayDeque<Value> waiting = new ArrayDeque<>();
        boolean inFlight;
        /** The listen's push delay, as its latest registration asked. */
        long delayMillis;
        /** The delayed push to come, if one is set. */
        EngineEnvironment.Timer timer;
    }
}
