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
 * The Internet as the simulated nodes see it: every endpoint gets its own address and access
 * delay from a {@link LatencyModel}, datagrams are lost at a fixed rate, and every datagram and
 * byte sent is counted. An endpoint bound to the wildcard address gets the next private address
 * 10.x.y.z:4222, the honest nodes' addresses spread over the /24s of 10/8 (one node per /24 up to
 * 65,536 nodes), as homes are spread over the Internet; an endpoint bound to a given IPv4 address
 * gets that one, as an attacker's hosts do. Endpoints bound through {@link #adversaries()} are
 * counted apart, so that the honest network's traffic can be told. Everything runs on one {@link
 * EventLoop}; not thread-safe.
 */
public final class SimulatedInternet implements Transport {

    /** The port every simulated node listens on. */
    static final int PORT = 4222;
    /** Odd, so that multiplying by it modulo 2^16 is one-to-one. */
    private static final int SPREAD = 0x9E37;

    private final EventLoop loop;
    private final LatencyModel latency;
    private final double lossRate;
    private final SplittableRandom random;
    private final Map<InetSocketAddress, Host> hosts = new HashMap<>();
    private int nextHost = 1;
    private final Traffic total = new Traffic();
    private final Traffic hostile = new Traffic();

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

    /** What the endpoints bound through {@link #adversaries()} sent so far. */
    public Traffic adversaryTotal() {
        return hostile;
    }

    @Override
    public Mono<Endpoint> bind(InetSocketAddress requested, DatagramReceiver receiver) {
        return bind(requested, receiver, false);
    }

    /** The same Internet, for an attacker's hosts: what they send is counted in {@link #adversaryTotal()} too. */
    public Transport adversaries() {
        return (requested, receiver) -> bind(requested, receiver, true);
    }

    private Mono<Endpoint> bind(InetSocketAddress requested, DatagramReceiver receiver, boolean adversary) {
        return Mono.fromCallable(() -> {
            InetSocketAddress address =
                    requested.getAddress() == null || requested.getAddress().isAnyLocalAddress()
                            ? nextAddress()
                            : new InetSocketAddress(
                                    requested.getAddress(), requested.getPort() == 0 ? PORT : requested.getPort());
            if (hosts.containsKey(address)) {
                throw new IllegalStateException(address + " is in use");
            }
            Host h = new Host(address, receiver, latency.accessMillis(random), adversary);
            hosts.put(address, h);
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

    /**
     * The address the next honest node binds: given before it binds, so that its id can be made
     * to fit it (id binding, issue 13). Binding the wildcard takes the next one too.
     */
    InetSocketAddress nextHonestAddress() {
        try {
            return nextAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always make an address", e);
        }
    }

    /**
     * The n-th private address, 10.a.b.h: a.b is n's low 16 bits multiplied by an odd number modulo
     * 2^16 (one-to-one, so the first 65,535 nodes each have a /24 of their own), h is 1 + the rest.
     */
    private InetSocketAddress nextAddress() throws UnknownHostException {
        int n = nextHost++;
        int block = (n * SPREAD) & 0xFFFF;
        byte[] ip = {10, (byte) (block >>> 8), (byte) block, (byte) (1 + (n >>> 16))};
        return new InetSocketAddress(InetAddress.getByAddress(ip), PORT);
    }

    private void deliver(Host from, InetSocketAddress to, byte[] datagram) {
        total.add(datagram.length);
        if (from.adversary) {
            hostile.add(datagram.length);
        }
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
        final boolean adversary;
        boolean crashed;

        Host(InetSocketAddress address, DatagramReceiver receiver, double access, boolean adversary) {
            super(address, loop);
            this.receiver = receiver;
            this.access = access;
            this.adversary = adversary;
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
