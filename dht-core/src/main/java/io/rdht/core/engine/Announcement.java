package io.rdht.core.engine;

import io.rdht.core.DhtException;
import io.rdht.core.PutResult;
import io.rdht.core.Value;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A permanent put: publishes the value, then publishes it again, unchanged but for a fresh
 * creation time, every half TTL until it is cancelled, so that it never expires while it is
 * announced and its listeners never see it go. A publication that fails is tried again at the
 * next turn; only a closing node ends the announcement with an error.
 */
final class Announcement implements UserOperation {

    /** Shortest time between two publications. */
    private static final long MIN_PERIOD_MILLIS = 1_000;

    private final Value value;
    private final EngineEnvironment env;
    private final Consumer<Value> publish;
    private final PutCallback callback;
    private final Consumer<UserOperation> onFinished;
    private EngineEnvironment.Timer next;
    private boolean finished;

    /**
     * @param value   the value, already checked and stamped with its id
     * @param publish puts one copy; reports through {@link #onPublished} and {@link #onFailed}
     */
    Announcement(Value value, EngineEnvironment env, Consumer<Value> publish, PutCallback callback,
                 Consumer<UserOperation> onFinished) {
        this.value = value;
        this.env = env;
        this.publish = publish;
        this.callback = callback;
        this.onFinished = onFinished;
    }

    /** Publishes now and schedules the next turn. */
    void turn() {
        if (finished) {
            return;
        }
        publish.accept(value.toBuilder().created(Instant.ofEpochMilli(env.nowMillis())).build());
        long period = Math.max(MIN_PERIOD_MILLIS, value.ttl().toMillis() / 2);
        next = env.schedule(period, this::turn);
    }

    /** One publication succeeded. */
    void onPublished(PutResult result) {
        if (!finished) {
            callback.onStored(result);
        }
    }

    /** One publication failed; the next turn tries again unless the error is final. */
    void onFailed(DhtException error) {
        if (error instanceof DhtException.NodeClosed || error instanceof DhtException.InvalidValue) {
            fail(error);
        }
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
