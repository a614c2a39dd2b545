package io.rdht.sim;

import java.util.SplittableRandom;

/**
 * Round trips between nodes spread as on the Internet: each node has an access delay (one way,
 * drawn log-uniformly between two bounds, so short ones are as likely per octave as long ones), a
 * datagram from a to b takes access(a) + access(b), and each datagram adds up to
 * {@code jitterFraction} more, so datagrams overtake each other. With the defaults, 5–75 ms access
 * delays, round trips lie between 20 and 300 ms with a median near 90 ms.
 *
 * @param minAccessMillis shortest one-way access delay
 * @param maxAccessMillis longest one-way access delay
 * @param jitterFraction  a datagram's extra delay, at most this fraction of its base delay
 */
public record LatencyModel(double minAccessMillis, double maxAccessMillis, double jitterFraction) {

    /** Checks the bounds. */
    public LatencyModel {
        if (!(minAccessMillis > 0 && maxAccessMillis >= minAccessMillis && jitterFraction >= 0)) {
            throw new IllegalArgumentException("need 0 < minAccess ≤ maxAccess and jitter ≥ 0, got " + minAccessMillis
                    + ", " + maxAccessMillis + ", " + jitterFraction);
        }
    }

    /** Round trips of 20–300 ms, and up to 10% jitter. */
    public static LatencyModel internet() {
        return new LatencyModel(5, 75, 0.1);
    }

    /** A new node's one-way access delay. */
    public double accessMillis(SplittableRandom random) {
        return minAccessMillis * Math.pow(maxAccessMillis / minAccessMillis, random.nextDouble());
    }

    /** The delay of one datagram between nodes with the given access delays. */
    public long oneWayMillis(double fromAccess, double toAccess, SplittableRandom random) {
        double base = fromAccess + toAccess;
        return Math.round(base * (1 + jitterFraction * random.nextDouble()));
    }
}
