package io.rdht.core.routing;

import java.util.Objects;

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
 * @param failedMemoryMillis   how long a peer's failures count against it once it left the table
 * @param addressLimits        contacts one address, host or block of addresses may hold
 * @param idBinding            whether ids must fit the address they are seen from (BEP 42)
 */
public record RoutingSettings(
        int k,
        int maxFailures,
        long staleContactMillis,
        long bucketRefreshMillis,
        long initialTimeoutMillis,
        long minTimeoutMillis,
        long maxTimeoutMillis,
        long failedMemoryMillis,
        AddressLimits addressLimits,
        IdBinding idBinding) {

    /** Failed peers remembered at most, beyond the routing table. */
    static final int FAILED_PEERS_KEPT = 512;
    /** How long failures count by default: long enough to skip a crashed node, short enough to retry a healed one. */
    public static final long DEFAULT_FAILED_MEMORY_MILLIS = 5 * 60_000;

    /** Settings with the default failure memory and address limits. */
    public RoutingSettings(
            int k,
            int maxFailures,
            long staleContactMillis,
            long bucketRefreshMillis,
            long initialTimeoutMillis,
            long minTimeoutMillis,
            long maxTimeoutMillis) {
        this(
                k,
                maxFailures,
                staleContactMillis,
                bucketRefreshMillis,
                initialTimeoutMillis,
                minTimeoutMillis,
                maxTimeoutMillis,
                DEFAULT_FAILED_MEMORY_MILLIS,
                AddressLimits.defaults(),
                IdBinding.defaults());
    }

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
        if (failedMemoryMillis < 1) {
            throw new IllegalArgumentException("failedMemoryMillis must be ≥ 1, got " + failedMemoryMillis);
        }
        Objects.requireNonNull(addressLimits, "addressLimits");
        Objects.requireNonNull(idBinding, "idBinding");
        if (minTimeoutMillis < 1 || maxTimeoutMillis < minTimeoutMillis || initialTimeoutMillis < minTimeoutMillis) {
            throw new IllegalArgumentException("need 1 ≤ minTimeout ≤ initialTimeout and minTimeout ≤ maxTimeout, got "
                    + minTimeoutMillis + ", " + initialTimeoutMillis + ", " + maxTimeoutMillis);
        }
    }

    /** A copy with other address limits. */
    public RoutingSettings withAddressLimits(AddressLimits limits) {
        return new RoutingSettings(
                k,
                maxFailures,
                staleContactMillis,
                bucketRefreshMillis,
                initialTimeoutMillis,
                minTimeoutMillis,
                maxTimeoutMillis,
                failedMemoryMillis,
                limits,
                idBinding);
    }

    /** A copy with another id binding rule. */
    public RoutingSettings withIdBinding(IdBinding binding) {
        return new RoutingSettings(
                k,
                maxFailures,
                staleContactMillis,
                bucketRefreshMillis,
                initialTimeoutMillis,
                minTimeoutMillis,
                maxTimeoutMillis,
                failedMemoryMillis,
                addressLimits,
                binding);
    }

    RttEstimator newRttEstimator() {
        return new RttEstimator(minTimeoutMillis, maxTimeoutMillis);
    }
}
