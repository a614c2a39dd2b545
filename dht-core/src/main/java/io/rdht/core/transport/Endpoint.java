package io.rdht.core.transport;

import java.net.InetSocketAddress;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One bound datagram socket together with the one thread that owns the node using it: datagrams
 * arrive on that thread, and {@link #execute} and {@link #schedule} run tasks there, in order.
 */
public interface Endpoint {

    /** The address the endpoint is bound to. */
    InetSocketAddress localAddress();

    /** Sends one datagram; fire and forget. Call from the node thread. */
    void send(InetSocketAddress to, byte[] datagram);

    /** The node's clock in epoch milliseconds (virtual under a virtual-time scheduler). */
    long nowMillis();

    /** Runs {@code task} on the node thread. */
    void execute(Runnable task);

    /** Runs {@code task} on the node thread after {@code delayMillis}. */
    Disposable schedule(Runnable task, long delayMillis);

    /** Unbinds; nothing is received or run afterwards. */
    Mono<Void> close();
}
