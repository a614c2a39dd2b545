package io.rdht.core.routing;

import io.rdht.core.NodeInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Storers spread over address blocks: among the K closest nodes a lookup settles on (those a put
 * stores on, a get waits for and a listen registers with), at most {@code maxPerPrefix} from one
 * IPv4 /24 or IPv6 /48; the next closest nodes of other blocks take the place of the rest. Local
 * addresses ({@link AddressBlock#isLocal}) are exempt unless {@code includeLocal} is set.
 *
 * <p>Threat-model note: whoever holds a block of addresses can place many nodes near a key, even
 * with ids bound to addresses ({@link IdBinding}); this caps what one block holds of a key's
 * storing set. It costs the honest network nothing while no block holds more than
 * {@code maxPerPrefix} of the K closest: lookups end as before.
 *
 * @param maxPerPrefix most nodes of one block among the K; 0 turns the rule off
 * @param includeLocal apply the rule to local and private addresses too
 */
public record PrefixDiversity(int maxPerPrefix, boolean includeLocal) {

    /** Checks the count. */
    public PrefixDiversity {
        if (maxPerPrefix < 0) {
            throw new IllegalArgumentException("maxPerPrefix must be ≥ 0 (0: off), got " + maxPerPrefix);
        }
    }

    /** Two per /24 or /48, local addresses exempt. */
    public static PrefixDiversity defaults() {
        return new PrefixDiversity(2, false);
    }

    /** No limit. */
    public static PrefixDiversity off() {
        return new PrefixDiversity(0, false);
    }

    /** The block {@code address} counts in, or {@code null} when the rule does not limit it. */
    public AddressBlock blockOf(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (maxPerPrefix == 0 || (!includeLocal && AddressBlock.isLocal(ip))) {
            return null;
        }
        return AddressBlock.of(ip, 3, 6);
    }

    /** A new count of nodes per block, to walk nodes closest first. */
    public Tally tally() {
        return new Tally(maxPerPrefix);
    }

    /** Up to {@code count} of {@code closestFirst}, in order, skipping those of a block already full. */
    public List<NodeInfo> spread(List<NodeInfo> closestFirst, int count) {
        Tally tally = tally();
        List<NodeInfo> out = new ArrayList<>(count);
        for (NodeInfo n : closestFirst) {
            if (out.size() == count) {
                break;
            }
            if (tally.take(blockOf(n.address()))) {
                out.add(n);
            }
        }
        return out;
    }

    /** Nodes counted per block, closest first. Not thread-safe. */
    public static final class Tally {
        private final int max;
        private Map<AddressBlock, Integer> counts;

        private Tally(int max) {
            this.max = max;
        }

        /** Counts a node of {@code block} ({@code null}: not limited); false when the block was already full. */
        public boolean take(AddressBlock block) {
            if (block == null) {
                return true;
            }
            if (counts == null) {
                counts = new HashMap<>();
            }
            int before = counts.getOrDefault(block, 0);
            if (before >= max) {
                return false;
            }
            counts.put(block, before + 1);
            return true;
        }
    }
}
