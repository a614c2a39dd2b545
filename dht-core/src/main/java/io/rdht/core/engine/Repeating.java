package io.rdht.core.engine;

/** A task that runs every period on the node thread until cancelled. */
final class Repeating implements EngineEnvironment.Timer {

    private final EngineEnvironment env;
    private final long periodMillis;
    private final Runnable task;
    private EngineEnvironment.Timer next;
    private boolean cancelled;

    Repeating(EngineEnvironment env, long periodMillis, Runnable task) {
        this.env = env;
        this.periodMillis = periodMillis;
        this.task = task;
    }

    Repeating start() {
        next = env.schedule(periodMillis, this::run);
        return this;
    }

    private void run() {
        if (cancelled) {
            return;
        }
        task.run();
        next = env.schedule(periodMillis, this::run);
    }

    @Override
    public void cancel() {
        cancelled = true;
        next.cancel();
    }
}
