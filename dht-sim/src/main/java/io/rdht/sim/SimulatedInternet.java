package io.rdht.sim;

import io.rdht.core.transport.Endpoint;
import io.rdht.core.transport.Transport;
import io.rdht.core.transport.WorkerEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import reactor.core.publisher.Mono;

/**
 * The Internet as the simulated nodes see it: every endpoint gets its own address (10.x.y.z:4222)
 * and access delay from a {@link LatencyModel}, datagrams are lost at a fixed rate, and every
 * datagram and byte sent is counted. Everything runs on one {@link
 * EventLoop}; not thread-safe.
 */
public final class SimulatedInternet implements Transport {

    private final EventLoop loop;
    private final LatencyModel latency;
    private final double lossRate;
    private final SplittableRandom random;
    private final Map<InetSocketAddress, Host> hosts = new HashMap<>();
    private int nextHost = 1;
    private final Traffic total = new Traffic();

    /**
     * @param loop     the clock everything runs on
     * @param latency  how long datagrams take
     * @param lossRate chance in [0, 1) that a datagram is lost
     * @param seed     randomness of delays and losses
     */
    public SimulatedInternet(EventLoop loop, LatencyModel latency, double lossRate, long seed) {
        if (!(lossRate >= 0 && lossRate < 1)) {
            throw new IllegalArgumentException("loss rate must be in [0, 1), got " + lossRate);
        }
        this.loop = loop;
        this.latency = latency;
        this.lossRate = lossRate;
        this.random = new SplittableRandom(seed);
    }

    /** What all endpoints sent so far. */
    public Traffic total() {
        return total;
    }

    @Override
    public Mono<Endpoint> bind(InetSocketAddress requested, DatagramReceiver receiver) {
        return Mono.fromCallable(() -> {
            Host h = new Host(nextAddress(), receiver, latency.accessMillis(random));
            hosts.put(h.localAddress(), h);
            return h;
        });
    }

    /**
     * Cuts the host at {@code address} off, as a machine that dies: nothing reaches it and nothing
     * it sends from now on leaves it, whatever its node still does before it is shut down.
     */
    public void crash(InetSocketAddress address) {
        Host h = hosts.remove(address);
        if (h != null) {
            h.crashed = true;
        }
    }

    private InetSocketAddress nextAddress() throws UnknownHostException {
        int n = nextHost++;
        byte[] ip = {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        return new InetSocketAddress(InetAddress.getByAddress(ip), 4222);
    }

    private void deliver(Host from, InetSocketAddress to, byte[] datagram) {
        total.add(datagram.length);
        Host target = hosts.get(to);
        if (target == null || random.nextDouble() < lossRate) {
            return;
        }
        long delay = latency.oneWayMillis(from.access, target.access, random);
        target.receive(datagram, from.localAddress(), delay);
    }

    /** Datagrams and bytes sent. */
    public static final class Traffic {
        private long datagrams;
        private long bytes;

        void add(int length) {
            datagrams++;
            bytes += length;
        }

        /** Datagrams sent. */
        public long datagrams() {
            return datagrams;
        }

        /** Bytes sent (UDP payload). */
        public long bytes() {
            return bytes;
        }
    }

    private final class Host extends WorkerEndpoint {
        final DatagramReceiver receiver;
        final double access;
        boolean crashed;

        Host(InetSocketAddress address, DatagramReceiver receiver, double access) {
            super(address, loop);
            this.receiver = receiver;
            this.access = access;
        }

        @Override
        public void send(InetSocketAddress to, byte[] datagram) {
            if (!crashed) {
                deliver(this, to, datagram);
            }
        }

        void receive(byte[] datagram, InetSocketAddress from, long delayMillis) {
            later(() -> receiver.onDatagram(datagram, from), delayMillis);
        }

        @Override
        protected void unbind() {
            hosts.remove(localAddress(), this);
        }
    }
}
