package io.rdht.core.routing;

import java.net.InetSocketAddress;

/**
 * How many routing contacts one host or one block of addresses may hold, so that a single machine
 * or network cannot fill a routing table with ids of its choosing.
 *
 * <p>Always: one contact per UDP address (IP and port). For public addresses also at most
 * {@code perIp} contacts per IP address in the whole table, and at most {@code perPrefixInBucket}
 * per /24 (IPv4) or /64 (IPv6) in one bucket. Loopback, private, link-local and unique-local
 * addresses are exempt unless {@code limitLocal} is set: test networks and a city's private
 * network run many nodes on one host.
 *
 * <p>Threat-model note: requests from one socket under thousands of made-up ids once grew a table
 * from 4 to 68 contacts, 28 of the 40 it then handed out being that one socket. With these limits
 * a socket is one contact, a host at most {@code perIp}, and a /24 at most a few per bucket.
 *
 * @param perIp             contacts per public IP address in the whole table
 * @param perPrefixInBucket contacts per public /24 or /64 in one bucket
 * @param limitLocal        apply the IP and prefix limits to local and private addresses too
 */
public record AddressLimits(int perIp, int perPrefixInBucket, boolean limitLocal) {

    /** Checks both counts. */
    public AddressLimits {
        if (perIp < 1 || perPrefixInBucket < 1) {
            throw new IllegalArgumentException("address limits must be ≥ 1, got " + perIp + ", " + perPrefixInBucket);
        }
    }

    /** Two contacts per IP, two per /24 or /64 in a bucket, local and private addresses exempt. */
    public static AddressLimits defaults() {
        return new AddressLimits(2, 2, false);
    }

    /** Whether the IP and prefix limits apply to {@code address}. */
    boolean applyTo(InetSocketAddress address) {
        return limitLocal || !AddressBlock.isLocal(address.getAddress());
    }

    /** The /24 or /64 that {@code address} lies in, as a value to compare. */
    static AddressBlock prefixOf(InetSocketAddress address) {
        return AddressBlock.of(address.getAddress(), 3, 8);
    }
}
