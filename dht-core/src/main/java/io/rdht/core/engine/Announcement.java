package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A permanent put: publishes the value, then publishes it again, unchanged but for a fresh
 * creation time, every half TTL until it is cancelled, so that it never expires while it is
 * announced and its listeners never see it go. A publication that fails is tried again 1 s later,
 * then after twice as long each time it fails again, but never later than the next turn would
 * have come: a first publication that meets a network not yet ready (a node that has just joined,
 * storers that refused) is not left until half a TTL later, while its caller waits. Only a
 * closing node or an invalid value ends the announcement with an error.
 *
 * <p>A signed value is signed anew for each renewal (its signature covers the creation time) at
 * the same seq: storers take the renewal as the same version re-published and move its expiry
 * later, listeners see no event. Implementation note: renewing with the same seq rather than a
 * higher one keeps readers from seeing an edit every half TTL, and leaves no replay window: a
 * captured older renewal has an earlier expiry, which never shortens the stored one, and an older
 * seq is refused by the edit policy.
 */
final class Announcement implements UserOperation {

    /** Shortest time between two publications, and the first wait before a failed one is tried again. */
    private static final long MIN_PERIOD_MILLIS = 1_000;

    private Value value;
    private final EngineEnvironment env;
    private final Consumer<Value> publish;
    private final PutCallback callback;
    private final Consumer<UserOperation> onFinished;
    private EngineEnvironment.Timer next;
    /** Wait before the next try of a failed publication: doubled after each, at most the period. */
    private long retryMillis = MIN_PERIOD_MILLIS;

    private boolean finished;

    /**
     * @param value   the value, already checked and stamped with its id
     * @param publish puts one copy; reports through {@link #onPublished} and {@link #onFailed}
     */
    Announcement(
            Value value,
            EngineEnvironment env,
            Consumer<Value> publish,
            PutCallback callback,
            Consumer<UserOperation> onFinished) {
        this.value = value;
        this.env = env;
        this.publish = publish;
        this.callback = callback;
        this.onFinished = onFinished;
    }

    /** Publishes {@code seq} of the value now (the seq a signed put found free) and schedules the next turn. */
    void turnAt(long seq) {
        value = value.toBuilder().seq(seq).build();
        turn();
    }

    /** Publishes now and schedules the next turn. */
    void turn() {
        if (finished) {
            return;
        }
        // scheduled first: a publication may fail at once, and its retry replaces this turn
        next = env.schedule(periodMillis(), this::turn);
        publish.accept(
                value.toBuilder().created(Instant.ofEpochMilli(env.nowMillis())).build());
    }

    private long periodMillis() {
        return Math.max(MIN_PERIOD_MILLIS, value.ttl().toMillis() / 2);
    }

    /** One publication succeeded. */
    void onPublished(PutResult result) {
        retryMillis = MIN_PERIOD_MILLIS;
        if (!finished) {
            callback.onStored(result);
        }
    }

    /** One publication failed: ends the announcement if the error is final, else tries again soon (class comment). */
    void onFailed(DhtException error) {
        if (error instanceof DhtException.NodeClosed || error instanceof DhtException.InvalidValue) {
            fail(error);
            return;
        }
        if (finished) {
            return;
        }
        next.cancel();
        next = env.schedule(retryMillis, this::turn);
        retryMillis = Math.min(2 * retryMillis, periodMillis());
    }

    /** Stops publishing; storers keep the last copy until its TTL ends. */
    void cancel() {
        if (!finished) {
            finished = true;
            onFinished.accept(this);
            if (next != null) {
                next.cancel();
            }
        }
    }

    @Override
    public void fail(DhtException error) {
        if (!finished) {
            cancel();
            callback.onError(error);
        }
    }
}
