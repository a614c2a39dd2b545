package io.rdht.core.lookup;

import io.rdht.core.routing.PrefixDiversity;
import java.util.Objects;

/**
 * A lookup's parameters.
 *
 * @param k         how many answering closest nodes end the lookup (Kademlia's K)
 * @param alpha     requests in flight at once (Kademlia's ALPHA), per path
 * @param capacity  candidates kept, closest first (OpenDHT keeps 14), per path
 * @param paths     disjoint paths a lookup of a key runs over (S/Kademlia's d): 1 is plain Kademlia;
 *                  with more, each path starts from its own share of the initial contacts and no
 *                  node is asked by two paths (see {@link DisjointLookup}); at most {@link #MAX_PATHS}
 * @param diversity how many of the K closest one block of addresses may be
 * @param spreadLimit how many times farther from the target than the node's own K-th closest
 *                  contact is from the node the K-th closest node a lookup found may lie before the
 *                  lookup takes that set for a Sybil clique's and asks further
 *                  ({@link Lookup}, "sparse result"); 0 turns the check off (the engine's default is 4)
 */
public record LookupSettings(int k, int alpha, int capacity, int paths, PrefixDiversity diversity, double spreadLimit) {

    /** The most disjoint paths a lookup may run over: each costs about one plain lookup more. */
    public static final int MAX_PATHS = 8;

    /** Checks every setting. */
    public LookupSettings {
        if (k < 1 || alpha < 1) {
            throw new IllegalArgumentException("k and alpha must be ≥ 1, got " + k + ", " + alpha);
        }
        if (capacity < k) {
            throw new IllegalArgumentException("lookup capacity must be ≥ k (" + k + "), got " + capacity);
        }
        if (paths < 1 || paths > MAX_PATHS) {
            throw new IllegalArgumentException(
                    "disjoint lookup paths must be between 1 and " + MAX_PATHS + ", got " + paths);
        }
        Objects.requireNonNull(diversity, "diversity");
        if (!(spreadLimit == 0 || spreadLimit >= 1) || Double.isInfinite(spreadLimit)) {
            throw new IllegalArgumentException(
                    "lookup spread limit must be 0 (off) or a finite number ≥ 1, got " + spreadLimit);
        }
    }

    /** Settings of a plain Kademlia lookup (one path) with the default {@link PrefixDiversity}. */
    public LookupSettings(int k, int alpha, int capacity) {
        this(k, alpha, capacity, 1, PrefixDiversity.defaults(), 0);
    }

    /** A copy that runs lookups of keys over {@code d} disjoint paths. */
    public LookupSettings withPaths(int d) {
        return new LookupSettings(k, alpha, capacity, d, diversity, spreadLimit);
    }

    /** A copy with another prefix diversity rule. */
    public LookupSettings withDiversity(PrefixDiversity rule) {
        return new LookupSettings(k, alpha, capacity, paths, rule, spreadLimit);
    }

    /** A copy with another {@link #spreadLimit} (0: off). */
    public LookupSettings withSpreadLimit(double limit) {
        return new LookupSettings(k, alpha, capacity, paths, diversity, limit);
    }
}
