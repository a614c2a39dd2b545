package io.rdht.sim;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A discrete-event clock for one thread: tasks run in order of their due time (ties in order of
 * scheduling), and time jumps from one task to the next. It is a Reactor {@link Scheduler}, so an
 * {@link SimulatedInternet} and every node on it run on it unchanged.
 *
 * <p>Implementation note: Reactor's {@code VirtualTimeScheduler} does the same for tests, but
 * takes a lock per task and removes a cancelled task from its queue in linear time; with 100,000
 * nodes and millions of pending timers both matter. Here a cancelled task stays queued, marked,
 * and is skipped when due.
 */
public final class EventLoop implements Scheduler {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private long ran;

    /** A clock that reads {@code startMillis} (epoch milliseconds) until time passes. */
    public EventLoop(long startMillis) {
        this.now = startMillis;
    }

    /** Runs every task due up to {@code timeMillis}, then sets the clock there. */
    public void runUntil(long timeMillis) {
        Task next;
        while ((next = queue.peek()) != null && next.due <= timeMillis) {
            queue.poll();
            now = next.due;
            next.runIfLive();
        }
        now = Math.max(now, timeMillis);
    }

    /** The current time in epoch milliseconds. */
    public long nowMillis() {
        return now;
    }

    /** Tasks run so far (cancelled ones not counted). */
    public long tasksRun() {
        return ran;
    }

    /** Tasks waiting, cancelled ones included. */
    public int pending() {
        return queue.size();
    }

    @Override
    public long now(TimeUnit unit) {
        return unit.convert(now, TimeUnit.MILLISECONDS);
    }

    @Override
    public Disposable schedule(Runnable task) {
        return enqueue(task, 0, null);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return enqueue(task, unit.toMillis(delay), null);
    }

    @Override
    public Worker createWorker() {
        return new LoopWorker();
    }

    private Task enqueue(Runnable task, long delayMillis, LoopWorker worker) {
        Task t = new Task(now + Math.max(0, delayMillis), sequence++, task, worker);
        queue.add(t);
        return t;
    }

    private final class Task implements Comparable<Task>, Disposable {
        final long due;
        final long order;
        final LoopWorker worker;
        Runnable action;

        Task(long due, long order, Runnable action, LoopWorker worker) {
            this.due = due;
            this.order = order;
            this.action = action;
            this.worker = worker;
        }

        void runIfLive() {
            Runnable a = action;
            if (a != null && (worker == null || !worker.disposed)) {
                action = null;
                ran++;
                a.run();
            }
        }

        @Override
        public int compareTo(Task o) {
            int byTime = Long.compare(due, o.due);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }

        @Override
        public void dispose() {
            action = null;
        }

        @Override
        public boolean isDisposed() {
            return action == null;
        }
    }

    /** Tasks of one node: disposing the worker drops all of them at once. */
    private final class LoopWorker implements Worker {
        boolean disposed;

        @Override
        public Disposable schedule(Runnable task) {
            return enqueue(task, 0, this);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return enqueue(task, unit.toMillis(delay), this);
        }

        @Override
        public void dispose() {
            disposed = true;
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}
