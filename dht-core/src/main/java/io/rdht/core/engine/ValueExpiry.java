package io.rdht.core.engine;

import io.rdht.core.storage.ExpiredValue;
import io.rdht.core.storage.Storage;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Keeps one timer set for the storage's earliest expiry and removes values when it fires. */
final class ValueExpiry {

    private final EngineEnvironment env;
    private final Storage storage;
    private final Consumer<List<ExpiredValue>> onExpired;
    private EngineEnvironment.Timer timer;
    private long timerAtMillis = Long.MAX_VALUE;
    private boolean stopped;

    ValueExpiry(EngineEnvironment env, Storage storage, Consumer<List<ExpiredValue>> onExpired) {
        this.env = env;
        this.storage = storage;
        this.onExpired = onExpired;
    }

    /** Called after a store: moves the timer earlier if the new value expires first. */
    void onStored() {
        OptionalLong next = storage.nextExpiry();
        if (stopped || next.isEmpty() || next.getAsLong() >= timerAtMillis) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        timerAtMillis = next.getAsLong();
        timer = env.schedule(Math.max(0, timerAtMillis - env.nowMillis()), this::fire);
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }

    private void fire() {
        timer = null;
        timerAtMillis = Long.MAX_VALUE;
        List<ExpiredValue> expired = storage.expire(env.nowMillis());
        if (!expired.isEmpty()) {
            onExpired.accept(expired);
        }
        onStored();
    }
}
