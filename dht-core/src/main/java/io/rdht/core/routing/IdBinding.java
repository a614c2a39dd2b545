package io.rdht.core.routing;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32C;

/**
 * Node ids bound to IP addresses, in the way of BitTorrent's BEP 42: the first 21 bits of an id
 * are a CRC-32C of the node's address (its IPv4 address, or the first 64 bits of its IPv6 one,
 * under a mask that keeps fewer bits of the network part) and of a 3-bit number {@code r} that the
 * id's last byte carries. An address thus has 8 prefixes of 21 bits, and a host cannot choose an
 * id next to a key: to land among the K closest nodes of a key it needs an address whose prefixes
 * do.
 *
 * <p>When {@code enforce} is set, a node whose id does not fit the address it is seen from enters
 * no routing table and is never asked by a lookup nor counted among the K closest nodes that store
 * a key or serve its listens. Local addresses ({@link AddressBlock#isLocal}) are exempt unless
 * {@code includeLocal} is set (test networks on 127.0.0.0/8, simulated networks on 10.0.0.0/8).
 *
 * <p>Threat-model note: this makes an eclipse of one key cost addresses, not CPU: an attacker
 * still picks, among the addresses it holds, those whose prefixes fall near the key (about one in
 * 2^21 / 8 addresses per 21-bit prefix). Honest nodes behind one NAT address share its 8 prefixes.
 *
 * @param enforce      keep nodes whose id does not fit their address out of tables and storing sets
 * @param includeLocal apply the rule to local and private addresses too
 */
public record IdBinding(boolean enforce, boolean includeLocal) {

    private static final byte[] V4_MASK = {0x03, 0x0f, 0x3f, (byte) 0xff};
    private static final byte[] V6_MASK = {0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, (byte) 0xff};

    /** Off: ids are not checked (docs/SECURITY.md says why). */
    public static IdBinding defaults() {
        return new IdBinding(false, false);
    }

    /** Whether the rule applies to a node seen from {@code ip}. */
    public boolean appliesTo(InetAddress ip) {
        return enforce && (includeLocal || !AddressBlock.isLocal(ip));
    }

    /** Whether {@code node} may be a contact and a storer: the rule does not apply to it, or its id fits. */
    public boolean admits(NodeInfo node) {
        InetAddress ip = node.address().getAddress();
        return !appliesTo(ip) || fits(node.id(), ip);
    }

    /** Whether the first 21 bits of {@code id} are the prefix of {@code ip} for the {@code r} its last byte holds. */
    public static boolean fits(InfoHash id, InetAddress ip) {
        int prefix = prefix(ip, id.byteAt(InfoHash.BYTES - 1) & 7);
        return id.byteAt(0) == (prefix >>> 24)
                && id.byteAt(1) == ((prefix >>> 16) & 0xff)
                && (id.byteAt(2) & 0xf8) == ((prefix >>> 8) & 0xf8);
    }

    /** A random id that fits {@code ip}: its 21-bit prefix for a random {@code r}, the rest random. */
    public static InfoHash derive(InetAddress ip, RandomGenerator random) {
        byte[] id = InfoHash.random(random).toBytes();
        int prefix = prefix(ip, id[InfoHash.BYTES - 1] & 7);
        id[0] = (byte) (prefix >>> 24);
        id[1] = (byte) (prefix >>> 16);
        id[2] = (byte) (((prefix >>> 8) & 0xf8) | (id[2] & 7));
        return InfoHash.fromBytes(id);
    }

    /** The CRC-32C of {@code ip} under BEP 42's mask with {@code r} in its top 3 bits. */
    static int prefix(InetAddress ip, int r) {
        byte[] mask = ip instanceof Inet4Address ? V4_MASK : V6_MASK;
        byte[] address = ip.getAddress();
        byte[] masked = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            masked[i] = (byte) (address[i] & mask[i]);
        }
        masked[0] |= (byte) (r << 5);
        CRC32C crc = new CRC32C();
        crc.update(masked);
        return (int) crc.getValue();
    }
}
