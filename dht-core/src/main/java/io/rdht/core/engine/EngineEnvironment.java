package io.rdht.core.engine;

import java.net.InetSocketAddress;

/**
 * What the engine needs from the edge that hosts it: the time, a way to send a datagram and a
 * way to run a task later. Every call comes from, and every task runs on, the node's one thread.
 */
public interface EngineEnvironment {

    /** The node's clock, in epoch milliseconds (virtual in simulations). */
    long nowMillis();

    /** Sends one datagram; fire and forget. */
    void send(InetSocketAddress to, byte[] datagram);

    /** Runs {@code task} on the node thread after {@code delayMillis}. */
    Timer schedule(long delayMillis, Runnable task);

    /** A scheduled task that can be called off. */
    interface Timer {
        /** Calls the task off if it has not run yet. */
        void cancel();
    }
}
