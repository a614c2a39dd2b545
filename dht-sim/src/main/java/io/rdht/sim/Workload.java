package io.rdht.sim;

import io.rdht.core.InfoHash;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * What the simulated users do while the network is measured.
 *
 * @param lookupsPerSecond lookups of random ids, from random nodes, across the network (Poisson)
 * @param values           values put at the start of the measurement, each from a random node
 * @param valueTtl         their TTL: they are probed by gets once a minute until then and after
 * @param listenKeys       keys followed by listeners
 * @param listenersPerKey  listeners on each key, each on a random node (one that dies is replaced)
 * @param publishInterval  how often a random node puts a new value to each listened key
 * @param deliveryWindow   how long after a put a listener has to receive it
 * @param oneReader        whether one node does all the values' gets (as a person at one node's console
 *                         does; another takes over if it dies) instead of a random node each time
 * @param key              the one key every lookup, value and listen is about (an eclipse's target),
 *                         or null for random keys
 */
public record Workload(
        double lookupsPerSecond,
        int values,
        Duration valueTtl,
        int listenKeys,
        int listenersPerKey,
        Duration publishInterval,
        Duration deliveryWindow,
        boolean oneReader,
        InfoHash key) {

    /** A workload of random keys. */
    public Workload(
            double lookupsPerSecond,
            int values,
            Duration valueTtl,
            int listenKeys,
            int listenersPerKey,
            Duration publishInterval,
            Duration deliveryWindow,
            boolean oneReader) {
        this(
                lookupsPerSecond,
                values,
                valueTtl,
                listenKeys,
                listenersPerKey,
                publishInterval,
                deliveryWindow,
                oneReader,
                null);
    }

    /** Checks the figures. */
    public Workload {
        if (lookupsPerSecond < 0 || values < 0 || listenKeys < 0 || listenersPerKey < 0) {
            throw new IllegalArgumentException("workload figures must not be negative");
        }
        if (valueTtl.isNegative()
                || valueTtl.isZero()
                || publishInterval.isNegative()
                || publishInterval.isZero()
                || deliveryWindow.isNegative()
                || deliveryWindow.isZero()) {
            throw new IllegalArgumentException("workload durations must be positive");
        }
    }

    /**
     * 2 lookups/s, 100 values with a 30 min TTL got by random nodes, 10 keys × 20 listeners with a
     * put every 30 s.
     */
    public static Workload defaults() {
        return new Workload(
                2, 100, Duration.ofMinutes(30), 10, 20, Duration.ofSeconds(30), Duration.ofSeconds(30), false);
    }

    /** This workload about {@code key} alone. */
    Workload about(InfoHash key) {
        return new Workload(
                lookupsPerSecond,
                values,
                valueTtl,
                listenKeys,
                listenersPerKey,
                publishInterval,
                deliveryWindow,
                oneReader,
                key);
    }

    /** The key of the next lookup, value or listened key: {@link #key}, or a random one. */
    InfoHash nextKey(SplittableRandom random) {
        return key != null ? key : InfoHash.random(random);
    }
}
