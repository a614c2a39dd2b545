package io.rdht.core.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A network in memory: datagrams between its endpoints are delayed, reordered and lost as its
 * {@link NetworkConditions} say, all driven by one Reactor {@link Scheduler}. Under a
 * {@code VirtualTimeScheduler} a whole network of thousands of nodes runs deterministically, from
 * a seed, in virtual time.
 *
 * <p>Endpoints get made-up addresses 127.x.y.z:4222; nothing touches a real socket. Not
 * thread-safe: use it from the scheduler's thread (a virtual-time scheduler runs everything on the
 * thread that advances time).
 */
public final class InMemoryNetwork implements Transport {

    private final Scheduler scheduler;
    private final SplittableRandom random;
    private final Map<InetSocketAddress, MemoryEndpoint> endpoints = new HashMap<>();
    private final Set<InetSocketAddress> cutOff = new HashSet<>();
    private NetworkConditions conditions;
    private int nextHost = 1;
    private long delivered;
    private long lost;

    /** A network on {@code scheduler} under {@code conditions}, with randomness from {@code seed}. */
    public InMemoryNetwork(Scheduler scheduler, NetworkConditions conditions, long seed) {
        this.scheduler = scheduler;
        this.conditions = conditions;
        this.random = new SplittableRandom(seed);
    }

    /** Changes delays and loss from now on. */
    public void conditions(NetworkConditions conditions) {
        this.conditions = conditions;
    }

    /**
     * Drops every datagram sent to or from {@code address} from now until {@link #reconnect}: a
     * node paused (a long collection, a starved process) or unplugged, while it keeps its state.
     */
    public void cutOff(InetSocketAddress address) {
        cutOff.add(address);
    }

    /** Ends {@link #cutOff} of {@code address}. */
    public void reconnect(InetSocketAddress address) {
        cutOff.remove(address);
    }

    /** Datagrams handed to a receiver so far. */
    public long delivered() {
        return delivered;
    }

    /** Datagrams dropped so far, by loss or for want of a receiver. */
    public long lost() {
        return lost;
    }

    @Override
    public Mono<Endpoint> bind(InetSocketAddress requested, DatagramReceiver receiver) {
        return Mono.fromCallable(() -> {
            InetSocketAddress address =
                    requested.getPort() != 0 && !endpoints.containsKey(requested) ? requested : nextAddress();
            MemoryEndpoint e = new MemoryEndpoint(address, receiver);
            endpoints.put(address, e);
            return e;
        });
    }

    private InetSocketAddress nextAddress() throws UnknownHostException {
        int h = nextHost++;
        byte[] ip = {127, (byte) (h >>> 16), (byte) (h >>> 8), (byte) h};
        return new InetSocketAddress(InetAddress.getByAddress(ip), 4222);
    }

    private void deliver(InetSocketAddress from, InetSocketAddress to, byte[] datagram) {
        NetworkConditions c = conditions;
        MemoryEndpoint target = endpoints.get(to);
        if (target == null || cutOff.contains(to) || cutOff.contains(from) || random.nextDouble() < c.lossRate()) {
            lost++;
            return;
        }
        long delay = c.minDelayMillis() + random.nextLong(c.maxDelayMillis() - c.minDelayMillis() + 1);
        target.later(
                () -> {
                    if (endpoints.get(to) == target) {
                        delivered++;
                        target.receiver.onDatagram(datagram, from);
                    }
                },
                delay);
    }

    private final class MemoryEndpoint extends WorkerEndpoint {
        private final DatagramReceiver receiver;

        MemoryEndpoint(InetSocketAddress address, DatagramReceiver receiver) {
            super(address, scheduler);
            this.receiver = receiver;
        }

        @Override
        public void send(InetSocketAddress to, byte[] datagram) {
            deliver(localAddress(), to, datagram);
        }

        @Override
        protected void unbind() {
            endpoints.remove(localAddress(), this);
        }
    }
}
