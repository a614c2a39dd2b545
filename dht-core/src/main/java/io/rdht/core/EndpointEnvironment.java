package io.rdht.core;

import io.rdht.core.engine.EngineEnvironment;
import io.rdht.core.transport.Endpoint;
import java.net.InetSocketAddress;

/**
 * Lets a {@link io.rdht.core.engine.NodeEngine} run on an {@link Endpoint}.
 *
 * <p>Implementation note: cancelling a timer only marks it; the task still fires and does nothing.
 * Replies cancel a retransmission timer each, and Reactor's virtual-time scheduler removes a
 * cancelled task from its queue in linear time, which would make large simulations quadratic.
 */
final class EndpointEnvironment implements EngineEnvironment {

    private final Endpoint endpoint;

    EndpointEnvironment(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public long nowMillis() {
        return endpoint.nowMillis();
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
        endpoint.send(to, datagram);
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        LazyTimer timer = new LazyTimer(task);
        endpoint.schedule(timer, delayMillis);
        return timer;
    }

    private static final class LazyTimer implements Timer, Runnable {
        private Runnable task;

        LazyTimer(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            Runnable t = task;
            task = null;
            if (t != null) {
                t.run();
            }
        }

        @Override
        public void cancel() {
            task = null;
        }
    }
}
