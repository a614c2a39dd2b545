package io.rdht.sim;

import io.rdht.core.InfoHash;
import io.rdht.core.NodeInfo;
import io.rdht.core.routing.IdBinding;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The best an eclipse attacker can do under id binding (BEP 42): it holds one /24 and runs up to
 * 8 nodes on each of its addresses, one per value of the 3-bit {@code r} that selects one of the
 * address's 8 fixed 21-bit id prefixes (each on its own port), and fills the rest of each id with
 * the target key's bits, so that every id fits its address and lies as close to the key as that
 * prefix allows. Of the 254 × 8 ids it can make, it runs those closest to the key.
 *
 * <p>Implementation note: the prefixes come from {@link IdBinding#derive}, drawn until each of the
 * 8 values of {@code r} has come up for an address, and every id made is checked with {@link
 * IdBinding#fits}.
 */
final class GroundIds {

    /** Bits of an id an address fixes. */
    static final int PREFIX_BITS = 21;

    private static final int R_VALUES = 8;
    private static final int MAX_DRAWS_PER_ADDRESS = 1_000;

    private GroundIds() {}

    /**
     * The {@code count} nodes closest to {@code target} that the hosts {@code block}.1 to
     * {@code block}.{@code hosts} can run with fitting ids, closest first; ports {@code basePort} + r.
     */
    static List<NodeInfo> closest(
            InfoHash target, byte[] block, int hosts, int basePort, int count, SplittableRandom random) {
        List<NodeInfo> all = new ArrayList<>(hosts * R_VALUES);
        for (int h = 1; h <= hosts; h++) {
            InetAddress ip = address(block, h);
            for (Map.Entry<Integer, InfoHash> e : prefixes(ip, random).entrySet()) {
                InfoHash id = fill(e.getValue(), target, e.getKey());
                if (!IdBinding.fits(id, ip)) {
                    throw new IllegalStateException("a ground id does not fit its address: " + id + " " + ip);
                }
                all.add(new NodeInfo(id, new InetSocketAddress(ip, basePort + e.getKey())));
            }
        }
        all.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }

    /** For each r, an id that fits {@code ip} with that r. */
    private static Map<Integer, InfoHash> prefixes(InetAddress ip, SplittableRandom random) {
        Map<Integer, InfoHash> byR = new HashMap<>();
        for (int i = 0; i < MAX_DRAWS_PER_ADDRESS && byR.size() < R_VALUES; i++) {
            InfoHash id = IdBinding.derive(ip, random);
            byR.putIfAbsent(id.byteAt(InfoHash.BYTES - 1) & 7, id);
        }
        if (byR.size() < R_VALUES) {
            throw new IllegalStateException("not every r came up in " + MAX_DRAWS_PER_ADDRESS + " draws");
        }
        return byR;
    }

    /** The first {@value #PREFIX_BITS} bits of {@code fitting}, then {@code target}'s bits, and r in the last 3. */
    private static InfoHash fill(InfoHash fitting, InfoHash target, int r) {
        byte[] id = target.toBytes();
        byte[] prefix = fitting.toBytes();
        id[0] = prefix[0];
        id[1] = prefix[1];
        id[2] = (byte) ((prefix[2] & 0xf8) | (id[2] & 0x07));
        id[InfoHash.BYTES - 1] = (byte) ((id[InfoHash.BYTES - 1] & 0xf8) | r);
        return InfoHash.fromBytes(id);
    }

    private static InetAddress address(byte[] block, int host) {
        try {
            return InetAddress.getByAddress(new byte[] {block[0], block[1], block[2], (byte) host});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always make an address", e);
        }
    }
}
