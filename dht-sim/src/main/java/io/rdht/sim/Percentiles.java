package io.rdht.sim;

/**
 * A distribution in brief: how many measurements, and three percentiles (nearest rank). All zero
 * when nothing was measured.
 *
 * @param count measurements
 * @param p50   median
 * @param p95   95th percentile
 * @param p99   99th percentile
 */
record Percentiles(long count, long p50, long p95, long p99) {

    /** Nothing measured. */
    static final Percentiles NONE = new Percentiles(0, 0, 0, 0);

    /** The percentiles of {@code samples}. */
    static Percentiles of(Samples samples) {
        return new Percentiles(samples.size(), samples.percentile(50), samples.percentile(95), samples.percentile(99));
    }
}
