package io.rdht.core.lookup;

/**
 * A lookup's parameters.
 *
 * @param k        how many answering closest nodes end the lookup (Kademlia's K)
 * @param alpha    requests in flight at once (Kademlia's ALPHA)
 * @param capacity candidates kept, closest first (OpenDHT keeps 14)
 */
public record LookupSettings(int k, int alpha, int capacity) {
    /** Checks every setting. */
    public LookupSettings {
        if (k < 1 || alpha < 1) {
            throw new IllegalArgumentException("k and alpha must be ≥ 1, got " + k + ", " + alpha);
        }
        if (capacity < k) {
            throw new IllegalArgumentException("lookup capacity must be ≥ k (" + k + "), got " + capacity);
        }
    }
}
