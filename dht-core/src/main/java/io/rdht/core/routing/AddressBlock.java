package io.rdht.core.routing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of IP addresses: the leading bytes of an address (a /24 of IPv4, a /48 or /64 of IPv6),
 * as a value to compare and count. Also says which addresses are local, the ones a host or a
 * private network hands out at will and the address rules exempt by default.
 */
public final class AddressBlock {

    private final byte[] bytes;

    private AddressBlock(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The block of {@code ip}: its first {@code v4Bytes} bytes for IPv4, {@code v6Bytes} for IPv6. */
    public static AddressBlock of(InetAddress ip, int v4Bytes, int v6Bytes) {
        return new AddressBlock(Arrays.copyOf(ip.getAddress(), ip instanceof Inet4Address ? v4Bytes : v6Bytes));
    }

    /**
     * Whether {@code ip} is loopback, private (RFC 1918), link-local, unique-local (fc00::/7) or
     * the wildcard: an address anyone may hold many of, and that says nothing of who holds it.
     */
    public static boolean isLocal(InetAddress ip) {
        byte[] b = ip.getAddress();
        return ip.isLoopbackAddress()
                || ip.isSiteLocalAddress()
                || ip.isLinkLocalAddress()
                || ip.isAnyLocalAddress()
                || (b.length == 16 && (b[0] & 0xfe) == 0xfc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressBlock p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "AddressBlock" + Arrays.toString(bytes);
    }
}
