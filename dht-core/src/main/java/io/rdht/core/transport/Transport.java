package io.rdht.core.transport;

import java.net.InetSocketAddress;
import reactor.core.publisher.Mono;

/** Binds datagram endpoints: real UDP ({@link UdpTransport}) or an in-memory network ({@link InMemoryNetwork}). */
public interface Transport {

    /**
     * Binds an endpoint at {@code address} (port 0: any free port) whose received datagrams go to
     * {@code receiver}, called on the endpoint's node thread.
     */
    Mono<Endpoint> bind(InetSocketAddress address, DatagramReceiver receiver);

    /** Receives datagrams; called on the endpoint's node thread. */
    @FunctionalInterface
    interface DatagramReceiver {
        /** One datagram from {@code from}; the array belongs to the receiver. */
        void onDatagram(byte[] datagram, InetSocketAddress from);
    }
}
