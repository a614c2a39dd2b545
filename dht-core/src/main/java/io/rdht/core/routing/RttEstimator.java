package io.rdht.core.routing;

/**
 * A round-trip estimate in the manner of TCP's retransmission timer (RFC 6298): a smoothed RTT
 * and its mean deviation, from which {@link #timeoutMillis()} gives how long to wait for an
 * answer before sending again.
 *
 * <p>Implementation note: OpenDHT waits a fixed 0.5 s before its first retry; on a fast path that
 * turns one lost datagram into half a second of latency. An adaptive timeout costs a lost datagram
 * a few round trips instead.
 */
public final class RttEstimator {

    private final long floorMillis;
    private final long ceilingMillis;
    private double smoothed = -1;
    private double deviation;

    /**
     * Creates an estimator with no samples yet.
     *
     * @param floorMillis   the shortest timeout ever returned
     * @param ceilingMillis the longest timeout ever returned
     */
    public RttEstimator(long floorMillis, long ceilingMillis) {
        if (floorMillis < 1 || ceilingMillis < floorMillis) {
            throw new IllegalArgumentException("need 1 ≤ floor ≤ ceiling, got " + floorMillis + ", " + ceilingMillis);
        }
        this.floorMillis = floorMillis;
        this.ceilingMillis = ceilingMillis;
    }

    /** Takes one measured round trip into the estimate. */
    public void sample(double rttMillis) {
        if (smoothed < 0) {
            smoothed = rttMillis;
            deviation = rttMillis / 2;
        } else {
            deviation = 0.75 * deviation + 0.25 * Math.abs(smoothed - rttMillis);
            smoothed = 0.875 * smoothed + 0.125 * rttMillis;
        }
    }

    /** True once at least one round trip was measured. */
    public boolean hasSamples() {
        return smoothed >= 0;
    }

    /** The smoothed round trip in milliseconds, or -1 without samples. */
    public double smoothedMillis() {
        return smoothed;
    }

    /** Smoothed RTT plus four deviations, within floor and ceiling; the ceiling without samples. */
    public long timeoutMillis() {
        if (smoothed < 0) {
            return ceilingMillis;
        }
        long rto = (long) Math.ceil(smoothed + 4 * deviation);
        return Math.max(floorMillis, Math.min(ceilingMillis, rto));
    }
}
