package io.rdht.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The latencies of one phase, in an HdrHistogram at microsecond resolution with three significant
 * digits; any thread may record. Latencies past a minute are recorded as a minute.
 */
final class LatencyRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);

    /** Records one latency given in nanoseconds. */
    void recordNanos(long nanos) {
        histogram.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(nanos), 0, HIGHEST_MICROS));
    }

    /** Number of latencies recorded. */
    long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0–100) in milliseconds; 0 when nothing was recorded. */
    double millisAt(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The largest latency recorded, in milliseconds; 0 when nothing was recorded. */
    double maxMillis() {
        return histogram.getMaxValue() / 1000.0;
    }
}
