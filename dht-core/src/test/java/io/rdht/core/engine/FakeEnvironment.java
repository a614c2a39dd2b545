package io.rdht.core.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * An {@link EngineEnvironment} for engine unit tests: a clock that moves only when the test
 * advances it, timers that run in due order as it does, and every datagram sent kept for the test
 * to inspect (and, through {@link #onSend}, to answer). No threads, no sockets, no sleeps.
 */
final class FakeEnvironment implements EngineEnvironment {

    /** Most timers one {@link #advance} runs: a runaway schedule fails the test instead of hanging it. */
    private static final int MAX_TASKS_PER_ADVANCE = 1_000_000;

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong(Task::dueMillis).thenComparingLong(Task::order));
    private final List<Sent> sent = new ArrayList<>();
    private long now;
    private long order;
    private BiConsumer<InetSocketAddress, byte[]> onSend = (to, datagram) -> {};

    /** An environment whose clock starts at {@code startMillis}. */
    FakeEnvironment(long startMillis) {
        this.now = startMillis;
    }

    /** One datagram the engine sent. */
    record Sent(InetSocketAddress to, byte[] datagram, long atMillis) {}

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
        sent.add(new Sent(to, datagram.clone(), now));
        onSend.accept(to, datagram.clone());
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new AssertionError("the engine scheduled a task " + delayMillis + " ms in the past");
        }
        Task t = new Task(now + delayMillis, order++, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Also hands every datagram sent to {@code action} (after keeping it), e.g. to let fake peers answer. */
    void onSend(BiConsumer<InetSocketAddress, byte[]> action) {
        this.onSend = action;
    }

    /** Moves the clock {@code millis} on, running every task that falls due on the way, in due order. */
    void advance(long millis) {
        long until = now + millis;
        int ran = 0;
        while (!tasks.isEmpty() && tasks.peek().dueMillis <= until) {
            Task t = tasks.poll();
            now = Math.max(now, t.dueMillis);
            if (!t.cancelled) {
                t.task.run();
                if (++ran > MAX_TASKS_PER_ADVANCE) {
                    throw new AssertionError("more than " + MAX_TASKS_PER_ADVANCE + " timers in one advance");
                }
            }
        }
        now = until;
    }

    /**
     * Moves the clock {@code millis} on without running anything, as for a node whose thread was
     * held (a collection, a starved CPU): the tasks that fell due meanwhile run late, at the next
     * {@link #advance} or {@link #runDue}, in due order.
     */
    void stall(long millis) {
        now += millis;
    }

    /** Runs only the tasks due now (delay zero), without moving the clock. */
    void runDue() {
        advance(0);
    }

    /** Every datagram sent so far, oldest first. */
    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Forgets the datagrams sent so far. */
    void clearSent() {
        sent.clear();
    }

    /** Timers scheduled and neither run nor cancelled. */
    long pendingTimers() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }

    private static final class Task {
        private final long dueMillis;
        private final long order;
        private final Runnable task;
        private boolean cancelled;

        Task(long dueMillis, long order, Runnable task) {
            this.dueMillis = dueMillis;
            this.order = order;
            this.task = task;
        }

        long dueMillis() {
            return dueMillis;
        }

        long order() {
            return order;
        }
    }
}
