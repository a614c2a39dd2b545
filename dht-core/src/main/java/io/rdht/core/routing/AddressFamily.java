package io.rdht.core.routing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;

/**
 * An IP address family. A node keeps one routing table per family it serves, as OpenDHT does: a
 * contact is reachable only over the family of its address, and a peer with both has one address
 * in each table.
 */
public enum AddressFamily {
    /** IPv4 (an IPv4-mapped IPv6 address counts as IPv4). */
    V4,
    /** IPv6. */
    V6;

    /** The family of {@code address}. */
    public static AddressFamily of(InetSocketAddress address) {
        return of(address.getAddress());
    }

    /** The family of {@code ip}; an IPv4-mapped IPv6 address (Java gives it as IPv4) is IPv4. */
    public static AddressFamily of(InetAddress ip) {
        return ip instanceof Inet4Address ? V4 : V6;
    }

    /**
     * The families a socket bound to {@code local} reaches: both for the IPv6 wildcard {@code ::}
     * (a dual-stack socket: the JDK and Netty clear {@code IPV6_V6ONLY} on the sockets they open),
     * otherwise the family of the address.
     */
    public static Set<AddressFamily> servedBy(InetSocketAddress local) {
        InetAddress ip = local.getAddress();
        if (ip instanceof Inet6Address && ip.isAnyLocalAddress()) {
            return EnumSet.allOf(AddressFamily.class);
        }
        return EnumSet.of(of(ip));
    }
}
