package io.rdht.core.transport;

/**
 * How an {@link InMemoryNetwork} treats datagrams: a one-way delay drawn uniformly between two
 * bounds (so datagrams can overtake each other) and a chance of loss.
 *
 * @param minDelayMillis shortest one-way delay
 * @param maxDelayMillis longest one-way delay
 * @param lossRate       chance in [0, 1) that a datagram is dropped
 */
public record NetworkConditions(long minDelayMillis, long maxDelayMillis, double lossRate) {

    /** Checks the bounds. */
    public NetworkConditions {
        if (minDelayMillis < 0 || maxDelayMillis < minDelayMillis) {
            throw new IllegalArgumentException(
                    "need 0 ≤ minDelay ≤ maxDelay, got " + minDelayMillis + ", " + maxDelayMillis);
        }
        if (!(lossRate >= 0 && lossRate < 1)) {
            throw new IllegalArgumentException("lossRate must be in [0, 1), got " + lossRate);
        }
    }

    /** A few milliseconds of delay and no loss. */
    public static NetworkConditions lan() {
        return new NetworkConditions(1, 5, 0);
    }

    /** The same delays with {@code rate} of datagrams lost. */
    public NetworkConditions withLoss(double rate) {
        return new NetworkConditions(minDelayMillis, maxDelayMillis, rate);
    }
}
