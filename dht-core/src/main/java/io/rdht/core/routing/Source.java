package io.rdht.core.routing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Who a datagram counts against in per-source limits (request rates, listens): the IPv4 address,
 * the IPv6 /64 network (one host commonly holds a whole /64), or, for a loopback address, the
 * address and port.
 *
 * <p>Implementation note: a host off this machine can send from many ports, so ports do not
 * count for it. A loopback datagram comes from a process on this machine (hosts drop loopback
 * source addresses arriving from outside), and there every socket is a separate program: tests,
 * benchmarks and the demo run dozens of nodes on 127.0.0.1, and counting them as one source
 * would let one of them use up every other's share.
 *
 * @param network the IPv4 address, the IPv6 address with its low 64 bits cleared, or the loopback address
 * @param port    the port for a loopback source, 0 otherwise
 */
public record Source(InetAddress network, int port) {

    private static final int IPV6_PREFIX_BYTES = 8;

    /** The source a datagram from {@code address} counts against. */
    public static Source of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip.isLoopbackAddress()) {
            return new Source(ip, address.getPort());
        }
        if (ip instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(ip.getAddress(), 16);
            Arrays.fill(prefix, IPV6_PREFIX_BYTES, 16, (byte) 0);
            try {
                return new Source(InetAddress.getByAddress(prefix), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes always make an address", e);
            }
        }
        return new Source(ip, 0);
    }

    /** True for a process on this machine. */
    public boolean isLoopback() {
        return network.isLoopbackAddress();
    }

    @Override
    public String toString() {
        String host = network.getHostAddress();
        if (isLoopback()) {
            return host + ":" + port;
        }
        return network instanceof Inet6Address ? host + "/64" : host;
    }
}
