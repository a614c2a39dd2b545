package io.rdht.core.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * An endpoint whose node thread is a worker of a Reactor {@link Scheduler}: what in-memory
 * transports ({@link InMemoryNetwork}, the simulator's) have in common. Subclasses send datagrams
 * and forget the endpoint when it closes; the clock is the scheduler's.
 */
public abstract class WorkerEndpoint implements Endpoint {

    private final InetSocketAddress address;
    private final Scheduler scheduler;
    private final Scheduler.Worker worker;

    /** An endpoint at {@code address} that runs its tasks on a new worker of {@code scheduler}. */
    protected WorkerEndpoint(InetSocketAddress address, Scheduler scheduler) {
        this.address = address;
        this.scheduler = scheduler;
        this.worker = scheduler.createWorker();
    }

    /** Called once when the endpoint closes: the transport stops delivering to it. */
    protected abstract void unbind();

    /** Runs {@code task} on the node thread after {@code delayMillis}; for delivering datagrams. */
    protected final void later(Runnable task, long delayMillis) {
        worker.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public final InetSocketAddress localAddress() {
        return address;
    }

    @Override
    public final long nowMillis() {
        return scheduler.now(TimeUnit.MILLISECONDS);
    }

    @Override
    public final void execute(Runnable task) {
        worker.schedule(task);
    }

    @Override
    public final Disposable schedule(Runnable task, long delayMillis) {
        return worker.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public final Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            unbind();
            worker.dispose();
        });
    }
}
