package io.rdht.core.lookup;

import io.rdht.core.routing.PrefixDiversity;
import java.util.Objects;

/**
 * A lookup's parameters.
 *
 * @param k         how many answering closest nodes end the lookup (Kademlia's K)
 * @param alpha     requests in flight at once (Kademlia's ALPHA)
 * @param capacity  candidates kept, closest first (OpenDHT keeps 14)
 * @param diversity how many of the K closest one block of addresses may be
 */
public record LookupSettings(int k, int alpha, int capacity, PrefixDiversity diversity) {
    /** Checks every setting. */
    public LookupSettings {
        if (k < 1 || alpha < 1) {
            throw new IllegalArgumentException("k and alpha must be ≥ 1, got " + k + ", " + alpha);
        }
        if (capacity < k) {
            throw new IllegalArgumentException("lookup capacity must be ≥ k (" + k + "), got " + capacity);
        }
        Objects.requireNonNull(diversity, "diversity");
    }

    /** Settings with the default {@link PrefixDiversity}. */
    public LookupSettings(int k, int alpha, int capacity) {
        this(k, alpha, capacity, PrefixDiversity.defaults());
    }

    /** A copy with another prefix diversity rule. */
    public LookupSettings withDiversity(PrefixDiversity rule) {
        return new LookupSettings(k, alpha, capacity, rule);
    }
}
