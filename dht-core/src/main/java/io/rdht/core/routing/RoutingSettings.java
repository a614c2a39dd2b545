package io.rdht.core.routing;

/**
 * The routing table's parameters.
 *
 * @param k                    contacts per bucket (Kademlia's K)
 * @param maxFailures          unanswered requests in a row after which a contact is bad
 * @param staleContactMillis   silence after which a contact is pinged
 * @param bucketRefreshMillis  a bucket nobody looked into for this long is refreshed by a lookup
 * @param initialTimeoutMillis request timeout before any round trip was measured
 * @param minTimeoutMillis     the shortest adaptive request timeout
 * @param maxTimeoutMillis     the longest adaptive request timeout
 */
public record RoutingSettings(int k, int maxFailures, long staleContactMillis, long bucketRefreshMillis,
                              long initialTimeoutMillis, long minTimeoutMillis, long maxTimeoutMillis) {
    /** Checks every setting. */
    public RoutingSettings {
        if (k < 1) {
            throw new IllegalArgumentException("k must be ≥ 1, got " + k);
        }
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be ≥ 1, got " + maxFailures);
        }
        if (staleContactMillis < 1 || bucketRefreshMillis < 1) {
            throw new IllegalArgumentException("stale contact and bucket refresh periods must be positive");
        }
        if (minTimeoutMillis < 1 || maxTimeoutMillis < minTimeoutMillis || initialTimeoutMillis < minTimeoutMillis) {
            throw new IllegalArgumentException("need 1 ≤ minTimeout ≤ initialTimeout and minTimeout ≤ maxTimeout, got "
                    + minTimeoutMillis + ", " + initialTimeoutMillis + ", " + maxTimeoutMillis);
        }
    }

    RttEstimator newRttEstimator() {
        return new RttEstimator(minTimeoutMillis, maxTimeoutMillis);
    }
}
