package io.rdht.http.proxy;

import io.rdht.core.DhtNode;
import io.rdht.core.InfoHash;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The gateway's permanent puts, as OpenDHT's proxy keeps them: a value posted with a {@code
 * permanent} field is announced ({@link DhtNode#announce}: put again every half TTL) for {@link
 * GatewayLimits#PERMANENT_PUT_LIFETIME}, and posting it again (same id, or no id and the same data)
 * starts that time anew. At most {@link GatewayLimits#MAX_PERMANENT_PUTS} at once.
 */
final class PermanentPuts implements AutoCloseable {

    /** Why a permanent put was not taken. */
    static final class Full extends RuntimeException {
        Full() {
            super("the gateway keeps " + GatewayLimits.MAX_PERMANENT_PUTS + " permanent puts already");
        }
    }

    private record Slot(InfoHash key, long id) {}

    private record Held(Value value, Disposable announce, Disposable expiry) {
        void dispose() {
            announce.dispose();
            expiry.dispose();
        }
    }

    private final DhtNode node;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Duration lifetime;
    private final int max;
    private final Map<Slot, Held> held = new HashMap<>();
    private boolean closed;

    PermanentPuts(DhtNode node, Scheduler scheduler, RandomGenerator random, Duration lifetime, int max) {
        this.node = node;
        this.scheduler = scheduler;
        this.random = random;
        this.lifetime = lifetime;
        this.max = max;
    }

    /**
     * Announces {@code value} under {@code key} (replacing the announcement of the same id, if
     * any) and emits its first publication; fails with {@link Full} when too many are held, or as
     * {@link DhtNode#announce} fails.
     */
    synchronized Mono<PutResult> put(InfoHash key, Value value) {
        if (closed) {
            return Mono.error(new IllegalStateException("the gateway is closed"));
        }
        Value withId = value.id() != Value.UNASSIGNED_ID
                ? value
                : value.toBuilder().id(idFor(key, value)).build();
        Slot slot = new Slot(key, withId.id());
        Held previous = held.remove(slot);
        if (previous != null) {
            previous.dispose();
        } else if (held.size() >= max) {
            return Mono.error(new Full());
        }
        Sinks.One<PutResult> first = Sinks.one();
        Disposable announce = node.announce(key, withId).subscribe(first::tryEmitValue, error -> {
            first.tryEmitError(error);
            forget(slot);
        });
        if (announce.isDisposed()) {
            return first.asMono(); // failed at once: nothing to keep
        }
        Disposable expiry = scheduler.schedule(() -> forget(slot), lifetime.toMillis(), TimeUnit.MILLISECONDS);
        held.put(slot, new Held(withId, announce, expiry));
        return first.asMono();
    }

    /** Keys with at least one permanent put (the stats' {@code putCount}). */
    synchronized int keys() {
        return (int) held.keySet().stream().map(Slot::key).distinct().count();
    }

    /** Values held (the stats' {@code totalPermanentPuts}). */
    synchronized int values() {
        return held.size();
    }

    /** Stops every announcement; the values expire on the network after their TTL. */
    @Override
    public synchronized void close() {
        closed = true;
        held.values().forEach(Held::dispose);
        held.clear();
    }

    private synchronized void forget(Slot slot) {
        Held h = held.remove(slot);
        if (h != null) {
            h.dispose();
        }
    }

    /** The id of a held value under {@code key} with the same data and type, else a new random one. */
    private long idFor(InfoHash key, Value value) {
        Optional<Long> same = held.entrySet().stream()
                .filter(e -> e.getKey().key().equals(key))
                .filter(e -> Arrays.equals(e.getValue().value().data(), value.data())
                        && e.getValue().value().contentType().equals(value.contentType()))
                .map(e -> e.getKey().id())
                .findFirst();
        return same.orElseGet(() -> {
            long id;
            do {
                id = random.nextLong();
            } while (id == Value.UNASSIGNED_ID);
            return id;
        });
    }
}
